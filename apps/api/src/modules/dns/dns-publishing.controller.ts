import { Body, Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { etagFor, withEtag } from '../../common/http/etag.js';
import { DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import {
  DnsPublishingDto,
  DnsPublishingResponseDto,
  DnsPublishResponseDto,
} from './dto/dns-publishing.dto.js';
import { DnsPublishingService } from './publishing/dns-publishing.service.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a GET ("0" while nothing is set); 412 if it is stale.',
};

@ApiTags('dns')
@Controller('domains/:domain')
export class DnsPublishingController {
  constructor(private readonly publishing: DnsPublishingService) {}

  @Get('dns-publishing')
  @RequirePermission('domains:read')
  @ApiOperation({
    summary:
      'Where the domain’s records are published (RFC 2136): server, zone and TSIG key, never the secret. Sets ETag.',
  })
  @ApiOkResponse({ type: DnsPublishingResponseDto })
  @ApiNoContentResponse({
    description: 'Nothing is set up yet (ETag "0", for a first PUT with If-Match).',
  })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'])
  async getDnsPublishing(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DnsPublishingResponseDto | undefined> {
    const settings = await this.publishing.get(ctx, domain);
    if (settings !== undefined) return withEtag(response, settings);
    response.status(204).setHeader('ETag', etagFor(0));
    return undefined;
  }

  @Put('dns-publishing')
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Set the authoritative server, zone and TSIG key to publish the domain’s records with. The secret is sealed and never returned. Honours If-Match.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DnsPublishingResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [412, 'PRECONDITION_FAILED'], [422, 'VALIDATION_FAILED'])
  async putDnsPublishing(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: DnsPublishingDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DnsPublishingResponseDto> {
    return withEtag(response, await this.publishing.put(ctx, domain, dto, version));
  }

  @Delete('dns-publishing')
  @HttpCode(204)
  @RequirePermission('domains:write')
  @ApiOperation({ summary: 'Stop publishing: forget the server and the key. Honours If-Match.' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse()
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND', 'DNS_PUBLISHING_NOT_CONFIGURED'],
    [412, 'PRECONDITION_FAILED'],
  )
  deleteDnsPublishing(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @IfMatchVersion() version: number | undefined,
  ): Promise<void> {
    return this.publishing.delete(ctx, domain, version);
  }

  @Post('dns-records/publish')
  @HttpCode(200)
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Publish the records now by an RFC 2136 UPDATE signed with TSIG: each RRset Yubin owns is replaced by the desired values, and records Yubin published before that are no longer needed are withdrawn. One atomic update: on any error nothing was changed.',
  })
  @ApiOkResponse({ type: DnsPublishResponseDto })
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND'],
    [409, 'DNS_PUBLISHING_NOT_CONFIGURED'],
    [
      502,
      'DNS_TSIG_KEY_UNKNOWN',
      'DNS_TSIG_SIGNATURE_INVALID',
      'DNS_TSIG_TIME_INVALID',
      'DNS_UPDATE_NOT_AUTHORITATIVE',
      'DNS_UPDATE_REFUSED',
      'DNS_UPDATE_FAILED',
    ],
    [503, 'DNS_SERVER_UNREACHABLE'],
  )
  publishDnsRecords(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
  ): Promise<DnsPublishResponseDto> {
    return this.publishing.publish(ctx, domain);
  }
}
