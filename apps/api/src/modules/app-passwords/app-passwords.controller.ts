import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { AddressParam, UuidParam } from '../../common/http/params.js';
import { AppPasswordsService } from './app-passwords.service.js';
import {
  AppPasswordResponseDto,
  CreateAppPasswordDto,
  CreatedAppPasswordResponseDto,
} from './dto/app-password.dto.js';

@ApiTags('app-passwords')
@Controller()
export class AppPasswordsController {
  constructor(private readonly appPasswords: AppPasswordsService) {}

  @Get('me/app-passwords')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'Your app passwords (never the passwords themselves).' })
  @ApiOkResponse({ type: [AppPasswordResponseDto] })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'])
  listMyAppPasswords(@Ctx() ctx: RequestContext): Promise<AppPasswordResponseDto[]> {
    return this.appPasswords.listMine(ctx);
  }

  @Post('me/app-passwords')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary:
      'Make a password for one mail app. With 2FA on, mail apps accept only these. The password is in this response only.',
  })
  @ApiCreatedResponse({ type: CreatedAppPasswordResponseDto })
  @ApiProblems(
    [403, 'NOT_A_MAILBOX_USER'],
    [409, 'APP_PASSWORD_LIMIT_REACHED'],
    [422, 'VALIDATION_FAILED'],
  )
  createMyAppPassword(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateAppPasswordDto,
  ): Promise<CreatedAppPasswordResponseDto> {
    return this.appPasswords.createMine(ctx, dto);
  }

  @Delete('me/app-passwords/:id')
  @HttpCode(204)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary: 'Delete one of your app passwords; the app using it is refused at once.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'], [404, 'APP_PASSWORD_NOT_FOUND'])
  async deleteMyAppPassword(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'APP_PASSWORD_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.appPasswords.deleteMine(ctx, id);
  }

  @Get('mailboxes/:address/app-passwords')
  @RequirePermission('mailboxes:read')
  @ApiOperation({ summary: 'A mailbox’s app passwords.' })
  @ApiOkResponse({ type: [AppPasswordResponseDto] })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'])
  listMailboxAppPasswords(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
  ): Promise<AppPasswordResponseDto[]> {
    return this.appPasswords.listFor(ctx, address);
  }

  @Post('mailboxes/:address/app-passwords')
  @RequirePermission('mailboxes:credentials')
  @ApiOperation({
    summary:
      'Issue an app password for a user (e.g. helpdesk setting up their phone). Audited; shown once.',
  })
  @ApiCreatedResponse({ type: CreatedAppPasswordResponseDto })
  @ApiProblems(
    [404, 'MAILBOX_NOT_FOUND'],
    [409, 'APP_PASSWORD_LIMIT_REACHED'],
    [422, 'VALIDATION_FAILED'],
  )
  createMailboxAppPassword(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: CreateAppPasswordDto,
  ): Promise<CreatedAppPasswordResponseDto> {
    return this.appPasswords.issueFor(ctx, address, dto);
  }

  @Delete('mailboxes/:address/app-passwords/:id')
  @HttpCode(204)
  @RequirePermission('mailboxes:credentials')
  @ApiOperation({ summary: 'Revoke one of a user’s app passwords.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND', 'APP_PASSWORD_NOT_FOUND'])
  async deleteMailboxAppPassword(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @UuidParam('id', 'APP_PASSWORD_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.appPasswords.revokeFor(ctx, address, id);
  }
}
