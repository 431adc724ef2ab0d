import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { AddressParam } from '../../common/http/params.js';
import { RequestLocale, type Locale } from '../../common/i18n/locale.js';
import { DiagnosticsQueryDto, DiagnosticsResponseDto } from './dto/diagnostics.dto.js';
import { DiagnosticsService } from './diagnostics.service.js';
import { SendCheckDto, SendCheckResponseDto } from './dto/send-check.dto.js';
import { SendCheckService } from './send-check.service.js';

const CHECKS =
  'Each check has a status (ok, warn, fail), a stable code, a message in the language of Accept-Language (en, ja) and the action that fixes it.';

@ApiTags('diagnostics')
@Controller()
export class DiagnosticsController {
  constructor(
    private readonly diagnostics: DiagnosticsService,
    private readonly sendCheck: SendCheckService,
  ) {}

  @Get('mailboxes/:address/diagnostics')
  @RequirePermission('mailboxes:read')
  @ApiOperation({
    summary: `Why a mailbox cannot send or receive: the checks the helpdesk works through, with the fix you may apply beside each. ${CHECKS}`,
  })
  @ApiOkResponse({ type: DiagnosticsResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  getMailboxDiagnostics(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Query() query: DiagnosticsQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<DiagnosticsResponseDto> {
    return this.diagnostics.forMailbox(ctx, address, query, locale);
  }

  @Post('mailboxes/:address/diagnostics/send-check')
  @HttpCode(200)
  @RequirePermission('mailboxes:read')
  @ApiOperation({
    summary:
      'Would this message go through? Answered from the tables Postfix and Dovecot read, in the order they apply their rules: the first rule that refuses it, or `accepted`. Mail to this mailbox is checked as mail from the Internet; mail to anyone else as mail this mailbox sends (signed in, port 587). Sends nothing.',
  })
  @ApiOkResponse({ type: SendCheckResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  checkMailboxSend(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: SendCheckDto,
    @RequestLocale() locale: Locale,
  ): Promise<SendCheckResponseDto> {
    return this.sendCheck.check(ctx, address, dto, locale);
  }

  @Get('me/diagnostics')
  @Authenticated()
  @ApiOperation({
    summary: `Why your mail may not work: the same checks, for your own mailbox. ${CHECKS}`,
  })
  @ApiOkResponse({ type: DiagnosticsResponseDto })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'], [422, 'VALIDATION_FAILED'])
  getMyDiagnostics(
    @Ctx() ctx: RequestContext,
    @Query() query: DiagnosticsQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<DiagnosticsResponseDto> {
    return this.diagnostics.mine(ctx, query, locale);
  }
}
