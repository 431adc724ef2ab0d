import type { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'aliasDomains.title',
    loadComponent: () => import('./pages/alias-domain-list.page'),
  },
] satisfies Routes;
