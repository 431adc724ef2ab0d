import { Inject, Injectable } from '@nestjs/common';
import {
  PASSWORD_MAX_LENGTH,
  judgePassword,
  ownerWords,
  type PasswordOwner,
  type PasswordPolicy,
} from '#contracts';
import { UnprocessableError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { PasswordStrengthEstimator } from './password-strength.estimator.js';

/** A domain's own settings; null falls back to the global default. */
export interface DomainPasswordSettings {
  passwordMinLength: number | null;
  passwordMinScore: number | null;
}

@Injectable()
export class PasswordPolicyService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly strength: PasswordStrengthEstimator,
  ) {}

  /** The policy for mailboxes of a domain, or the global one (standalone admin accounts). */
  policyFor(domain?: DomainPasswordSettings): PasswordPolicy {
    return {
      minLength: domain?.passwordMinLength ?? this.config.security.passwordMinLength,
      maxLength: PASSWORD_MAX_LENGTH,
      minScore: (domain?.passwordMinScore ??
        this.config.security.passwordMinScore) as PasswordPolicy['minScore'],
    };
  }

  /** Refuses a password with every reason at once, on the field it came in. */
  async assertAcceptable(
    password: string,
    owner: PasswordOwner,
    policy: PasswordPolicy,
    field = 'password',
  ): Promise<void> {
    const strength = await this.strength.estimate(password, ownerWords(owner));
    const { issues } = judgePassword(password, policy, owner, strength);
    if (issues.length === 0) return;
    throw new UnprocessableError(
      'PASSWORD_POLICY_VIOLATION',
      issues.map((issue) => issue.message).join(' '),
      issues.map((issue) => ({ field, code: issue.code, message: issue.message })),
    );
  }
}
