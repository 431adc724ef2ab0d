import { inject } from '@angular/core';
import { Router, type CanActivateFn, type Routes } from '@angular/router';
import { Session } from '../../core/auth/session';
import AccountShellPage from './pages/account-shell.page';

/** Mail-app settings and app passwords belong to mailboxes; a standalone admin has none. */
const requireMailbox: CanActivateFn = () =>
  inject(Session).hasMailbox() ? true : inject(Router).createUrlTree(['/account']);

export default [
  {
    path: '',
    component: AccountShellPage,
    children: [
      {
        path: '',
        title: 'account.title',
        loadComponent: () => import('./pages/security.page'),
      },
      {
        path: 'mail-apps',
        title: 'account.mailApps',
        canActivate: [requireMailbox],
        loadComponent: () => import('./pages/mail-apps.page'),
      },
      {
        path: 'spam',
        title: 'account.spam',
        canActivate: [requireMailbox],
        loadComponent: () => import('../spam/pages/account-spam.page'),
      },
      {
        path: 'troubleshooting',
        title: 'account.troubleshooting',
        canActivate: [requireMailbox],
        loadComponent: () => import('./pages/troubleshooting.page'),
      },
      {
        path: 'sessions',
        title: 'sessions.title',
        loadComponent: () => import('./pages/sessions.page'),
      },
    ],
  },
] satisfies Routes;
