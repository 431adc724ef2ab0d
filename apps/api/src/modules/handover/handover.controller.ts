import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiBodyExamples, ApiProblems } from '../../common/http/api-docs.decorators.js';
import { AddressParam } from '../../common/http/params.js';
import { HandoverResponseDto } from './dto/handover.dto.js';
import { HandoverSentResponseDto, SendHandoverDto } from './dto/send-handover.dto.js';
import { HandoverService } from './handover.service.js';

@ApiTags('mailboxes')
@Controller()
export class HandoverController {
  constructor(private readonly handover: HandoverService) {}

  @Get('mailboxes/:address/handover')
  @RequirePermission('mailboxes:read')
  @ApiOperation({
    summary:
      'What to hand a new user with their address and temporary password: server names, ports, security and the autoconfiguration link. The password itself is never here.',
  })
  @ApiOkResponse({ type: HandoverResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'])
  getMailboxHandover(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
  ): Promise<HandoverResponseDto> {
    return this.handover.sheet(ctx, address);
  }

  @Post('mailboxes/:address/handover/send')
  @HttpCode(200)
  @RequirePermission('mailboxes:credentials')
  @ApiOperation({
    summary:
      'Mail the handover sheet, in the mailbox’s language, to one other address (the user’s private one). With `temporaryPassword` (the one just made, which Yubin does not keep) it is included, if it is still the current password to be changed. At most 5 sends an hour for a mailbox.',
  })
  @ApiOkResponse({ type: HandoverSentResponseDto })
  @ApiProblems(
    [404, 'MAILBOX_NOT_FOUND'],
    [409, 'OUTBOUND_MAIL_NOT_CONFIGURED'],
    [422, 'VALIDATION_FAILED', 'HANDOVER_PASSWORD_NOT_CURRENT'],
    [429, 'RATE_LIMITED'],
    [502, 'HANDOVER_MAIL_FAILED'],
  )
  @ApiBodyExamples(SendHandoverDto, {
    withPassword: {
      summary: 'With the temporary password just made',
      value: { to: 'hana.private@example.org', temporaryPassword: 'kite-ribbon-5823-amber' },
    },
    withoutPassword: {
      summary: 'Without a password (the user has set their own)',
      value: { to: 'hana.private@example.org' },
    },
  })
  sendMailboxHandover(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: SendHandoverDto,
  ): Promise<HandoverSentResponseDto> {
    return this.handover.send(ctx, address, dto);
  }
}
