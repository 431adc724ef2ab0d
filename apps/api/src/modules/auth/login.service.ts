import { Inject, Injectable } from '@nestjs/common';
import type { SessionRestriction } from '#contracts';
import { UnauthenticatedError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { randomToken, sha256Hex } from '../../infra/crypto/random-secrets.js';
import { IdentitiesRepository } from '../identities/identities.repository.js';
import type { Identity, IdentityWithPassword } from '../identities/identity.js';
import { principalFor } from '../identities/principal.factory.js';
import { UserProfilesService } from '../identities/user-profiles.service.js';
import { SessionsService, type ClientMeta, type NewSession } from '../sessions/sessions.service.js';
import { RESERVATION_SECONDS, accountKey, clientKey } from '../throttle/throttle-policy.js';
import { ThrottleService, tooManyAtOnce, type Attempt } from '../throttle/throttle.service.js';
import { twoFactorRequirement } from '../identities/two-factor-enforcement.js';
import { TwoFactorService } from '../two-factor/two-factor.service.js';
import type { LoginDto, LoginMfaDto } from './dto/login.dto.js';
import type { UserResponseDto } from '../identities/dto/user-response.dto.js';
import { LoginChallengesRepository, type OpenChallenge } from './login-challenges.repository.js';

const CHALLENGE_SECONDS = 5 * 60;
const CHALLENGE_ATTEMPTS = 5;

export type LoginOutcome =
  | { kind: 'session'; session: NewSession; user: UserResponseDto }
  | { kind: 'mfa'; challenge: string };

function challengeInvalid(): UnauthenticatedError {
  return new UnauthenticatedError(
    'MFA_CHALLENGE_INVALID',
    'This sign-in has expired. Enter your password again.',
  );
}

function invalidCredentials(): UnauthenticatedError {
  return new UnauthenticatedError('INVALID_CREDENTIALS', 'The email or password is wrong.');
}

/**
 * Signing in. Unknown accounts, inactive ones and wrong passwords take the same
 * time (one password verification) and give the same answer; locks are keyed by
 * the address as typed, so they reveal nothing either. With 2FA on, the password
 * only opens a short challenge for a code.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identities: IdentitiesRepository,
    private readonly profiles: UserProfilesService,
    private readonly sessions: SessionsService,
    private readonly challenges: LoginChallengesRepository,
    private readonly twoFactor: TwoFactorService,
    private readonly throttle: ThrottleService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async login(dto: LoginDto, meta: ClientMeta): Promise<LoginOutcome> {
    const email = dto.email.toLowerCase();
    const attempt = await this.throttle.tryReserve([accountKey(email), clientKey(meta.ip)]);
    try {
      const identity = await this.identities.findForLogin(email);
      if (identity === undefined) await this.hasher.verifyDummy(dto.password);
      const valid = identity !== undefined && (await this.checkPassword(identity, dto.password));
      if (identity === undefined || !valid) {
        await this.throttle.fail(attempt);
        throw invalidCredentials();
      }
      // With 2FA, only a right code completes the sign-in (and clears the failure count).
      if (identity.totpEnabled) {
        const challenge = randomToken(32);
        const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_SECONDS * 1000);
        await this.challenges.insert(sha256Hex(challenge), identity.subject, expiresAt);
        return { kind: 'mfa', challenge };
      }
      return await this.startSession(identity, meta);
    } finally {
      await this.throttle.release(attempt);
    }
  }

  async completeMfa(dto: LoginMfaDto, meta: ClientMeta): Promise<LoginOutcome> {
    const client = await this.throttle.tryReserve([clientKey(meta.ip)]);
    try {
      const challenge = await this.challenges.reserve(
        sha256Hex(dto.challenge),
        client.reservedAt,
        new Date(client.reservedAt.getTime() - RESERVATION_SECONDS * 1000),
        CHALLENGE_ATTEMPTS,
      );
      if (challenge === 'busy') throw tooManyAtOnce();
      if (challenge === undefined) {
        await this.throttle.fail(client);
        throw challengeInvalid();
      }
      return await this.checkCode(challenge, client, dto.code, meta);
    } finally {
      await this.throttle.release(client);
    }
  }

  /** The code step, once the challenge holds a place for this code (released here). */
  private async checkCode(
    challenge: OpenChallenge,
    client: Attempt,
    code: string,
    meta: ClientMeta,
  ): Promise<LoginOutcome> {
    let failed = false;
    try {
      const identity = await this.identities.findBySubject(challenge.subject);
      if (identity === undefined) {
        await this.throttle.fail(client);
        throw challengeInvalid();
      }
      const account = await this.throttle.tryReserve([accountKey(identity.email)]);
      try {
        if (!(await this.twoFactor.verify(identity.subject, code))) {
          failed = true;
          await this.challenges.recordFailure(challenge.id, client.reservedAt);
          await this.throttle.fail(account);
          await this.throttle.fail(client);
          const left = Math.max(CHALLENGE_ATTEMPTS - challenge.failedAttempts - 1, 0);
          throw new UnauthenticatedError(
            'INVALID_MFA_CODE',
            left > 0
              ? `That code is not right. ${left} attempt(s) left.`
              : 'That code is not right. Sign in again.',
            { attemptsRemaining: left },
          );
        }
        await this.challenges.delete(challenge.id);
        return await this.startSession(identity, meta);
      } finally {
        await this.throttle.release(account);
      }
    } finally {
      // A failure already took this code's place; otherwise it is given back.
      if (!failed) await this.challenges.release(challenge.id, client.reservedAt);
    }
  }

  /** Verifies a password, upgrading its hash when it was made with other parameters. */
  private async checkPassword(identity: IdentityWithPassword, password: string): Promise<boolean> {
    const check = await this.hasher.verify(identity.passwordHash, password);
    if (check.valid && check.needsRehash) {
      await this.identities.rehash(identity.subject, await this.hasher.hash(password));
    }
    return check.valid;
  }

  private async startSession(identity: Identity, meta: ClientMeta): Promise<LoginOutcome> {
    await this.throttle.succeeded(identity.email, meta.ip);
    const restriction = this.restrictionFor(identity);
    const session = await this.sessions.create(identity.subject, restriction, meta);
    await this.identities.recordLogin(identity.subject, this.clock.now());
    const principal = principalFor(identity, {
      via: 'session',
      sessionId: session.id,
      restriction,
    });
    return { kind: 'session', session, user: await this.profiles.describe(principal, identity) };
  }

  private restrictionFor(identity: Identity): SessionRestriction | null {
    if (identity.mustChangePassword) return 'password-change';
    if (twoFactorRequirement(identity, this.config.security, this.clock.now()).enrolNow)
      return 'two-factor-enrolment';
    return null;
  }
}
