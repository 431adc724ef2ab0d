import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { ConnectionSettingsResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ConnectionSettingsCard } from '../../../shared/ui/connection-settings-card';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { AppleProfileCard } from '../components/apple-profile-card';
import { AppPasswordsPanel } from '../components/app-passwords-panel';
import { AccountApi } from '../data/account-api';

/** What to type into a mail app, and the app passwords to use there. */
@Component({
  selector: 'yb-mail-apps-page',
  imports: [
    ConnectionSettingsCard,
    AppleProfileCard,
    AppPasswordsPanel,
    Loading,
    ErrorState,
    TranslatePipe,
  ],
  template: `
    @if (problem(); as current) {
      @if (current.code !== 'NOT_A_MAILBOX_USER') {
        <yb-error-state
          [message]="problems.describe(current)"
          [retryLabel]="'common.retry' | t"
          (retry)="load()"
        />
      }
    } @else if (settings(); as current) {
      <yb-connection-settings-card [settings]="current" />
      <section class="yb-card">
        <yb-apple-profile-card
          [username]="current.username"
          [appPasswordRequired]="current.appPasswordRequired"
        />
      </section>
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }
    <section class="yb-card">
      <yb-app-passwords-panel
        [source]="api.appPasswords"
        [username]="session.user()?.email ?? ''"
      />
    </section>
  `,
  styles: `
    :host {
      display: grid;
      gap: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class MailAppsPage {
  protected readonly api = inject(AccountApi);
  protected readonly session = inject(Session);
  protected readonly problems = inject(ProblemText);
  protected readonly settings = signal<ConnectionSettingsResponseDto | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      this.settings.set(await this.api.connectionSettings());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }
}
