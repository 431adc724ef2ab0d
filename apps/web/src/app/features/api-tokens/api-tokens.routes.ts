import type { Routes } from '@angular/router';

export default [
  { path: '', title: 'tokens.title', loadComponent: () => import('./pages/api-tokens.page') },
] satisfies Routes;
