import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import type { Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { UserResponseDto } from '@yubin/api-client';
import { CodeStep } from '../components/code-step';
import { PasswordStep, type Credentials } from '../components/password-step';
import { AuthApi } from '../data/auth-api';

/**
 * Sign-in. One step today (password); the second factor and a forced password change
 * become further steps rendered here, driven by `SignInOutcome`.
 */
@Component({
  selector: 'yb-login-page',
  imports: [PasswordStep, CodeStep, MatIconModule, MatMenuModule, MatButtonModule, TranslatePipe],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class LoginPage {
  private readonly auth = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly problems = inject(ProblemText);
  protected readonly i18n = inject(I18n);

  /** Where to go after signing in (from the guard); only paths inside the app. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly busy = signal(false);
  /** Set after a right password when the account has 2FA: the code step shows. */
  protected readonly challenge = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly expired = computed(() => this.reason() === 'expired' && this.error() === null);

  protected setLanguage(language: Language): void {
    void this.i18n.use(language);
  }

  protected async signIn(credentials: Credentials): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const outcome = await this.auth.signIn(credentials.email.trim(), credentials.password);
      if (outcome.step === 'second-factor') {
        this.challenge.set(outcome.challenge);
        return;
      }
      await this.finish(outcome.user);
    } catch (error) {
      const problem = toProblem(error);
      this.error.set(
        problem.code === 'INVALID_CREDENTIALS' || problem.status === 401
          ? this.i18n.t('auth.invalidCredentials')
          : this.problems.describe(problem),
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected async verifyCode(code: string): Promise<void> {
    const challenge = this.challenge();
    if (challenge === null) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.finish(await this.auth.completeSecondFactor(challenge, code));
    } catch (error) {
      const problem = toProblem(error);
      if (problem.code === 'MFA_CHALLENGE_INVALID') {
        this.challenge.set(null);
        this.error.set(this.i18n.t('auth.codeExpired'));
      } else {
        this.error.set(
          problem.code === 'INVALID_MFA_CODE'
            ? this.i18n.t('auth.invalidCode')
            : this.problems.describe(problem),
        );
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async finish(user: UserResponseDto): Promise<void> {
    this.session.signedIn(user);
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
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
