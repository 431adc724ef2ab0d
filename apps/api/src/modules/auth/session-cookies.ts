import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { sha256Hex } from '../../infra/crypto/random-secrets.js';

export const SESSION_COOKIE = 'yubin_session';
/** Angular's HttpClient reads this cookie and echoes it in X-XSRF-TOKEN. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

/** Bound to the session: a token from another session, or a forged one, never matches. */
export function xsrfTokenFor(sessionToken: string): string {
  return sha256Hex(`xsrf:${sessionToken}`);
}

export function xsrfMatches(sessionToken: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(xsrfTokenFor(sessionToken));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sessionTokenOf(request: Request): string | undefined {
  const cookies = request.cookies as Record<string, string | undefined> | undefined;
  const value = cookies?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : undefined;
}

export function setSessionCookies(
  request: Request,
  response: Response,
  sessionToken: string,
  maxAgeSeconds: number,
): void {
  const common = {
    secure: request.secure,
    sameSite: 'strict' as const,
    path: '/',
    maxAge: maxAgeSeconds * 1000,
  };
  response.cookie(SESSION_COOKIE, sessionToken, { ...common, httpOnly: true });
  response.cookie(XSRF_COOKIE, xsrfTokenFor(sessionToken), { ...common, httpOnly: false });
}

export function clearSessionCookies(request: Request, response: Response): void {
  const common = { secure: request.secure, sameSite: 'strict' as const, path: '/' };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(XSRF_COOKIE, common);
}
