import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Permission, SessionRestriction } from '#contracts';
import type { RequestContext } from './principal.js';

export const ACCESS_METADATA = 'yubin:access';

/**
 * Every route declares its access rule; a route without one makes the application
 * refuse to start (see assertEveryRouteHasAccessRule). Authorization cannot be forgotten.
 */
export type AccessRule =
  | { kind: 'public' }
  | {
      kind: 'authenticated';
      allowRestricted?: readonly SessionRestriction[];
      sessionOnly?: boolean;
    }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'mail-server'; map?: boolean; signer?: boolean };

/** No authentication: health, login. */
export const Public = (): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

export interface AuthenticatedOptions {
  /** Session restrictions under which the route still works (e.g. changing a password). */
  allowRestricted?: readonly SessionRestriction[];
  /** Credentials and sign-in state are changed from a signed-in browser, never with an API token. */
  sessionOnly?: boolean;
}

/**
 * Only the mail server, with the key from MAIL_AUTH_POLICY_SECRET (see mail-server-key.ts);
 * no user, session or API token reaches these routes.
 */
export const MailServer = (): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'mail-server' } satisfies AccessRule);

/**
 * A map a mail daemon fetches (Rspamd), or a script on the mail server calls (Dovecot's
 * quota_warning): the same key, also accepted as the password of HTTP Basic (all Rspamd
 * can send), and only from MAIL_SERVER_ADDRESSES.
 */
export const MailServerMap = (): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'mail-server', map: true } satisfies AccessRule);

/**
 * A map only Rspamd's DKIM signer fetches (it carries private keys): from
 * MAIL_SERVER_ADDRESSES, with MAIL_DKIM_SIGNER_SECRET as the password of HTTP Basic, a key
 * Postfix and Dovecot never see (ADR 0016).
 */
export const DkimSignerMap = (): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, {
    kind: 'mail-server',
    map: true,
    signer: true,
  } satisfies AccessRule);

/** Any signed-in principal, acting on itself. */
export const Authenticated = (options: AuthenticatedOptions = {}): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'authenticated', ...options } satisfies AccessRule);

/** The principal must hold the permission; services then narrow to its domains. */
export const RequirePermission = (permission: Permission): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'permission', permission } satisfies AccessRule);

export interface AuthenticatedRequest {
  yubinContext?: RequestContext;
}

/** The request context of an authenticated route. */
export const Ctx = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): RequestContext => {
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.yubinContext === undefined) {
      throw new Error('@Ctx() used on a route without authentication');
    }
    return request.yubinContext;
  },
);
