import type { Routes } from '@angular/router';

export default [
  { path: '', title: 'audit.title', loadComponent: () => import('./pages/audit-log.page') },
] satisfies Routes;
