import type { Routes } from '@angular/router';

export default [
  { path: '', title: 'dashboard.title', loadComponent: () => import('./pages/dashboard.page') },
] satisfies Routes;
