import type { Routes } from '@angular/router';
import { requireAllDomains, requirePermission } from '../../core/auth/guards';
import { DomainContext } from './data/domain-context';
import DomainShellPage from './pages/domain-shell.page';

export default [
  { path: '', title: 'domains.title', loadComponent: () => import('./pages/domain-list.page') },
  {
    path: 'new',
    title: 'domains.create.title',
    canActivate: [requirePermission('domains:write'), requireAllDomains],
    loadComponent: () => import('./pages/domain-create.page'),
  },
  {
    path: ':domain',
    providers: [DomainContext],
    // In this chunk: every page under a domain needs it, so it costs no extra round trip.
    component: DomainShellPage,
    children: [
      {
        path: '',
        title: 'domains.overview',
        loadComponent: () => import('./pages/domain-overview.page'),
      },
      {
        path: 'mailboxes',
        canActivate: [requirePermission('mailboxes:read')],
        loadChildren: () => import('../mailboxes/mailboxes.routes'),
      },
      {
        path: 'aliases',
        canActivate: [requirePermission('aliases:read')],
        loadChildren: () => import('../aliases/aliases.routes'),
      },
      {
        path: 'spam',
        title: 'domains.spam',
        canActivate: [requirePermission('spam:read')],
        loadComponent: () => import('../spam/pages/domain-spam.page'),
      },
      {
        path: 'dns',
        title: 'domains.dns',
        loadComponent: () => import('../dns/pages/domain-dns.page'),
      },
    ],
  },
] satisfies Routes;
