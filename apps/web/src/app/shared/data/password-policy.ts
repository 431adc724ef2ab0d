import type { PasswordEvaluation, PasswordOwner, PasswordPolicy } from '#contracts';

export type { PasswordEvaluation, PasswordOwner, PasswordPolicy };

/** A policy as the API sends it (`GET /me/password-policy`, a domain's `passwordPolicy`). */
export interface PasswordPolicyLike {
  minLength: number;
  maxLength: number;
  minScore: number;
}

export interface PasswordChecker {
  /** The global default, for a field that does not know a more specific policy. */
  policy: PasswordPolicy;
  evaluate(
    password: string,
    owner?: PasswordOwner,
    policy?: PasswordPolicyLike,
  ): PasswordEvaluation;
}

let loading: Promise<PasswordChecker> | undefined;

export function toPasswordPolicy(policy: PasswordPolicyLike): PasswordPolicy {
  const score = Math.min(4, Math.max(0, Math.round(policy.minScore))) as PasswordPolicy['minScore'];
  return { minLength: policy.minLength, maxLength: policy.maxLength, minScore: score };
}

/**
 * The API's own password rules (libs/contracts), loaded on first use: the zxcvbn
 * dictionaries are large and only the password fields need them.
 */
export function loadPasswordChecker(): Promise<PasswordChecker> {
  loading ??= import('#contracts').then(({ evaluatePassword, DEFAULT_PASSWORD_POLICY }) => ({
    policy: DEFAULT_PASSWORD_POLICY,
    evaluate: (password, owner, policy) =>
      evaluatePassword(
        password,
        policy === undefined ? DEFAULT_PASSWORD_POLICY : toPasswordPolicy(policy),
        owner,
      ),
  }));
  return loading;
}
