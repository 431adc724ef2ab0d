import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Session } from '../../../core/auth/session';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { PageHeader } from '../../../shared/ui/page-header';
import { RouteTabs, type RouteTab } from '../../../shared/ui/route-tabs';

/** "My account": every user's own password, two-step sign-in, mail apps and sessions. */
@Component({
  selector: 'yb-account-shell-page',
  imports: [PageHeader, RouteTabs, TranslatePipe],
  template: `
    <yb-page-header [heading]="'account.title' | t" [subtitle]="who()" />
    <yb-route-tabs [tabs]="tabs()" [label]="'account.sections' | t" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AccountShellPage {
  protected readonly session = inject(Session);
  private readonly i18n = inject(I18n);

  protected readonly tabs = computed((): RouteTab[] => [
    { link: '/account', label: 'account.security', exact: true, testId: 'tab-security' },
    {
      link: '/account/mail-apps',
      label: 'account.mailApps',
      testId: 'tab-mail-apps',
      shown: this.session.hasMailbox(),
    },
    {
      link: '/account/spam',
      label: 'account.spam',
      testId: 'tab-spam',
      shown: this.session.hasMailbox(),
    },
    {
      link: '/account/troubleshooting',
      label: 'account.troubleshooting',
      testId: 'tab-troubleshooting',
      shown: this.session.hasMailbox(),
    },
    { link: '/account/sessions', label: 'sessions.title', testId: 'tab-sessions' },
  ]);

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
