import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { DnsStatusService } from './dns-status.service.js';
import { DnsStatusResponseDto } from './dto/dns-status.dto.js';

@ApiTags('dns')
@Controller('dns-status')
export class DnsStatusController {
  constructor(private readonly status: DnsStatusService) {}

  @Get()
  @RequirePermission('domains:read')
  @ApiOperation({
    summary:
      'The DNS state of each domain you reach (the first 200 by name): records ok, with problems and unverified since the last verification, and when they were last published. For the dashboard.',
  })
  @ApiOkResponse({ type: DnsStatusResponseDto })
  getDnsStatus(@Ctx() ctx: RequestContext): Promise<DnsStatusResponseDto> {
    return this.status.status(ctx);
  }
}
