import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems, PageOf } from '../../common/http/api-docs.decorators.js';
import type { Page } from '../../common/pagination/cursor.js';
import { AuditService } from './audit.service.js';
import { AuditEventResponseDto } from './dto/audit-event-response.dto.js';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto.js';

const AuditEventPageDto = PageOf(AuditEventResponseDto, 'AuditEventPageDto');

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({ summary: 'List audit events, newest first, within your domains.' })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems([422, 'VALIDATION_FAILED'])
  listAuditEvents(
    @Ctx() ctx: RequestContext,
    @Query() query: ListAuditEventsQueryDto,
  ): Promise<Page<AuditEventResponseDto>> {
    return this.audit.list(ctx, query);
  }
}
