import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import {
  ForbiddenError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { AppPasswordsService } from '../app-passwords/app-passwords.service.js';
import { appleMailProfile } from '../autoconfig/apple-profile.js';
import { MailEndpointsService } from '../autoconfig/mail-endpoints.service.js';
import type { UserResponseDto } from '../identities/dto/user-response.dto.js';
import { CredentialsService } from '../identities/credentials.service.js';
import { IdentitiesRepository } from '../identities/identities.repository.js';
import type { Identity } from '../identities/identity.js';
import { UserProfilesService } from '../identities/user-profiles.service.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { accountKey } from '../throttle/throttle-policy.js';
import { ThrottleService } from '../throttle/throttle.service.js';
import { twoFactorRequirement } from '../identities/two-factor-enforcement.js';
import type { PasswordPolicyDto } from '../passwords/dto/password-policy.dto.js';
import type {
  ChangePasswordDto,
  ConnectionSettingsResponseDto,
  MobileconfigDto,
  UpdateMeDto,
} from './dto/me.dto.js';

/** Everything a signed-in user does to their own account. */
@Injectable()
export class MeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly identities: IdentitiesRepository,
    private readonly credentials: CredentialsService,
    private readonly profiles: UserProfilesService,
    private readonly sessions: SessionsService,
    private readonly policy: PasswordPolicyService,
    private readonly throttle: ThrottleService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly endpoints: MailEndpointsService,
    private readonly appPasswords: AppPasswordsService,
  ) {}

  describe(ctx: RequestContext): Promise<UserResponseDto> {
    return this.profiles.describe(ctx.principal);
  }

  /** Your own settings: for now, your language. Audited like an admin's edit of them. */
  async update(ctx: RequestContext, dto: UpdateMeDto): Promise<UserResponseDto> {
    const identity = await this.identity(ctx);
    if (dto.language === undefined || dto.language === identity.language) {
      return this.profiles.describe(ctx.principal, identity);
    }
    const language = dto.language;
    await this.db.transaction(async () => {
      await this.identities.setLanguage(identity.subject, language, this.clock.now());
      const kind = identity.subject.kind === 'mailbox' ? 'mailbox' : 'admin';
      await this.audit.record(ctx, {
        action: `${kind}.language-change`,
        targetType: kind,
        targetId: identity.email,
        domain: identity.domain,
        before: { language: identity.language },
        after: { language },
      });
    });
    return this.profiles.describe(ctx.principal, { ...identity, language });
  }

  async passwordPolicy(ctx: RequestContext): Promise<PasswordPolicyDto> {
    const identity = await this.identity(ctx);
    return this.policy.policyFor(identity.domain);
  }

  /**
   * Needs the current password (a wrong one counts towards the account's lock).
   * Ends every other session and lifts a "must change password" restriction.
   */
  async changePassword(ctx: RequestContext, dto: ChangePasswordDto): Promise<void> {
    const identity = await this.identities.findWithPassword(ctx.principal.subject);
    if (identity === undefined) throw new UnauthenticatedError();
    const attempt = await this.throttle.tryReserve([accountKey(ctx.principal.email)]);
    let valid: boolean;
    try {
      valid = (await this.hasher.verify(identity.passwordHash, dto.currentPassword)).valid;
      if (!valid) await this.throttle.fail(attempt);
    } finally {
      await this.throttle.release(attempt);
    }
    if (!valid) {
      throw new UnprocessableError(
        'INVALID_CURRENT_PASSWORD',
        'The current password is not right.',
        [
          {
            field: 'currentPassword',
            code: 'incorrect',
            message: 'The current password is not right.',
          },
        ],
      );
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new UnprocessableError(
        'PASSWORD_POLICY_VIOLATION',
        'Choose a password different from the current one.',
        [
          {
            field: 'newPassword',
            code: 'sameAsCurrent',
            message: 'Choose a password different from the current one.',
          },
        ],
      );
    }
    const passwordHash = await this.credentials.chosen(
      dto.newPassword,
      { address: identity.email, displayName: identity.displayName },
      this.policy.policyFor(identity.domain),
      'newPassword',
    );
    await this.db.transaction(async () => {
      await this.credentials.set(identity.subject, passwordHash, false);
      const endedSessions = await this.sessions.revokeOthers(ctx);
      // The forced change is done; a 2FA requirement past its deadline comes next.
      if (ctx.principal.restriction === 'password-change') {
        const { enrolNow } = twoFactorRequirement(identity, this.config.security, this.clock.now());
        await this.sessions.restrict(
          ctx.principal.sessionId,
          enrolNow ? 'two-factor-enrolment' : null,
        );
      }
      await this.audit.record(ctx, {
        action: `${identity.subject.kind === 'mailbox' ? 'mailbox' : 'admin'}.password-change`,
        targetType: identity.subject.kind === 'mailbox' ? 'mailbox' : 'admin',
        targetId: identity.email,
        domain: identity.domain,
        after: { endedSessions },
      });
    });
  }

  /** Where mail apps connect, for mailbox users. */
  async connectionSettings(ctx: RequestContext): Promise<ConnectionSettingsResponseDto> {
    const identity = await this.identity(ctx);
    if (identity.subject.kind !== 'mailbox' || identity.domain === undefined) {
      throw new ForbiddenError('NOT_A_MAILBOX_USER', 'This account has no mailbox.');
    }
    const endpoints = await this.endpoints.forDomain(identity.domain.name);
    if (endpoints === undefined) throw new UnauthenticatedError();
    return {
      username: identity.email,
      incoming: endpoints.incoming,
      outgoing: endpoints.outgoing,
      appPasswordRequired: identity.totpEnabled,
    };
  }

  /**
   * An Apple configuration profile for the user's mailbox, with a new app password inside
   * when asked. The password exists only in this file: the audit log records that one
   * was made, and into what.
   */
  async mobileconfig(
    ctx: RequestContext,
    dto: MobileconfigDto,
  ): Promise<{ filename: string; profile: string }> {
    const identity = await this.identity(ctx);
    if (identity.subject.kind !== 'mailbox' || identity.domain === undefined) {
      throw new ForbiddenError('NOT_A_MAILBOX_USER', 'This account has no mailbox.');
    }
    const endpoints = await this.endpoints.forDomain(identity.domain.name);
    if (endpoints === undefined) throw new UnauthenticatedError();
    const appPassword = dto.withAppPassword
      ? await this.appPasswords.createMine(ctx, {
          name: `Apple profile ${this.clock.now().toISOString().slice(0, 10)}`,
          protocols: ['imap', 'smtp'],
        })
      : undefined;
    await this.audit.record(ctx, {
      action: 'mailbox.mobileconfig',
      targetType: 'mailbox',
      targetId: identity.email,
      domain: identity.domain,
      // The id of the app password put inside (audit keys naming passwords are dropped).
      after: { profile: 'apple-mail', issuedCredentialId: appPassword?.id ?? null },
    });
    return {
      filename: `${identity.email.replaceAll(/[^A-Za-z0-9.@_-]/g, '_')}.mobileconfig`,
      profile: appleMailProfile({
        address: identity.email,
        displayName: identity.displayName,
        endpoints,
        ...(appPassword === undefined ? {} : { password: appPassword.password }),
      }),
    };
  }

  private async identity(ctx: RequestContext): Promise<Identity> {
    const identity = await this.identities.findBySubject(ctx.principal.subject);
    if (identity === undefined) throw new UnauthenticatedError();
    return identity;
  }
}
