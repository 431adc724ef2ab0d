import type { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'auth.title',
    loadComponent: () => import('./pages/login.page'),
  },
] satisfies Routes;
