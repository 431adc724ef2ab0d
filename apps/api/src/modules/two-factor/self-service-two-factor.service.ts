import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import {
  ForbiddenError,
  UnauthenticatedError,
  ValidationError,
} from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { IdentitiesRepository } from '../identities/identities.repository.js';
import type { Identity } from '../identities/identity.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { accountKey } from '../throttle/throttle-policy.js';
import { ThrottleService } from '../throttle/throttle.service.js';
import type {
  DisableTwoFactorDto,
  RecoveryCodesResponseDto,
  TotpEnrolmentResponseDto,
  TwoFactorStatusResponseDto,
} from './dto/two-factor.dto.js';
import {
  policyRequiresTwoFactor,
  twoFactorRequirement,
} from '../identities/two-factor-enforcement.js';
import { TwoFactorService } from './two-factor.service.js';

/** A user managing their own second factor (/me/2fa). */
@Injectable()
export class SelfServiceTwoFactorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly twoFactor: TwoFactorService,
    private readonly identities: IdentitiesRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: ThrottleService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(ctx: RequestContext): Promise<TwoFactorStatusResponseDto> {
    const identity = await this.me(ctx);
    const status = await this.twoFactor.status(identity.subject);
    const requirement = twoFactorRequirement(identity, this.config.security, this.clock.now());
    return {
      enabled: status.enabled,
      enabledAt: status.enabledAt?.toISOString() ?? null,
      recoveryCodesRemaining: status.recoveryCodesRemaining,
      required: requirement.required,
      deadline: requirement.deadline?.toISOString() ?? null,
      requiredByPolicy: policyRequiresTwoFactor(identity, this.config.security),
    };
  }

  async beginTotp(ctx: RequestContext): Promise<TotpEnrolmentResponseDto> {
    return this.twoFactor.beginEnrolment(await this.me(ctx));
  }

  async confirmTotp(ctx: RequestContext, code: string): Promise<RecoveryCodesResponseDto> {
    const identity = await this.me(ctx);
    return this.db.transaction(async () => {
      const recoveryCodes = await this.twoFactor.confirmEnrolment(identity.subject, code);
      // A session that had to enrol may now do everything.
      if (ctx.principal.restriction === 'two-factor-enrolment')
        await this.sessions.lift(ctx.principal.sessionId);
      await this.audit.record(ctx, this.target('enable', identity));
      return { recoveryCodes };
    });
  }

  async regenerateRecoveryCodes(ctx: RequestContext): Promise<RecoveryCodesResponseDto> {
    const identity = await this.me(ctx);
    return this.db.transaction(async () => {
      const recoveryCodes = await this.twoFactor.regenerateRecoveryCodes(identity.subject);
      await this.audit.record(ctx, this.target('recovery-codes', identity));
      return { recoveryCodes };
    });
  }

  /**
   * Needs a current code or the password; wrong proofs count towards the account's lock.
   * Refused while a policy requires 2FA, before any proof is checked.
   */
  async disable(ctx: RequestContext, dto: DisableTwoFactorDto): Promise<void> {
    if ((dto.code === undefined) === (dto.password === undefined)) {
      throw ValidationError.field(
        'code',
        'codeOrPassword',
        'Give either a current code or your password.',
      );
    }
    const identity = await this.identities.findWithPassword(ctx.principal.subject);
    if (identity === undefined) throw new UnauthenticatedError();
    const attempt = await this.throttle.tryReserve([accountKey(ctx.principal.email)]);
    let proven: boolean;
    try {
      if (policyRequiresTwoFactor(identity, this.config.security)) {
        throw new ForbiddenError(
          'TWO_FACTOR_REQUIRED_BY_POLICY',
          'Your organisation requires 2FA, so it cannot be turned off. If you lost your device, sign in with a recovery code or ask an admin to reset it.',
        );
      }
      proven =
        dto.code !== undefined
          ? await this.twoFactor.verify(identity.subject, dto.code)
          : (await this.hasher.verify(identity.passwordHash, dto.password as string)).valid;
      if (!proven) await this.throttle.fail(attempt);
    } finally {
      await this.throttle.release(attempt);
    }
    if (!proven) {
      throw new UnauthenticatedError(
        dto.code !== undefined ? 'INVALID_MFA_CODE' : 'INVALID_CURRENT_PASSWORD',
        dto.code !== undefined ? 'That code is not right.' : 'That password is not right.',
      );
    }
    await this.db.transaction(async () => {
      if (await this.twoFactor.disable(identity.subject)) {
        await this.audit.record(ctx, this.target('disable', identity));
      }
    });
  }

  private async me(ctx: RequestContext): Promise<Identity> {
    const identity = await this.identities.findBySubject(ctx.principal.subject);
    if (identity === undefined) throw new UnauthenticatedError();
    return identity;
  }

  private target(verb: string, identity: Identity) {
    return {
      action: `two-factor.${verb}`,
      targetType: identity.subject.kind === 'mailbox' ? 'mailbox' : 'admin',
      targetId: identity.email,
      domain: identity.domain,
    };
  }
}
