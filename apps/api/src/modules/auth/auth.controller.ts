import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Ctx, Public } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { LoginDto, LoginMfaDto } from './dto/login.dto.js';
import { LoginResponseDto } from '../identities/dto/user-response.dto.js';
import { LoginService, type LoginOutcome } from './login.service.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';

function respond(request: Request, response: Response, outcome: LoginOutcome): LoginResponseDto {
  if (outcome.kind === 'mfa') return { mfaRequired: true, challenge: outcome.challenge };
  setSessionCookies(request, response, outcome.session.token, outcome.session.maxAgeSeconds);
  return { mfaRequired: false, user: outcome.user };
}

function clientOf(request: Request): { ip: string | undefined; userAgent: string } {
  return { ip: request.ip, userAgent: request.header('user-agent') ?? '' };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Sign in with an admin account or a mailbox. Sets the httpOnly session cookie and the XSRF-TOKEN cookie (echo it in X-XSRF-TOKEN on every write) — or, with 2FA on, answers {mfaRequired, challenge} for /auth/login/mfa.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems([401, 'INVALID_CREDENTIALS'], [422, 'VALIDATION_FAILED'], [429, 'RATE_LIMITED'])
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    return respond(request, response, await this.logins.login(dto, clientOf(request)));
  }

  @Post('login/mfa')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Second step: a 6-digit code from the authenticator app or a recovery code. The challenge lasts 5 minutes and allows 5 codes.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(
    [401, 'INVALID_MFA_CODE', 'MFA_CHALLENGE_INVALID'],
    [422, 'VALIDATION_FAILED'],
    [429, 'RATE_LIMITED'],
  )
  async loginMfa(
    @Body() dto: LoginMfaDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    return respond(request, response, await this.logins.completeMfa(dto, clientOf(request)));
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ allowRestricted: ['password-change', 'two-factor-enrolment'] })
  @ApiOperation({ summary: 'End this session.' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(
    @Ctx() ctx: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.end(ctx.principal.sessionId);
    clearSessionCookies(request, response);
  }
}
