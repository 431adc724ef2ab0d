import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Ctx, Public } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginResponseDto, UserResponseDto } from './dto/user-response.dto.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Sign in. Sets the httpOnly session cookie and the XSRF-TOKEN cookie, whose value must be echoed in X-XSRF-TOKEN on every write.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems([401, 'INVALID_CREDENTIALS'], [422, 'VALIDATION_FAILED'], [429, 'RATE_LIMITED'])
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    const result = await this.auth.login(dto, {
      ip: request.ip,
      userAgent: request.header('user-agent') ?? '',
    });
    setSessionCookies(request, response, result.sessionToken, result.maxAgeSeconds);
    return { user: result.user };
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'End this session.' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(
    @Ctx() ctx: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(ctx);
    clearSessionCookies(request, response);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Who you are, and what you may do.' })
  @ApiOkResponse({ type: UserResponseDto })
  getMe(@Ctx() ctx: RequestContext): UserResponseDto {
    return this.auth.me(ctx);
  }
}
