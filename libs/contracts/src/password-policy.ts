import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH_DEFAULT } from './limits.js';

/**
 * One password policy, evaluated identically by the API (which enforces it) and the
 * UI (which shows it live). NIST SP 800-63B-4: length and a strength estimate against
 * dictionaries and patterns, no composition rules.
 */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** zxcvbn score from 0 (guessable) to 4 (very unguessable). */
  minScore: 0 | 1 | 2 | 3 | 4;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: PASSWORD_MIN_LENGTH_DEFAULT,
  maxLength: PASSWORD_MAX_LENGTH,
  minScore: 3,
};

export const PASSWORD_ISSUE_CODES = [
  'tooShort',
  'tooLong',
  'tooWeak',
  'containsUserInfo',
  'containsControlCharacter',
] as const;

export type PasswordIssueCode = (typeof PASSWORD_ISSUE_CODES)[number];

/**
 * Tabs, line breaks and other control characters: mail apps cannot type them, and
 * Dovecot refuses them outright ("password having illegal chars"), because its auth
 * protocol is tab-separated. A mail password containing one could never log in.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export interface PasswordIssue {
  code: PasswordIssueCode;
  message: string;
}

export interface PasswordEvaluation {
  score: 0 | 1 | 2 | 3 | 4;
  issues: PasswordIssue[];
  /** zxcvbn's advice, in English, for the UI to show beside the meter. */
  suggestions: string[];
}

/** Who the password belongs to: it must not contain these. */
export interface PasswordOwner {
  address?: string | undefined;
  displayName?: string | undefined;
}

let checker: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return checker;
}

/** The pieces of an owner's identity worth refusing inside a password: 3 characters or more. */
export function ownerWords(owner: PasswordOwner): string[] {
  const words = new Set<string>();
  const add = (word: string | undefined): void => {
    const lower = word?.trim().toLowerCase();
    if (lower !== undefined && [...lower].length >= 3) words.add(lower);
  };
  if (owner.address !== undefined) {
    const [local, domain] = owner.address.split('@');
    add(owner.address);
    add(local);
    local?.split(/[._+-]/).forEach(add);
    add(domain?.split('.')[0]);
  }
  owner.displayName?.split(/\s+/).forEach(add);
  add(owner.displayName);
  return [...words];
}

/** zxcvbn's verdict alone: the costly part of a check, which the API runs off its event loop. */
export interface PasswordStrength {
  /** From 0 (guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
  suggestions: string[];
}

/** zxcvbn's cost grows with length; beyond this many characters the score is 4 anyway. */
export const STRENGTH_ESTIMATE_LENGTH = 100;

export function estimateStrength(password: string, ownerWords: string[]): PasswordStrength {
  const result = zxcvbn().check(password.slice(0, STRENGTH_ESTIMATE_LENGTH), ownerWords);
  return {
    score: result.score,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}

/** The policy's verdict, given zxcvbn's (see estimateStrength). */
export function judgePassword(
  password: string,
  policy: PasswordPolicy,
  owner: PasswordOwner,
  strength: PasswordStrength,
): PasswordEvaluation {
  const length = [...password].length;
  const issues: PasswordIssue[] = [];
  if (length < policy.minLength) {
    issues.push({ code: 'tooShort', message: `Use at least ${policy.minLength} characters.` });
  }
  if (length > policy.maxLength) {
    issues.push({ code: 'tooLong', message: `Use at most ${policy.maxLength} characters.` });
  }
  if (CONTROL_CHARACTER.test(password)) {
    issues.push({
      code: 'containsControlCharacter',
      message: 'Tabs, line breaks and other control characters cannot be used in a password.',
    });
  }
  const lower = password.toLowerCase();
  if (ownerWords(owner).some((word) => lower.includes(word))) {
    issues.push({
      code: 'containsUserInfo',
      message: 'Do not use your name or address in the password.',
    });
  }
  if (strength.score < policy.minScore) {
    issues.push({
      code: 'tooWeak',
      message:
        strength.warning ?? 'This password is too easy to guess. Add more words or characters.',
    });
  }
  return { score: strength.score, issues, suggestions: strength.suggestions };
}

export function evaluatePassword(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  owner: PasswordOwner = {},
): PasswordEvaluation {
  return judgePassword(password, policy, owner, estimateStrength(password, ownerWords(owner)));
}
