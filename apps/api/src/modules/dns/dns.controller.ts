import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { withEtag } from '../../common/http/etag.js';
import { RequestLanguage, type Language } from '../../common/http/language.js';
import { DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import { DnsRecordsService } from './dns-records.service.js';
import { DnsVerificationService } from './dns-verification.service.js';
import { DnsRecordsQueryDto, DnsRecordsResponseDto } from './dto/dns-record.dto.js';
import { DnsSettingsDto, DnsSettingsResponseDto } from './dto/dns-settings.dto.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a GET ("0" while nothing is set); 412 if it is stale.',
};

@ApiTags('dns')
@Controller('domains/:domain')
export class DnsController {
  constructor(
    private readonly records: DnsRecordsService,
    private readonly verification: DnsVerificationService,
  ) {}

  @Get('dns-settings')
  @RequirePermission('domains:read')
  @ApiOperation({
    summary:
      'A domain’s choices for its DNS records: `own` (null: default) and `effective`. Sets ETag.',
  })
  @ApiOkResponse({ type: DnsSettingsResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'])
  async getDnsSettings(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DnsSettingsResponseDto> {
    return withEtag(response, await this.records.getSettings(ctx, domain));
  }

  @Put('dns-settings')
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Set a domain’s SPF, DMARC and MTA-STS choices (every field; null or absent uses the default). Honours If-Match.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DnsSettingsResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [412, 'PRECONDITION_FAILED'], [422, 'VALIDATION_FAILED'])
  async putDnsSettings(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: DnsSettingsDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DnsSettingsResponseDto> {
    return withEtag(response, await this.records.putSettings(ctx, domain, dto, version));
  }

  @Get('dns-records')
  @RequirePermission('domains:read')
  @ApiOperation({
    summary:
      'Every DNS record the domain needs, each with why (in the Accept-Language, en or ja) and what the last verification found. `format=zone`: the same as a zone file fragment.',
  })
  @ApiExtraModels(DnsRecordsResponseDto)
  @ApiOkResponse({
    description: 'JSON, or with `format=zone` the zone file fragment.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DnsRecordsResponseDto) } },
      'text/dns': { schema: { type: 'string' } },
    },
  })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  async listDnsRecords(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Query() query: DnsRecordsQueryDto,
    @RequestLanguage() language: Language,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DnsRecordsResponseDto | string> {
    if (query.format === 'zone') {
      const zone = await this.records.zone(ctx, domain);
      response.setHeader('Content-Type', 'text/dns; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${domain}.zone"`);
      return zone;
    }
    return this.records.list(ctx, domain, language);
  }

  @Post('dns-records/verify')
  @HttpCode(200)
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Look every record up through DNS_RESOLVER now and store what was found: each becomes ok, missing or mismatch. Changes of state are audited. Answers the records as GET does.',
  })
  @ApiOkResponse({ type: DnsRecordsResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [503, 'DNS_RESOLVER_UNAVAILABLE'])
  verifyDnsRecords(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @RequestLanguage() language: Language,
  ): Promise<DnsRecordsResponseDto> {
    return this.verification.verify(ctx, domain, language);
  }
}
