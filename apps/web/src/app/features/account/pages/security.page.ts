import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Session } from '../../../core/auth/session';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ChangePasswordForm } from '../components/change-password-form';
import { LanguageCard } from '../components/language-card';
import { TwoFactorPanel } from '../components/two-factor-panel';

/** Password and two-step sign-in. */
@Component({
  selector: 'yb-security-page',
  imports: [ChangePasswordForm, LanguageCard, TwoFactorPanel, TranslatePipe],
  template: `
    @if (session.user(); as user) {
      <section class="yb-card" data-testid="two-factor-card">
        <yb-two-factor-panel [account]="user.email" />
      </section>
      <section class="yb-card" data-testid="password-card">
        <h2>{{ 'account.password.title' | t }}</h2>
        <p class="yb-muted intro">
          {{
            (user.kind === 'mailbox' ? 'account.password.introMailbox' : 'account.password.intro')
              | t
          }}
        </p>
        <yb-change-password-form [user]="user" (changed)="changed()" />
      </section>
      <section class="yb-card" data-testid="language-card">
        <yb-language-card [user]="user" />
      </section>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 20px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    .intro {
      margin: 4px 0 16px;
      max-width: 70ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class SecurityPage {
  protected readonly session = inject(Session);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  protected changed(): void {
    this.snackBar.open(this.i18n.t('account.password.changed'));
  }
}
