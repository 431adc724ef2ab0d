import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems, PageOf, ApiBodyExamples } from '../../common/http/api-docs.decorators.js';
import { created, withEtag } from '../../common/http/etag.js';
import { AddressParam, DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/cursor.js';
import { CreateMailboxDto } from './dto/create-mailbox.dto.js';
import { ListMailboxesQueryDto } from './dto/list-mailboxes-query.dto.js';
import {
  CreatedMailboxResponseDto,
  MailboxResponseDto,
  PasswordResetResponseDto,
} from './dto/mailbox-response.dto.js';
import { PasswordResetDto } from './dto/password-reset.dto.js';
import { SearchMailboxesQueryDto } from './dto/search-mailboxes-query.dto.js';
import { UpdateMailboxDto } from './dto/update-mailbox.dto.js';
import { MailboxPasswordsService } from './mailbox-passwords.service.js';
import { MailboxesService } from './mailboxes.service.js';

const MailboxPageDto = PageOf(MailboxResponseDto, 'MailboxPageDto');
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a GET; 412 if it is stale.',
};

@ApiTags('mailboxes')
@Controller()
export class MailboxesController {
  constructor(
    private readonly mailboxes: MailboxesService,
    private readonly passwords: MailboxPasswordsService,
  ) {}

  @Get('mailboxes')
  @RequirePermission('mailboxes:read')
  @ApiOperation({
    summary:
      'Search mailboxes across every domain you can reach: by address prefix (`q`), or the fullest first (`sort=-usedRatio`, `minUsedRatio=0.8` for those near their quota).',
  })
  @ApiOkResponse({ type: MailboxPageDto })
  @ApiProblems([422, 'VALIDATION_FAILED'])
  searchMailboxes(
    @Ctx() ctx: RequestContext,
    @Query() query: SearchMailboxesQueryDto,
  ): Promise<Page<MailboxResponseDto>> {
    return this.mailboxes.search(ctx, query);
  }

