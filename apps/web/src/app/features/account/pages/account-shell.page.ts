import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { PageHeader } from '../../../shared/ui/page-header';

/** "My account": every user's own password, two-step sign-in, mail apps and sessions. */
@Component({
  selector: 'yb-account-shell-page',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule, PageHeader, TranslatePipe],
  template: `
    <yb-page-header [heading]="'account.title' | t" [subtitle]="who()" />
    <nav
      mat-tab-nav-bar
      mat-stretch-tabs="false"
      [tabPanel]="panel"
      [attr.aria-label]="'account.sections' | t"
    >
      <a
        mat-tab-link
        routerLink="/account"
        [routerLinkActiveOptions]="{ exact: true }"
        routerLinkActive
        #security="routerLinkActive"
        [active]="security.isActive"
        data-testid="tab-security"
        >{{ 'account.security' | t }}</a
      >
      @if (session.hasMailbox()) {
        <a
          mat-tab-link
          routerLink="/account/mail-apps"
          routerLinkActive
          #mailApps="routerLinkActive"
          [active]="mailApps.isActive"
          data-testid="tab-mail-apps"
          >{{ 'account.mailApps' | t }}</a
        >
      }
      <a
        mat-tab-link
        routerLink="/account/sessions"
        routerLinkActive
        #sessions="routerLinkActive"
        [active]="sessions.isActive"
        data-testid="tab-sessions"
        >{{ 'sessions.title' | t }}</a
      >
    </nav>
    <mat-tab-nav-panel #panel class="panel"><router-outlet /></mat-tab-nav-panel>
  `,
  styles: `
    .panel {
      display: block;
      padding-top: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AccountShellPage {
  protected readonly session = inject(Session);
  private readonly i18n = inject(I18n);

  /** "alice@example.com · Domain admin of example.com" in plain words. */
  protected readonly who = computed(() => {
    const user = this.session.user();
    if (user === null) return '';
    const name = user.displayName ? `${user.displayName} <${user.email}>` : user.email;
    const role =
      user.role === null
        ? this.i18n.t('account.roleNone')
        : user.role === 'superadmin'
          ? this.i18n.t('account.roleSuperadmin')
          : this.i18n.t(
              user.role === 'domain-admin' ? 'account.roleDomainAdmin' : 'account.roleHelpdesk',
              {
                domains: (user.domains ?? []).join(', '),
              },
            );
    return `${name} · ${role}`;
  });
}
