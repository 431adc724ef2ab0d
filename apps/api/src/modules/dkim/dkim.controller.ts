import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { DomainNameParam } from '../../common/http/params.js';
import { DkimKeysService } from './dkim-keys.service.js';
import {
  CreateDkimKeyDto,
  DkimKeyResponseDto,
  DkimKeysResponseDto,
  RotateDkimKeysDto,
} from './dto/dkim-key.dto.js';

@ApiTags('dns')
@Controller('domains/:domain/dkim-keys')
export class DkimController {
  constructor(private readonly keys: DkimKeysService) {}

  @Get()
  @RequirePermission('domains:read')
  @ApiOperation({
    summary:
      'The domain’s DKIM keys: public key, DNS record, state and when each step happened. Never the private key.',
  })
  @ApiOkResponse({ type: DkimKeysResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'])
  listDkimKeys(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
  ): Promise<DkimKeysResponseDto> {
    return this.keys.list(ctx, domain);
  }

  @Post()
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Make a DKIM key pair. The domain’s first key signs at once; a later one is published and waits for a rotation. Its TXT record joins the DNS records.',
  })
  @ApiCreatedResponse({ type: DkimKeyResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [409, 'DKIM_SELECTOR_TAKEN'], [422, 'VALIDATION_FAILED'])
  createDkimKey(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: CreateDkimKeyDto,
  ): Promise<DkimKeyResponseDto> {
    return this.keys.create(ctx, domain, dto);
  }

  @Post('rotate')
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Start a rotation: a new key is published now (in the DNS records) and signs once verification sees it in DNS; the old key stays published for DKIM_RETIRE_AFTER_DAYS, then is retired. Without a signing key, the new key signs at once.',
  })
  @ApiCreatedResponse({ type: DkimKeyResponseDto })
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND'],
    [409, 'DKIM_ROTATION_IN_PROGRESS'],
    [422, 'VALIDATION_FAILED'],
  )
  rotateDkimKeys(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: RotateDkimKeysDto,
  ): Promise<DkimKeyResponseDto> {
    return this.keys.rotate(ctx, domain, dto);
  }

  @Delete(':selector')
  @HttpCode(204)
  @RequirePermission('domains:write')
  @ApiOperation({
    summary:
      'Delete a key that does not sign (published, retiring or retired); its record leaves the DNS records.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND', 'DKIM_KEY_NOT_FOUND'], [409, 'DKIM_KEY_SIGNING'])
  async deleteDkimKey(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Param('selector') selector: string,
  ): Promise<void> {
    await this.keys.remove(ctx, domain, selector.toLowerCase());
  }
}