  @Get('domains/:domain/mailboxes')
  @RequirePermission('mailboxes:read')
  @ApiOperation({
    summary: 'List a domain’s mailboxes. `q` is a prefix of the address or display name.',
  })
  @ApiOkResponse({ type: MailboxPageDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  listMailboxes(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Query() query: ListMailboxesQueryDto,
  ): Promise<Page<MailboxResponseDto>> {
    return this.mailboxes.list(ctx, domain, query);
  }

  @Post('domains/:domain/mailboxes')
  @RequirePermission('mailboxes:write')
  @ApiOperation({
    summary:
      'Create a mailbox. Without a password, a temporary one is returned once and must be changed.',
  })
  @ApiCreatedResponse({ type: CreatedMailboxResponseDto })
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND'],
    [
      409,
      'MAILBOX_EXISTS',
      'ADDRESS_IN_USE',
      'SIGN_IN_ADDRESS_TAKEN',
      'DOMAIN_MAILBOX_LIMIT_REACHED',
      'QUOTA_EXCEEDS_DOMAIN_MAX',
      'QUOTA_EXCEEDS_DOMAIN_POOL',
      'QUOTA_UNLIMITED_NOT_ALLOWED',
    ],
    [
      422,
      'VALIDATION_FAILED',
      'PASSWORD_POLICY_VIOLATION',
      'PASSWORD_HASH_TOO_COSTLY',
      'FORWARD_DESTINATION_UNKNOWN',
    ],
  )
  @ApiBodyExamples(CreateMailboxDto, {
    generated: {
      summary: 'A generated temporary password, shown once',
      value: { localPart: 'alice', displayName: 'Alice Tanaka' },
    },
    password: {
      summary: 'A password you choose, and a quota',
      value: {
        localPart: 'alice',
        displayName: 'Alice Tanaka',
        password: 'Plum-orbit-cascade-41-Kyoto',
        quotaBytes: 5_368_709_120,
      },
    },
    imported: {
      summary: 'A hash imported from another mail system',
      value: {
        localPart: 'bob',
        passwordHash:
          '{SHA512-CRYPT}$6$saltsaltsalt$o14.d6BwYlZzAkJftkCY5vGcFs0xvJUaVpQmTqWrTnEGrUDlVuXORaKPPPA0ftlXpQ1rJQw75QhWL/mGZKJly.',
      },
    },
  })
  async createMailbox(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: CreateMailboxDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CreatedMailboxResponseDto> {
    return created(
      response,
      (mailbox) => `/api/v1/mailboxes/${mailbox.address}`,
      await this.mailboxes.create(ctx, domain, dto),
    );
  }

  @Get('mailboxes/:address')
  @RequirePermission('mailboxes:read')
  @ApiOperation({ summary: 'Get a mailbox. Sets ETag. Deleted mailboxes are 404.' })
  @ApiOkResponse({ type: MailboxResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'])
  async getMailbox(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MailboxResponseDto> {
    return withEtag(response, await this.mailboxes.get(ctx, address));
  }

  @Patch('mailboxes/:address')
  @RequirePermission('mailboxes:write')
  @ApiOperation({
    summary:
      'Change a mailbox, its forwarding included (forwardTo, keepCopy). Takes effect for the mail server at once. Honours If-Match.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MailboxResponseDto })
  @ApiProblems(
    [404, 'MAILBOX_NOT_FOUND'],
    [409, 'QUOTA_EXCEEDS_DOMAIN_MAX', 'QUOTA_EXCEEDS_DOMAIN_POOL', 'QUOTA_UNLIMITED_NOT_ALLOWED'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'VALIDATION_FAILED', 'PASSWORD_POLICY_VIOLATION', 'FORWARD_DESTINATION_UNKNOWN'],
  )
  async updateMailbox(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: UpdateMailboxDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MailboxResponseDto> {
    return withEtag(response, await this.mailboxes.update(ctx, address, dto, version));
  }

  @Delete('mailboxes/:address')
  @HttpCode(204)
  @RequirePermission('mailboxes:write')
  @ApiOperation({
    summary:
      'Delete a mailbox: it stops receiving and logging in at once, and can be restored until the retention period ends.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted (restorable).' })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], [412, 'PRECONDITION_FAILED'])
  async deleteMailbox(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @IfMatchVersion() version: number | undefined,
  ): Promise<void> {
    await this.mailboxes.delete(ctx, address, version);
  }

  @Post('mailboxes/:address/restore')
  @HttpCode(200)
  @RequirePermission('mailboxes:write')
  @ApiOperation({ summary: 'Restore a deleted mailbox, with its settings and password.' })
  @ApiOkResponse({ type: MailboxResponseDto })
  @ApiProblems(
    [404, 'MAILBOX_NOT_FOUND'],
    [
      409,
      'MAILBOX_NOT_DELETED',
      'MAILBOX_EXISTS',
      'ADDRESS_IN_USE',
      'SIGN_IN_ADDRESS_TAKEN',
      'DOMAIN_MAILBOX_LIMIT_REACHED',
    ],
  )
  async restoreMailbox(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MailboxResponseDto> {
    return withEtag(response, await this.mailboxes.restore(ctx, address));
  }

  @Post('mailboxes/:address/password-reset')
  @HttpCode(200)
  @RequirePermission('mailboxes:credentials')
  @ApiOperation({
    summary:
      'Reset the password. With no body, a temporary password is returned once and the user must change it; with {"password"}, that password is set.',
  })
  @ApiOkResponse({ type: PasswordResetResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], [422, 'VALIDATION_FAILED', 'PASSWORD_POLICY_VIOLATION'])
  resetMailboxPassword(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    // No body at all arrives as {} (ValidationPipe), i.e. "generate a temporary password".
    @Body() dto: PasswordResetDto,
  ): Promise<PasswordResetResponseDto> {
    return this.passwords.reset(ctx, address, dto);
  }

  @Post('mailboxes/:address/unlock')
  @HttpCode(204)
  @RequirePermission('mailboxes:credentials')
  @ApiOperation({
    summary: 'Lift the sign-in lock that repeated failed attempts put on the account.',
  })
  @ApiNoContentResponse({ description: 'Unlocked (or was not locked).' })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'])
  async unlockMailbox(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
  ): Promise<void> {
    await this.passwords.unlock(ctx, address);
  }
}
