import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import type { Subject } from '../../common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  UnprocessableError,
} from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { SecretBox } from '../../infra/crypto/secret-box.js';
import type { Identity } from '../identities/identity.js';
import { newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';
import { TwoFactorRepository } from './two-factor.repository.js';

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesRemaining: number;
}

function alreadyEnabled(): ConflictError {
  return new ConflictError(
    'TWO_FACTOR_ALREADY_ENABLED',
    'Two-factor authentication is already on.',
  );
}

function sealingPurpose(subject: Subject): string {
  return `totp:${subject.kind}:${subject.id}`;
}

/**
 * TOTP factors and recovery codes. Seeds are sealed (AES-256-GCM, bound to their
 * owner); the last accepted time step is stored so a code works once; recovery codes
 * are stored as keyed hashes and each works once.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly factors: TwoFactorRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async status(subject: Subject): Promise<TwoFactorStatus> {
    const factor = await this.factors.findFactor(subject);
    const enabled = factor?.confirmedAt != null;
    return {
      enabled,
      enabledAt: factor?.confirmedAt ?? null,
      recoveryCodesRemaining: enabled ? await this.factors.remainingRecoveryCodes(subject) : 0,
    };
  }

  async beginEnrolment(identity: Identity): Promise<Enrolment> {
    if (identity.totpEnabled) throw alreadyEnabled();
    if (identity.domain?.twoFactorPolicy === 'off') {
      throw new ForbiddenError(
        'TWO_FACTOR_DISABLED_BY_POLICY',
        'Your domain does not offer two-factor authentication.',
      );
    }
    const secret = newTotpSecret();
    const started = await this.factors.replaceFactor(
      identity.subject,
      this.box.seal(secret, sealingPurpose(identity.subject)),
    );
    if (!started) throw alreadyEnabled();
    const otpauthUri = totpUri(secret, this.config.security.totpIssuer, identity.email);
    const qrSvg = await QRCode.toString(otpauthUri, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return { secret, otpauthUri, qrSvg };
  }

  /** Turns 2FA on with a first valid code, and returns the recovery codes, once. */
  async confirmEnrolment(subject: Subject, code: string): Promise<string[]> {
    const factor = await this.factors.findFactor(subject);
    if (factor === undefined || factor.confirmedAt !== null) {
      throw new ConflictError(
        factor === undefined ? 'TWO_FACTOR_ENROLMENT_NOT_STARTED' : 'TWO_FACTOR_ALREADY_ENABLED',
        factor === undefined
          ? 'Start the enrolment first.'
          : 'Two-factor authentication is already on.',
      );
    }
    const now = this.clock.now();
    const step = await verifyTotp(
      this.secretOf(subject, factor.secretSealed),
      code.trim(),
      now,
      null,
    );
    if (step === undefined) {
      throw new UnprocessableError(
        'INVALID_TOTP_CODE',
        'That code is not right. Check the time on your device and try the newest code.',
        [{ field: 'code', code: 'invalidCode', message: 'That code is not right.' }],
      );
    }
    await this.factors.confirm(factor.id, now, step);
    return this.issueRecoveryCodes(subject);
  }

  /** A TOTP code (never the same step twice) or an unused recovery code. */
  async verify(subject: Subject, input: string): Promise<boolean> {
    const factor = await this.factors.findFactor(subject);
    if (factor?.confirmedAt == null) return false;
    const code = input.trim();
    if (/^\d{6}$/.test(code)) {
      const step = await verifyTotp(
        this.secretOf(subject, factor.secretSealed),
        code,
        this.clock.now(),
        factor.lastUsedStep,
      );
      return step !== undefined && (await this.factors.acceptStep(factor.id, step));
    }
    const recovery = normaliseRecoveryCode(code);
    return (
      recovery !== undefined &&
      (await this.factors.consumeRecoveryCode(
        subject,
        this.box.mac(recovery, 'recovery-code'),
        this.clock.now(),
      ))
    );
  }

  async regenerateRecoveryCodes(subject: Subject): Promise<string[]> {
    const factor = await this.factors.findFactor(subject);
    if (factor?.confirmedAt == null) {
      throw new ConflictError('TWO_FACTOR_NOT_ENABLED', 'Two-factor authentication is not on.');
    }
    return this.issueRecoveryCodes(subject);
  }

  /** Removes the factor and every recovery code; false when there was nothing to remove. */
  disable(subject: Subject): Promise<boolean> {
    return this.factors.deleteAll(subject);
  }

  private async issueRecoveryCodes(subject: Subject): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.factors.replaceRecoveryCodes(
      subject,
      codes.map((code) => this.box.mac(normaliseRecoveryCode(code) as string, 'recovery-code')),
    );
    return codes;
  }

  private secretOf(subject: Subject, sealed: string): string {
    return this.box.open(sealed, sealingPurpose(subject));
  }
}
