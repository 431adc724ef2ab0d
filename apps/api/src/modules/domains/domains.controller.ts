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
import { ApiProblems, PageOf } from '../../common/http/api-docs.decorators.js';
import { created, withEtag } from '../../common/http/etag.js';
import { DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/cursor.js';
import { DomainsService } from './domains.service.js';
import { CreateDomainDto } from './dto/create-domain.dto.js';
import { DeleteDomainQueryDto } from './dto/delete-domain-query.dto.js';
import { DomainResponseDto } from './dto/domain-response.dto.js';
import { ListDomainsQueryDto } from './dto/list-domains-query.dto.js';
import { UpdateDomainDto } from './dto/update-domain.dto.js';

const DomainPageDto = PageOf(DomainResponseDto, 'DomainPageDto');
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a GET; 412 if it is stale.',
};

@ApiTags('domains')
@Controller('domains')
export class DomainsController {
  constructor(private readonly domains: DomainsService) {}

  @Get()
  @RequirePermission('domains:read')
  @ApiOperation({ summary: 'List domains you can reach. Searches `q` as a name prefix.' })
  @ApiOkResponse({ type: DomainPageDto })
  @ApiProblems([422, 'VALIDATION_FAILED'])
  listDomains(
    @Ctx() ctx: RequestContext,
    @Query() query: ListDomainsQueryDto,
  ): Promise<Page<DomainResponseDto>> {
    return this.domains.list(ctx, query);
  }

  @Post()
  @RequirePermission('domains:write')
  @ApiOperation({ summary: 'Create a domain. Needs access to all domains.' })
  @ApiCreatedResponse({ type: DomainResponseDto })
  @ApiProblems([409, 'DOMAIN_EXISTS'], [422, 'VALIDATION_FAILED'])
  async createDomain(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateDomainDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DomainResponseDto> {
    return created(
      response,
      (domain) => `/api/v1/domains/${domain.name}`,
      await this.domains.create(ctx, dto),
    );
  }

  @Get(':name')
  @RequirePermission('domains:read')
  @ApiOperation({ summary: 'Get a domain, with its counts and usage. Sets ETag.' })
  @ApiOkResponse({ type: DomainResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'])
  async getDomain(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('name') name: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DomainResponseDto> {
    return withEtag(response, await this.domains.get(ctx, name));
  }

  @Patch(':name')
  @RequirePermission('domains:write')
  @ApiOperation({ summary: 'Change a domain’s settings and limits. Honours If-Match.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DomainResponseDto })
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND'],
    [409, 'DOMAIN_LIMIT_BELOW_USAGE'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'VALIDATION_FAILED'],
  )
  async updateDomain(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('name') name: string,
    @Body() dto: UpdateDomainDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DomainResponseDto> {
    return withEtag(response, await this.domains.update(ctx, name, dto, version));
  }

  @Delete(':name')
  @HttpCode(204)
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Delete a domain. Refused while it has mailboxes, unless force=true. Needs access to all domains.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [409, 'DOMAIN_NOT_EMPTY'], [412, 'PRECONDITION_FAILED'])
  async deleteDomain(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('name') name: string,
    @Query() query: DeleteDomainQueryDto,
    @IfMatchVersion() version: number | undefined,
  ): Promise<void> {
    await this.domains.delete(ctx, name, query.force, version);
  }
}
