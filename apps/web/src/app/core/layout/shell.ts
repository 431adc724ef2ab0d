import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Permission } from '#contracts';
import { filter, map } from 'rxjs';
import { Session } from '../auth/session';
import { I18n, type MessageKey } from '../i18n/i18n.service';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/i18n.types';
import { LocalDatePipe } from '../i18n/format.pipes';
import { TranslatePipe } from '../i18n/translate.pipe';
import { ThemeService, type ThemeChoice } from '../theme/theme.service';
import { UnicodeNamePipe } from '../../shared/ui/unicode-name.pipe';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
  exact?: boolean;
  permission?: Permission;
  /** Only for holders of an admin role. */
  admin?: boolean;
}

const NAV: readonly NavItem[] = [
  { path: '/', label: 'nav.dashboard', icon: 'space_dashboard', exact: true, admin: true },
  { path: '/domains', label: 'nav.domains', icon: 'domain', permission: 'domains:read' },
  {
    path: '/alias-domains',
    label: 'nav.aliasDomains',
    icon: 'alt_route',
    permission: 'domains:read',
  },
  {
    path: '/admins',
    label: 'nav.admins',
    icon: 'admin_panel_settings',
    permission: 'admins:read',
  },
  { path: '/api-tokens', label: 'nav.apiTokens', icon: 'key', admin: true },
  { path: '/audit', label: 'nav.audit', icon: 'history', permission: 'audit:read' },
  { path: '/account', label: 'nav.account', icon: 'manage_accounts' },
];

@Component({
  selector: 'yb-shell',
  imports: [
    UnicodeNamePipe,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatSidenavModule,
    MatToolbarModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatDividerModule,
    MatTooltipModule,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class Shell {
  private readonly router = inject(Router);
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly theme = inject(ThemeService);

  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 900px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly nav = computed(() =>
    NAV.filter(
      (item) =>
        (item.permission === undefined || this.session.permissions().has(item.permission)) &&
        (item.admin !== true || this.session.isAdmin()),
    ),
  );
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /**
   * 2FA is required and not on yet: say by when, on every page until it is done (but on
   * the page where it is turned on, which says so itself).
   */
  protected readonly twoFactorDue = computed(() => {
    const twoFactor = this.session.user()?.twoFactor;
    const onSetupPage = this.url().split(/[?#]/)[0] === '/account';
    return twoFactor !== undefined && twoFactor.required && !twoFactor.enabled && !onSetupPage
      ? twoFactor.deadline
      : null;
  });
  protected readonly languages: readonly { code: Language; label: string }[] = LANGUAGES.map(
    (code) => ({ code, label: LANGUAGE_NAMES[code] }),
  );
  protected readonly themes: readonly { choice: ThemeChoice; label: MessageKey; icon: string }[] = [
    { choice: 'system', label: 'shell.themeSystem', icon: 'brightness_auto' },
    { choice: 'light', label: 'shell.themeLight', icon: 'light_mode' },
    { choice: 'dark', label: 'shell.themeDark', icon: 'dark_mode' },
  ];

  /** Switches at once; a signed-in session also keeps the choice with the account. */
  protected setLanguage(language: Language): void {
    void this.i18n.use(language);
    if (this.session.user()?.via !== 'session') return;
    this.session.saveLanguage(language).catch(() => {
      this.snackBar.open(this.i18n.t('shell.languageNotSaved'));
    });
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut().catch(() => undefined);
    await this.router.navigate(['/login']);
  }
}
