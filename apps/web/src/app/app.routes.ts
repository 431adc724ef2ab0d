import type { Routes } from '@angular/router';
import {
  redirectSignedIn,
  requireAdmin,
  requirePermission,
  requireSession,
} from './core/auth/guards';
import Shell from './core/layout/shell';

export const routes: Routes = [
  {
    path: 'login',
    canActivate: [redirectSignedIn],
    loadChildren: () => import('./features/auth/auth.routes'),
  },
  {
    path: '',
    canActivate: [requireSession],
    // Eager: nearly every visit is signed in, and the frame should not wait for a chunk.
    component: Shell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        canActivate: [requireAdmin],
        loadChildren: () => import('./features/dashboard/dashboard.routes'),
      },
      {
        path: 'account',
        loadChildren: () => import('./features/account/account.routes'),
      },
      {
        path: 'domains',
        canActivate: [requirePermission('domains:read')],
        loadChildren: () => import('./features/domains/domains.routes'),
      },
      {
        path: 'alias-domains',
        canActivate: [requirePermission('domains:read')],
        loadChildren: () => import('./features/alias-domains/alias-domains.routes'),
      },
      {
        path: 'admins',
        canActivate: [requirePermission('admins:read')],
        loadChildren: () => import('./features/admins/admins.routes'),
      },
      {
        path: 'api-tokens',
        canActivate: [requireAdmin],
        loadChildren: () => import('./features/api-tokens/api-tokens.routes'),
      },
      {
        path: 'audit',
        canActivate: [requirePermission('audit:read')],
        loadChildren: () => import('./features/audit/audit.routes'),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () => import('./shared/ui/not-found-page'),
      },
    ],
  },
];
