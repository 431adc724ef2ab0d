import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { readArgon2Parameters, toDovecotArgon2Order } from './argon2-phc.js';
import { verifyStoredHash } from './imported-hashes.js';

/** The `{SCHEME}` prefix is the one Dovecot's passdb understands. */
const ARGON2ID_PREFIX = '{ARGON2ID}';

export interface PasswordVerification {
  valid: boolean;
  /** True when the stored hash should be replaced by a fresh argon2id hash. */
  needsRehash: boolean;
}

/**
 * Hashes passwords into the form Dovecot verifies and checks them at web login.
 * Verification is constant-shape: an unknown account is checked against a dummy hash
 * so that its response time matches a wrong password.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async hash(password: string): Promise<string> {
    const phc = await argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.config.argon2.memoryKib,
      timeCost: this.config.argon2.iterations,
      parallelism: this.config.argon2.parallelism,
      hashLength: 32,
    });
    return ARGON2ID_PREFIX + toDovecotArgon2Order(phc);
  }

  /** Verifies our own argon2id hashes and imported ones; anything not current argon2id needs a rehash. */
  async verify(stored: string, password: string): Promise<PasswordVerification> {
    const valid = await verifyStoredHash(stored, password);
    const current =
      stored.startsWith(ARGON2ID_PREFIX) && !this.isOutdated(stored.slice(ARGON2ID_PREFIX.length));
    return { valid, needsRehash: valid && !current };
  }

  /** Burns the same time as a real verification, for accounts that do not exist. */
  async verifyDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash('dummy password for timing equalisation');
    await this.verify(await this.dummyHash, password);
  }

  private isOutdated(phc: string): boolean {
    const params = readArgon2Parameters(phc);
    const wanted = this.config.argon2;
    return (
      params === undefined ||
      params.memoryKib !== wanted.memoryKib ||
      params.iterations !== wanted.iterations ||
      params.parallelism !== wanted.parallelism
    );
  }
}
