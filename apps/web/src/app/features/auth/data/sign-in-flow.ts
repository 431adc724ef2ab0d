import type { UserResponseDto } from '@yubin/api-client';
import type { SignInOutcome } from './auth-api';

/**
 * Where a sign-in stands. It starts with the password; a user with 2FA gives a code; a
 * session the API restricted (a temporary password from an admin, or 2FA required and
 * past its deadline) must finish that step before anything else; then it is done.
 */
export type SignInStep =
  | { kind: 'password' }
  | { kind: 'code'; challenge: string }
  | { kind: 'change-password'; user: UserResponseDto }
  | { kind: 'enrol'; user: UserResponseDto }
  | { kind: 'done'; user: UserResponseDto };

export type SignInEvent =
  /** The API answered the password step. */
  | { type: 'password-accepted'; outcome: SignInOutcome }
  /** The code was right: the API sent the user. */
  | { type: 'code-accepted'; user: UserResponseDto }
  /** The challenge expired or used up its attempts: the password is needed again. */
  | { type: 'challenge-ended' }
  /** The user chose to go back to the password (another account, or no code at hand). */
  | { type: 'back' }
  /** A required step was finished; `user` is the fresh `GET /me`. */
  | { type: 'step-finished'; user: UserResponseDto };

/** The step a signed-in user is at: what their session's restriction asks for, else done. */
export function stepForUser(user: UserResponseDto): SignInStep {
  switch (user.restriction) {
    case 'password-change':
      return { kind: 'change-password', user };
    case 'two-factor-enrolment':
      return { kind: 'enrol', user };
    default:
      return { kind: 'done', user };
  }
}

/** The first step when the page opens: a restricted session resumes where it stopped. */
export function initialStep(user: UserResponseDto | null): SignInStep {
  return user !== null && user.restriction !== null ? stepForUser(user) : { kind: 'password' };
}

export function nextStep(step: SignInStep, event: SignInEvent): SignInStep {
  switch (event.type) {
    case 'password-accepted':
      if (step.kind !== 'password') return step;
      return event.outcome.step === 'second-factor'
        ? { kind: 'code', challenge: event.outcome.challenge }
        : stepForUser(event.outcome.user);
    case 'code-accepted':
      return step.kind === 'code' ? stepForUser(event.user) : step;
    case 'challenge-ended':
    case 'back':
      return step.kind === 'code' ? { kind: 'password' } : step;
    case 'step-finished':
      return step.kind === 'change-password' || step.kind === 'enrol'
        ? stepForUser(event.user)
        : step;
  }
}
