import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Permission } from '#contracts';
import { Session } from './session';

/** The signed-in area: without a session, go to sign-in and come back afterwards. */
export const requireSession: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const user = await inject(Session).ensure();
  return user !== null
    ? true
    : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Sign-in is pointless when already signed in. */
export const redirectSignedIn: CanActivateFn = async () => {
  const router = inject(Router);
  const user = await inject(Session)
    .ensure()
    .catch(() => null);
  return user === null ? true : router.createUrlTree(['/']);
};

/** A page needing a permission the user lacks shows "not found" rather than a broken page. */
export function requirePermission(permission: Permission): CanActivateFn {
  return () => {
    const router = inject(Router);
    return inject(Session).can(permission) ? true : router.createUrlTree(['/not-found']);
  };
}
