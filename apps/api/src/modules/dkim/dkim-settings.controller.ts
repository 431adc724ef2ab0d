import { Body, Controller, Get, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { withEtag } from '../../common/http/etag.js';
import { DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import { DkimSettingsService } from './dkim-settings.service.js';
import { DkimSettingsDto, DkimSettingsResponseDto } from './dto/dkim-settings.dto.js';

@ApiTags('dns')
@Controller('domains/:domain/dkim-settings')
export class DkimSettingsController {
  constructor(private readonly settings: DkimSettingsService) {}

  @Get()
  @RequirePermission('domains:read')
  @ApiOperation({
    summary:
      'A domain’s DKIM schedule: rotate every N days, keep a replaced key N days; `own` (null: default) and `effective`. Sets ETag.',
  })
  @ApiOkResponse({ type: DkimSettingsResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'])
  async getDkimSettings(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DkimSettingsResponseDto> {
    return withEtag(response, await this.settings.get(ctx, domain));
  }

  @Put()
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Set a domain’s DKIM schedule (both fields; null or absent uses the default). Honours If-Match.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag from a GET ("0" while nothing is set); 412 if it is stale.',
  })
  @ApiOkResponse({ type: DkimSettingsResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [412, 'PRECONDITION_FAILED'], [422, 'VALIDATION_FAILED'])
  async putDkimSettings(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: DkimSettingsDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DkimSettingsResponseDto> {
    return withEtag(response, await this.settings.put(ctx, domain, dto, version));
  }
}
