import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, Ctx } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { UuidParam } from '../../common/http/params.js';
import { ApiTokensService } from './api-tokens.service.js';
import { ApiTokenResponseDto, CreatedApiTokenResponseDto } from './dto/api-token-response.dto.js';
import { CreateApiTokenDto } from './dto/create-api-token.dto.js';

@ApiTags('api-tokens')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List your API tokens (a superadmin sees all). Secrets are never returned.',
  })
  @ApiOkResponse({ type: [ApiTokenResponseDto] })
  listApiTokens(@Ctx() ctx: RequestContext): Promise<ApiTokenResponseDto[]> {
    return this.tokens.list(ctx);
  }

  @Post()
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary:
      'Create an API token for scripts. The token is in this response only. Not available to tokens.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenResponseDto })
  @ApiProblems([403, 'FORBIDDEN', 'SCOPE_NOT_GRANTABLE'], [422, 'VALIDATION_FAILED'])
  createApiToken(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateApiTokenDto,
  ): Promise<CreatedApiTokenResponseDto> {
    return this.tokens.create(ctx, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'Revoke an API token at once.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems([404, 'API_TOKEN_NOT_FOUND'])
  async deleteApiToken(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'API_TOKEN_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.tokens.delete(ctx, id);
  }
}
