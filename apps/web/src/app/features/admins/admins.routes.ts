import type { Routes } from '@angular/router';
import { requirePermission } from '../../core/auth/guards';

export default [
  { path: '', title: 'admins.title', loadComponent: () => import('./pages/admin-list.page') },
  {
    path: 'new',
    title: 'admins.grant.title',
    canActivate: [requirePermission('admins:write')],
    loadComponent: () => import('./pages/admin-create.page'),
  },
  {
    path: ':id',
    title: 'admins.detail.title',
    loadComponent: () => import('./pages/admin-detail.page'),
  },
] satisfies Routes;
