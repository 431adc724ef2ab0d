import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import type { UserResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import type { Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ChangePasswordForm } from '../../account/components/change-password-form';
import { TotpEnrolment } from '../../account/components/totp-enrolment';
import { CodeStep } from '../components/code-step';
import { PasswordStep, type Credentials } from '../components/password-step';
import { AuthApi } from '../data/auth-api';
import { initialStep, nextStep, type SignInEvent } from '../data/sign-in-flow';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';

/**
 * Sign-in, as a sequence of steps (`SignInStep`): password, then a code when the account
 * has 2FA, then whatever the session must do first (a new password after an admin reset,
 * 2FA when the domain requires it). A restricted session that reloads resumes its step.
 */
@Component({
  selector: 'yb-login-page',
  imports: [
    UnicodeNamePipe,
    PasswordStep,
    CodeStep,
    ChangePasswordForm,
    TotpEnrolment,
    MatIconModule,
    MatButtonModule,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class LoginPage {
  private readonly auth = inject(AuthApi);
  protected readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly problems = inject(ProblemText);
  protected readonly i18n = inject(I18n);

  /** Where to go after signing in (from the guard); only paths inside the app. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly step = signal(initialStep(this.session.user()));
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly attempts = signal<number | undefined>(undefined);
  /**
   * The password of this sign-in, in memory only while a step may need it: a forced
   * change then does not ask to retype the temporary password just typed.
   */
  protected readonly typedPassword = signal<string | null>(null);
  protected readonly expired = computed(
    () => this.reason() === 'expired' && this.error() === null && this.step().kind === 'password',
  );
  protected readonly heading = computed(() => {
    switch (this.step().kind) {
      case 'change-password':
        return 'auth.newPasswordHeading' as const;
      case 'enrol':
        return 'auth.enrolHeading' as const;
      default:
        return 'auth.heading' as const;
    }
  });

  protected setLanguage(language: Language): void {
    void this.i18n.use(language);
  }

  protected async signIn(credentials: Credentials): Promise<void> {
    await this.run(
      async () => {
        const outcome = await this.auth.signIn(credentials.email.trim(), credentials.password);
        this.attempts.set(undefined);
        this.typedPassword.set(credentials.password);
        await this.advance({ type: 'password-accepted', outcome });
      },
      (problem) =>
        problem.code === 'INVALID_CREDENTIALS' || problem.status === 401
          ? this.i18n.t('auth.invalidCredentials')
          : this.problems.describe(problem),
    );
  }

  protected async verifyCode(code: string): Promise<void> {
    const step = this.step();
    if (step.kind !== 'code') return;
    await this.run(
      async () => {
        const user = await this.auth.completeSecondFactor(step.challenge, code);
        await this.advance({ type: 'code-accepted', user });
      },
      (problem) => {
        if (problem.code === 'MFA_CHALLENGE_INVALID') {
          void this.advance({ type: 'challenge-ended' });
          return this.i18n.t('auth.codeExpired');
        }
        if (problem.code === 'INVALID_MFA_CODE') {
          const left = problem.attemptsRemaining;
          this.attempts.set(left);
          if (left === 0) {
            void this.advance({ type: 'challenge-ended' });
            return this.i18n.t('auth.codeAttemptsUsed');
          }
          return this.i18n.t('auth.invalidCode');
        }
        return this.problems.describe(problem);
      },
    );
  }

  protected back(): void {
    this.error.set(null);
    this.attempts.set(undefined);
    void this.advance({ type: 'back' });
  }

  /** A required step is done: ask the API what comes next. */
  protected async stepFinished(): Promise<void> {
    await this.run(
      async () => {
        const user = await this.session.refresh();
        if (user === null) {
          this.step.set({ kind: 'password' });
          return;
        }
        await this.advance({ type: 'step-finished', user });
      },
      (problem) => this.problems.describe(problem),
    );
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut().catch(() => undefined);
    this.typedPassword.set(null);
    this.error.set(null);
    this.step.set({ kind: 'password' });
  }

  private async advance(event: SignInEvent): Promise<void> {
    const next = nextStep(this.step(), event);
    this.step.set(next);
    if (next.kind !== 'change-password' && next.kind !== 'code') this.typedPassword.set(null);
    if (next.kind === 'done') {
      await this.finish(next.user);
    } else if (next.kind === 'change-password' || next.kind === 'enrol') {
      // A restricted session is signed in: the guards send it back here until it is done.
      this.session.signedIn(next.user);
    }
  }

  private async run(
    action: () => Promise<void>,
    describe: (problem: ReturnType<typeof toProblem>) => string,
  ): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (error) {
      this.error.set(describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private async finish(user: UserResponseDto): Promise<void> {
    this.session.signedIn(user);
    const target = safeReturnUrl(this.returnUrl());
    // A mailbox user has no admin pages: their home is their own account.
    await this.router.navigateByUrl(user.role === null && target === '/' ? '/account' : target);
  }
}

/** Only same-app paths: never an absolute URL an attacker put in the link. */
export function safeReturnUrl(value: string | undefined): string {
  if (
    value === undefined ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return '/';
  }
  return value.startsWith('/login') ? '/' : value;
}
