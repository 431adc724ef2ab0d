import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Ctx } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { UuidParam } from '../../common/http/params.js';
import { UserResponseDto } from '../identities/dto/user-response.dto.js';
import { SessionResponseDto } from '../sessions/dto/session-response.dto.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { PasswordPolicyDto } from '../passwords/dto/password-policy.dto.js';
import {
  ChangePasswordDto,
  ConnectionSettingsResponseDto,
  MobileconfigDto,
  UpdateMeDto,
} from './dto/me.dto.js';
import { MeService } from './me.service.js';

const APPLE_PROFILE = 'application/x-apple-aspen-config';
const ANY_RESTRICTION = { allowRestricted: ['password-change', 'two-factor-enrolment'] as const };

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @Authenticated(ANY_RESTRICTION)
  @ApiOperation({
    summary:
      'Who you are, what you may do, and whether you must change your password or enrol 2FA.',
  })
  @ApiOkResponse({ type: UserResponseDto })
  getMe(@Ctx() ctx: RequestContext): Promise<UserResponseDto> {
    return this.me.describe(ctx);
  }

  @Patch()
  // A token's scopes say what it may do to the directory; its owner's settings are not among them.
  @Authenticated({ ...ANY_RESTRICTION, sessionOnly: true })
  @ApiOperation({
    summary:
      'Change your own settings: your language, which the UI follows on every browser and, for a mailbox, Yubin’s messages to you.',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems([422, 'VALIDATION_FAILED'])
  updateMe(@Ctx() ctx: RequestContext, @Body() dto: UpdateMeDto): Promise<UserResponseDto> {
    return this.me.update(ctx, dto);
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated({ allowRestricted: ['password-change'], sessionOnly: true })
  @ApiOperation({ summary: 'Change your password. Your other sessions end.' })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiProblems(
    [422, 'INVALID_CURRENT_PASSWORD', 'PASSWORD_POLICY_VIOLATION', 'VALIDATION_FAILED'],
    [429, 'RATE_LIMITED'],
  )
  async changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.me.changePassword(ctx, dto);
  }

  @Get('password-policy')
  @Authenticated(ANY_RESTRICTION)
  @ApiOperation({
    summary: 'The rules your new password must meet (the UI’s strength meter uses the same).',
  })
  @ApiOkResponse({ type: PasswordPolicyDto })
  getPasswordPolicy(@Ctx() ctx: RequestContext): Promise<PasswordPolicyDto> {
    return this.me.passwordPolicy(ctx);
  }

  @Get('sessions')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'Your signed-in sessions, newest activity first.' })
  @ApiOkResponse({ type: [SessionResponseDto] })
  listSessions(@Ctx() ctx: RequestContext): Promise<SessionResponseDto[]> {
    return this.sessions.list(ctx);
  }

  @Delete('sessions')
  @HttpCode(204)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'Sign out everywhere else: end all your sessions but this one.' })
  @ApiNoContentResponse({ description: 'Ended.' })
  async revokeOtherSessions(@Ctx() ctx: RequestContext): Promise<void> {
    await this.sessions.revokeOthers(ctx);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'End one of your sessions.' })
  @ApiNoContentResponse({ description: 'Ended.' })
  @ApiProblems([404, 'SESSION_NOT_FOUND'])
  async revokeSession(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'SESSION_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.sessions.revoke(ctx, id);
  }

  @Get('connection-settings')
  @Authenticated()
  @ApiOperation({ summary: 'Server names, ports and security for your mail apps.' })
  @ApiOkResponse({ type: ConnectionSettingsResponseDto })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'])
  getConnectionSettings(@Ctx() ctx: RequestContext): Promise<ConnectionSettingsResponseDto> {
    return this.me.connectionSettings(ctx);
  }

  @Post('mobileconfig')
  @HttpCode(200)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary:
      'An Apple configuration profile (.mobileconfig) that sets up your mail account on an iPhone, iPad or Mac; with withAppPassword, a new app password is inside.',
  })
  @ApiProduces(APPLE_PROFILE)
  @ApiOkResponse({
    description: 'The profile, as a download.',
    content: { [APPLE_PROFILE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(
    [403, 'NOT_A_MAILBOX_USER'],
    [409, 'APP_PASSWORD_LIMIT_REACHED'],
    [422, 'VALIDATION_FAILED'],
  )
  async createMobileconfig(
    @Ctx() ctx: RequestContext,
    @Body() dto: MobileconfigDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, profile } = await this.me.mobileconfig(ctx, dto);
    response.setHeader('Content-Type', APPLE_PROFILE);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    // It may hold a password.
    response.setHeader('Cache-Control', 'no-store');
    return profile;
  }
}
