import type { Routes } from '@angular/router';

export default [
  { path: '', title: 'aliases.title', loadComponent: () => import('./pages/alias-list.page') },
] satisfies Routes;
