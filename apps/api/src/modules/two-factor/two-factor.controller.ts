import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems, ApiBodyExamples } from '../../common/http/api-docs.decorators.js';
import { AddressParam } from '../../common/http/params.js';
import {
  DisableTwoFactorDto,
  RecoveryCodesResponseDto,
  TotpCodeDto,
  TotpEnrolmentResponseDto,
  TwoFactorStatusResponseDto,
} from './dto/two-factor.dto.js';
import { SelfServiceTwoFactorService } from './self-service-two-factor.service.js';
import { TwoFactorResetService } from './two-factor-reset.service.js';

const ENROLMENT = { allowRestricted: ['two-factor-enrolment'] as const, sessionOnly: true };

@ApiTags('two-factor')
@Controller()
export class TwoFactorController {
  constructor(
    private readonly selfService: SelfServiceTwoFactorService,
    private readonly resets: TwoFactorResetService,
  ) {}

  @Get('me/2fa')
  @Authenticated(ENROLMENT)
  @ApiOperation({
    summary:
      'Whether your 2FA is on, how many recovery codes are left, and whether a policy requires it.',
  })
  @ApiOkResponse({ type: TwoFactorStatusResponseDto })
  getTwoFactorStatus(@Ctx() ctx: RequestContext): Promise<TwoFactorStatusResponseDto> {
    return this.selfService.status(ctx);
  }

  @Post('me/2fa/totp')
  @HttpCode(200)
  @Authenticated(ENROLMENT)
  @ApiOperation({
    summary:
      'Start adding an authenticator app: returns the secret, an otpauth URI and a QR code. Nothing changes until you confirm a code.',
  })
  @ApiOkResponse({ type: TotpEnrolmentResponseDto })
  @ApiProblems([403, 'TWO_FACTOR_DISABLED_BY_POLICY'], [409, 'TWO_FACTOR_ALREADY_ENABLED'])
  startTotpEnrolment(@Ctx() ctx: RequestContext): Promise<TotpEnrolmentResponseDto> {
    return this.selfService.beginTotp(ctx);
  }

  @Post('me/2fa/totp/confirm')
  @HttpCode(200)
  @Authenticated(ENROLMENT)
  @ApiOperation({
    summary: 'Turn 2FA on with a code from the app. Returns 10 recovery codes, shown only now.',
  })
  @ApiOkResponse({ type: RecoveryCodesResponseDto })
  @ApiProblems(
    [409, 'TWO_FACTOR_ENROLMENT_NOT_STARTED', 'TWO_FACTOR_ALREADY_ENABLED'],
    [422, 'INVALID_TOTP_CODE', 'VALIDATION_FAILED'],
  )
  confirmTotpEnrolment(
    @Ctx() ctx: RequestContext,
    @Body() dto: TotpCodeDto,
  ): Promise<RecoveryCodesResponseDto> {
    return this.selfService.confirmTotp(ctx, dto.code);
  }

  @Post('me/2fa/recovery-codes')
  @HttpCode(200)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'Make 10 new recovery codes; the old ones stop working.' })
  @ApiOkResponse({ type: RecoveryCodesResponseDto })
  @ApiProblems([409, 'TWO_FACTOR_NOT_ENABLED'])
  regenerateRecoveryCodes(@Ctx() ctx: RequestContext): Promise<RecoveryCodesResponseDto> {
    return this.selfService.regenerateRecoveryCodes(ctx);
  }

  @Delete('me/2fa')
  @HttpCode(204)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary: 'Turn 2FA off, with a current code or your password. Not while a policy requires 2FA.',
  })
  @ApiNoContentResponse({ description: '2FA is off.' })
  @ApiProblems(
    [401, 'INVALID_MFA_CODE', 'INVALID_CURRENT_PASSWORD'],
    [403, 'TWO_FACTOR_REQUIRED_BY_POLICY'],
    [422, 'VALIDATION_FAILED'],
    [429, 'RATE_LIMITED'],
  )
  @ApiBodyExamples(DisableTwoFactorDto, {
    code: { summary: 'With a current code', value: { code: '492039' } },
    password: { summary: 'With your password', value: { password: 'Plum-orbit-cascade-41-Kyoto' } },
  })
  async disableTwoFactor(
    @Ctx() ctx: RequestContext,
    @Body() dto: DisableTwoFactorDto,
  ): Promise<void> {
    await this.selfService.disable(ctx, dto);
  }

  @Post('mailboxes/:address/2fa-reset')
  @HttpCode(204)
  @RequirePermission('mailboxes:credentials')
  @ApiOperation({
    summary:
      'Remove a user’s 2FA (e.g. a lost phone). Ends all their sessions; they can enrol again at next sign-in.',
  })
  @ApiNoContentResponse({ description: 'Reset.' })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'])
  async resetMailboxTwoFactor(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
  ): Promise<void> {
    await this.resets.resetMailbox(ctx, address);
  }
}
