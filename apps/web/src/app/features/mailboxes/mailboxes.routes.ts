import type { Routes } from '@angular/router';
import { requirePermission } from '../../core/auth/guards';
import MailboxListPage from './pages/mailbox-list.page';

export default [
  // The list is the way in to everything else here: in this chunk, no extra round trip.
  { path: '', title: 'mailboxes.title', component: MailboxListPage },
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
