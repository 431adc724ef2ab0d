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
import { ApiProblems, PageOf, ApiBodyExamples } from '../../common/http/api-docs.decorators.js';
import { created, withEtag } from '../../common/http/etag.js';
import { AddressParam, DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/cursor.js';
import { AliasesService } from './aliases.service.js';
import { AliasResponseDto } from './dto/alias-response.dto.js';
import { CreateAliasDto } from './dto/create-alias.dto.js';
import { ListAliasesQueryDto } from './dto/list-aliases-query.dto.js';
import { UpdateAliasDto } from './dto/update-alias.dto.js';

const AliasPageDto = PageOf(AliasResponseDto, 'AliasPageDto');
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a GET; 412 if it is stale.',
};

@ApiTags('aliases')
@Controller()
export class AliasesController {
  constructor(private readonly aliases: AliasesService) {}

  @Get('domains/:domain/aliases')
  @RequirePermission('aliases:read')
  @ApiOperation({
    summary: 'List a domain’s aliases, including its catch-all. `q` is an address prefix.',
  })
  @ApiOkResponse({ type: AliasPageDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  listAliases(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Query() query: ListAliasesQueryDto,
  ): Promise<Page<AliasResponseDto>> {
    return this.aliases.list(ctx, domain, query);
  }

  @Post('domains/:domain/aliases')
  @RequirePermission('aliases:write')
  @ApiOperation({
    summary:
      'Create an alias or the catch-all (empty localPart). Not at a mailbox’s address: 409 ADDRESS_IS_MAILBOX; a mailbox forwards with its own forwardTo and keepCopy.',
  })
  @ApiCreatedResponse({ type: AliasResponseDto })
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND', 'MAILBOX_NOT_FOUND'],
    [409, 'ALIAS_EXISTS', 'ADDRESS_IS_MAILBOX', 'DOMAIN_ALIAS_LIMIT_REACHED'],
    [422, 'VALIDATION_FAILED', 'ALIAS_DESTINATION_UNKNOWN'],
  )
  @ApiBodyExamples(CreateAliasDto, {
    localPart: {
      summary: 'By local part',
      value: { localPart: 'sales', destinations: ['alice@example.com', 'bob@example.org'] },
    },
    catchAll: {
      summary: 'The catch-all of the domain',
      value: { address: '@example.com', destinations: ['alice@example.com'] },
    },
  })
  async createAlias(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: CreateAliasDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AliasResponseDto> {
    return created(
      response,
      (alias) => `/api/v1/aliases/${alias.address}`,
      await this.aliases.create(ctx, domain, dto),
    );
  }

  @Get('aliases/:address')
  @RequirePermission('aliases:read')
  @ApiOperation({ summary: 'Get an alias (`@domain` for a catch-all). Sets ETag.' })
  @ApiOkResponse({ type: AliasResponseDto })
  @ApiProblems([404, 'ALIAS_NOT_FOUND'])
  async getAlias(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AliasResponseDto> {
    return withEtag(response, await this.aliases.get(ctx, address));
  }

  @Patch('aliases/:address')
  @RequirePermission('aliases:write')
  @ApiOperation({ summary: 'Change an alias’s destinations or state. Honours If-Match.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AliasResponseDto })
  @ApiProblems(
    [404, 'ALIAS_NOT_FOUND'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'VALIDATION_FAILED', 'ALIAS_DESTINATION_UNKNOWN'],
  )
  async updateAlias(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: UpdateAliasDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AliasResponseDto> {
    return withEtag(response, await this.aliases.update(ctx, address, dto, version));
  }

  @Delete('aliases/:address')
  @HttpCode(204)
  @RequirePermission('aliases:write')
  @ApiOperation({ summary: 'Delete an alias.' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'ALIAS_NOT_FOUND'], [412, 'PRECONDITION_FAILED'])
  async deleteAlias(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @IfMatchVersion() version: number | undefined,
  ): Promise<void> {
    await this.aliases.delete(ctx, address, version);
  }
}
