import type { PasswordEvaluation, PasswordOwner, PasswordPolicy } from '#contracts';

export type { PasswordEvaluation, PasswordOwner, PasswordPolicy };

export interface PasswordChecker {
  policy: PasswordPolicy;
  evaluate(password: string, owner?: PasswordOwner): PasswordEvaluation;
}

let loading: Promise<PasswordChecker> | undefined;

/**
 * The API's own password rules (libs/contracts), loaded on first use: the zxcvbn
 * dictionaries are large and only the password fields need them.
 */
export function loadPasswordChecker(): Promise<PasswordChecker> {
  loading ??= import('#contracts').then(({ evaluatePassword, DEFAULT_PASSWORD_POLICY }) => ({
    policy: DEFAULT_PASSWORD_POLICY,
    evaluate: (password, owner) => evaluatePassword(password, DEFAULT_PASSWORD_POLICY, owner),
  }));
  return loading;
}
