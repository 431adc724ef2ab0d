import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Permission } from '#contracts';
import { Session } from './session';

/**
 * The signed-in area: without a session, go to sign-in and come back afterwards. A session
 * that must first change its password or turn on 2FA goes to the sign-in page too, which
 * shows that step and nothing else.
 */
export const requireSession: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const user = await inject(Session).ensure();
  return user !== null && user.restriction === null
    ? true
    : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Sign-in is pointless when already signed in, unless a required step is still open. */
export const redirectSignedIn: CanActivateFn = async () => {
  const router = inject(Router);
  const user = await inject(Session)
    .ensure()
    .catch(() => null);
  return user === null || user.restriction !== null ? true : router.createUrlTree(['/']);
};

/** A page needing a permission the user lacks shows "not found" rather than a broken page. */
export function requirePermission(permission: Permission): CanActivateFn {
  return () => {
    const router = inject(Router);
    return inject(Session).can(permission) ? true : router.createUrlTree(['/not-found']);
  };
}

/** Admin pages; a mailbox user without a role lands on their own account instead. */
export const requireAdmin: CanActivateFn = () => {
  const router = inject(Router);
  return inject(Session).isAdmin() ? true : router.createUrlTree(['/account']);
};

/** Creating domains is for an administrator of all domains. */
export const requireAllDomains: CanActivateFn = () => {
  const router = inject(Router);
  return inject(Session).allDomains() ? true : router.createUrlTree(['/not-found']);
};
