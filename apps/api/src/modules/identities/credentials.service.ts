import { Inject, Injectable } from '@nestjs/common';
import type { PasswordOwner, PasswordPolicy } from '#contracts';
import type { RequestContext, Subject } from '../../common/auth/principal.js';
import {
  ForbiddenError,
  UnprocessableError,
  ValidationError,
} from '../../common/errors/app-error.js';
import { Clock } from '../../infra/clock/clock.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import {
  hashCostBounds,
  judgeHashCost,
  type HashCostBounds,
} from '../../infra/crypto/hash-cost.js';
import { normaliseImportedHash } from '../../infra/crypto/imported-hashes.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { generateTemporaryPassword } from '../../infra/crypto/random-secrets.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import { IdentitiesRepository } from './identities.repository.js';

export interface CredentialInput {
  password?: string | undefined;
  passwordHash?: string | undefined;
}

export interface Credential {
  passwordHash: string;
  /** Set when Yubin generated the password: shown once, and must be changed. */
  temporaryPassword: string | undefined;
}

/**
 * Passwords of every identity, in two steps. `fromInput`, `chosen` and `temporary` hash
 * (the slow part) and take no lock: call them before the transaction. `set` is the one
 * write of a password, made inside the transaction once its rows are locked, so nobody
 * waits for argon2 behind a lock.
 */
@Injectable()
export class CredentialsService {
  private readonly importBounds: HashCostBounds;

  constructor(
    private readonly policy: PasswordPolicyService,
    private readonly hasher: PasswordHasher,
    private readonly identities: IdentitiesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.importBounds = hashCostBounds(config.argon2);
  }

  /** What an admin gives (a password, an imported hash, or nothing) as a hash to store. */
  async fromInput(
    ctx: RequestContext,
    input: CredentialInput,
    owner: PasswordOwner,
    policy: PasswordPolicy,
  ): Promise<Credential> {
    if (input.password !== undefined && input.passwordHash !== undefined) {
      throw ValidationError.field(
        'passwordHash',
        'passwordOrHash',
        'Give a password or a passwordHash, not both.',
      );
    }
    if (input.passwordHash !== undefined) {
      if (!ctx.principal.permissions.has('mailboxes:import')) {
        throw new ForbiddenError(
          'FORBIDDEN',
          'Importing password hashes needs the mailboxes:import permission.',
        );
      }
      return { passwordHash: this.imported(input.passwordHash), temporaryPassword: undefined };
    }
    if (input.password !== undefined)
      return {
        passwordHash: await this.chosen(input.password, owner, policy),
        temporaryPassword: undefined,
      };
    return this.temporary();
  }

  /**
   * An imported hash in its stored form. Anyone who knows the address can make Yubin and
   * Dovecot verify it, so what that costs is bounded by our own hash's cost (hash-cost.ts).
   */
  private imported(input: string): string {
    const passwordHash = normaliseImportedHash(input);
    const verdict =
      passwordHash === undefined ? undefined : judgeHashCost(passwordHash, this.importBounds);
    if (passwordHash === undefined || verdict?.kind === 'malformed') {
      throw ValidationError.field(
        'passwordHash',
        'unsupportedHash',
        'passwordHash must be {SHA512-CRYPT}, {SHA256-CRYPT}, {BLF-CRYPT}, {ARGON2I}, {ARGON2ID} or {SSHA512} followed by a well-formed hash.',
      );
    }
    if (verdict?.kind === 'tooCostly') {
      const message = `This hash costs more to verify than Yubin allows (${verdict.limit}). Set a password instead; the user can change it at sign-in.`;
      throw new UnprocessableError('PASSWORD_HASH_TOO_COSTLY', message, [
        { field: 'passwordHash', code: 'tooCostly', message },
      ]);
    }
    return passwordHash;
  }

  /** A password someone chose, checked against the policy. */
  async chosen(
    password: string,
    owner: PasswordOwner,
    policy: PasswordPolicy,
    field = 'password',
  ): Promise<string> {
    await this.policy.assertAcceptable(password, owner, policy, field);
    return this.hasher.hash(password);
  }

  /** A generated password, shown once, to be changed at the next sign-in. */
  async temporary(): Promise<Credential & { temporaryPassword: string }> {
    const temporaryPassword = generateTemporaryPassword();
    return { passwordHash: await this.hasher.hash(temporaryPassword), temporaryPassword };
  }

  /**
   * Whether `password` is the mailbox's current password and one it must still change: a
   * temporary password not yet replaced. Always verifies a hash, so the answer takes as
   * long whichever way it goes.
   */
  async isPendingTemporary(mailboxId: string, password: string): Promise<boolean> {
    const stored = await this.identities.findMailboxPassword(mailboxId);
    if (stored === undefined) {
      await this.hasher.verifyDummy(password);
      return false;
    }
    const { valid } = await this.hasher.verify(stored.passwordHash, password);
    return valid && stored.mustChangePassword;
  }

  /** Stores a hash made beforehand; inside the caller's transaction, after its locks. */
  async set(subject: Subject, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.identities.setPassword(subject, passwordHash, mustChangePassword, this.clock.now());
  }
}
