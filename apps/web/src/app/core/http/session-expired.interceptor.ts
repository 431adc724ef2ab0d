import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { Session } from '../auth/session';
import { problemBody } from './problem';

/** The codes with which the API says "this session may only finish a required step". */
const RESTRICTED = new Set(['PASSWORD_CHANGE_REQUIRED', 'TWO_FACTOR_ENROLMENT_REQUIRED']);

function codeOf(error: HttpErrorResponse): string | undefined {
  const body = problemBody(error);
  return body !== null && typeof body === 'object' && 'code' in body
    ? String(body.code)
    : undefined;
}

/**
 * A 401 UNAUTHENTICATED on any call but sign-in means the session ended: go back to
 * sign-in, then return. Other 401s (a wrong code or password while turning 2FA off) belong
 * to the form that sent them. A 403 saying the session is restricted (an admin reset the
 * password meanwhile) sends the user to the step they must finish.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  const session = inject(Session);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || session.user() === null) {
        return throwError(() => error);
      }
      const code = codeOf(error);
      if (
        error.status === 401 &&
        (code === undefined || code === 'UNAUTHENTICATED') &&
        !request.url.includes('/auth/login') &&
        !request.url.endsWith('/me')
      ) {
        session.clear();
        void router.navigate(['/login'], {
          queryParams: { returnUrl: router.url, reason: 'expired' },
        });
      } else if (error.status === 403 && code !== undefined && RESTRICTED.has(code)) {
        const returnUrl = router.url;
        void session
          .refresh()
          .catch(() => null)
          .then(() => router.navigate(['/login'], { queryParams: { returnUrl } }));
      }
      return throwError(() => error);
    }),
  );
};
