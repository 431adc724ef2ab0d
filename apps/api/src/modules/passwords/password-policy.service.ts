import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PASSWORD_POLICY,
  evaluatePassword,
  type PasswordOwner,
  type PasswordPolicy,
} from '#contracts';
import { UnprocessableError } from '../../common/errors/app-error.js';

@Injectable()
export class PasswordPolicyService {
  policyFor(): PasswordPolicy {
    return DEFAULT_PASSWORD_POLICY;
  }

  /** Refuses a password with every reason at once, on the field it came in. */
  assertAcceptable(password: string, owner: PasswordOwner, field = 'password'): void {
    const { issues } = evaluatePassword(password, this.policyFor(), owner);
    if (issues.length === 0) return;
    throw new UnprocessableError(
      'PASSWORD_POLICY_VIOLATION',
      issues.map((issue) => issue.message).join(' '),
      issues.map((issue) => ({ field, code: issue.code, message: issue.message })),
    );
  }
}
