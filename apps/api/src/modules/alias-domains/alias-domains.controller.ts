import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems, PageOf } from '../../common/http/api-docs.decorators.js';
import { DomainNameParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/cursor.js';
import { AliasDomainsService } from './alias-domains.service.js';
import { AliasDomainResponseDto } from './dto/alias-domain-response.dto.js';
import { CreateAliasDomainDto } from './dto/create-alias-domain.dto.js';
import { ListAliasDomainsQueryDto } from './dto/list-alias-domains-query.dto.js';

const AliasDomainPageDto = PageOf(AliasDomainResponseDto, 'AliasDomainPageDto');

@ApiTags('alias-domains')
@Controller('alias-domains')
export class AliasDomainsController {
  constructor(private readonly aliasDomains: AliasDomainsService) {}

  @Get()
  @RequirePermission('domains:read')
  @ApiOperation({ summary: 'List alias domains of the domains you can reach.' })
  @ApiOkResponse({ type: AliasDomainPageDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  listAliasDomains(
    @Ctx() ctx: RequestContext,
    @Query() query: ListAliasDomainsQueryDto,
  ): Promise<Page<AliasDomainResponseDto>> {
    return this.aliasDomains.list(ctx, query);
  }

  @Post()
  @RequirePermission('domains:write')
  @ApiOperation({ summary: 'Add an alias domain. Needs access to all domains.' })
  @ApiCreatedResponse({ type: AliasDomainResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [409, 'ALIAS_DOMAIN_EXISTS'], [422, 'VALIDATION_FAILED'])
  createAliasDomain(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateAliasDomainDto,
  ): Promise<AliasDomainResponseDto> {
    return this.aliasDomains.create(ctx, dto);
  }

  @Get(':name')
  @RequirePermission('domains:read')
  @ApiOperation({ summary: 'Get an alias domain.' })
  @ApiOkResponse({ type: AliasDomainResponseDto })
  @ApiProblems([404, 'ALIAS_DOMAIN_NOT_FOUND'])
  getAliasDomain(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('name') name: string,
  ): Promise<AliasDomainResponseDto> {
    return this.aliasDomains.get(ctx, name);
  }

  @Delete(':name')
  @HttpCode(204)
  @RequirePermission('domains:write')
  @ApiOperation({ summary: 'Remove an alias domain. Needs access to all domains.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems([404, 'ALIAS_DOMAIN_NOT_FOUND'])
  async deleteAliasDomain(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('name') name: string,
  ): Promise<void> {
    await this.aliasDomains.delete(ctx, name);
  }
}
