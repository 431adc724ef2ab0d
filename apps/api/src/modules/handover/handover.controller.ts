import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { AddressParam } from '../../common/http/params.js';
import { HandoverResponseDto } from './dto/handover.dto.js';
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
}
