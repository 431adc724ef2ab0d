import type { UserResponseDto } from '@yubin/api-client';
import { describe, expect, it } from 'vitest';
import { signedInUser } from '../../../testing/users';
import { initialStep, nextStep, stepForUser, type SignInStep } from './sign-in-flow';

function user(restriction: UserResponseDto['restriction'], role: UserResponseDto['role'] = null) {
  return signedInUser({ id: 'u1', displayName: 'Hanako', role, restriction });
}

describe('the sign-in step machine', () => {
  const password: SignInStep = { kind: 'password' };

  it('goes from the password to the code when the account has 2FA', () => {
    expect(
      nextStep(password, {
        type: 'password-accepted',
        outcome: { step: 'second-factor', challenge: 'c1' },
      }),
    ).toEqual({ kind: 'code', challenge: 'c1' });
  });

  it('is done after the password when nothing else is asked', () => {
    const free = user(null);
    expect(
      nextStep(password, { type: 'password-accepted', outcome: { step: 'done', user: free } }),
    ).toEqual({ kind: 'done', user: free });
  });

  it('after the password or the code, sends a restricted session to its step', () => {
    const mustChange = user('password-change');
    expect(
      nextStep(password, {
        type: 'password-accepted',
        outcome: { step: 'done', user: mustChange },
      }),
    ).toEqual({ kind: 'change-password', user: mustChange });
    const mustEnrol = user('two-factor-enrolment');
    expect(
      nextStep({ kind: 'code', challenge: 'c1' }, { type: 'code-accepted', user: mustEnrol }),
    ).toEqual({ kind: 'enrol', user: mustEnrol });
  });

  it('goes from a forced password change to enrolment, then to done, as the API says', () => {
    const changing: SignInStep = { kind: 'change-password', user: user('password-change') };
    const enrolling = nextStep(changing, {
      type: 'step-finished',
      user: user('two-factor-enrolment'),
    });
    expect(enrolling.kind).toBe('enrol');
    expect(nextStep(enrolling, { type: 'step-finished', user: user(null) }).kind).toBe('done');
    // A change that lifts every restriction is done at once.
    expect(nextStep(changing, { type: 'step-finished', user: user(null) }).kind).toBe('done');
  });

  it('returns to the password when the challenge ends or the user goes back', () => {
    const code: SignInStep = { kind: 'code', challenge: 'c1' };
    expect(nextStep(code, { type: 'challenge-ended' })).toEqual(password);
    expect(nextStep(code, { type: 'back' })).toEqual(password);
  });

  it('ignores events that do not belong to the current step', () => {
    const enrolling: SignInStep = { kind: 'enrol', user: user('two-factor-enrolment') };
    expect(nextStep(enrolling, { type: 'back' })).toBe(enrolling);
    expect(nextStep(enrolling, { type: 'code-accepted', user: user(null) })).toBe(enrolling);
    expect(nextStep(password, { type: 'step-finished', user: user(null) })).toBe(password);
    const code: SignInStep = { kind: 'code', challenge: 'c1' };
    expect(
      nextStep(code, { type: 'password-accepted', outcome: { step: 'done', user: user(null) } }),
    ).toBe(code);
  });

  it('resumes a restricted session where it stopped (a reload on the step)', () => {
    expect(initialStep(null)).toEqual(password);
    expect(initialStep(user(null))).toEqual(password);
    expect(initialStep(user('password-change')).kind).toBe('change-password');
    expect(stepForUser(user('two-factor-enrolment')).kind).toBe('enrol');
  });
});
