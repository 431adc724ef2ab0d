import type { Routes } from '@angular/router';
import { requirePermission } from '../../core/auth/guards';

export default [
  { path: '', title: 'mailboxes.title', loadComponent: () => import('./pages/mailbox-list.page') },
  {
    path: 'new',
    title: 'mailboxes.create.title',
    canActivate: [requirePermission('mailboxes:write')],
    loadComponent: () => import('./pages/mailbox-create.page'),
  },
  {
    path: 'deleted',
    title: 'mailboxes.deleted.title',
    loadComponent: () => import('./pages/deleted-mailboxes.page'),
  },
  {
    path: ':localPart',
    title: 'mailboxes.detail.title',
    loadComponent: () => import('./pages/mailbox-detail.page'),
  },
] satisfies Routes;
