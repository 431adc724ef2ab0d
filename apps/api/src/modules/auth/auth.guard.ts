import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { SessionRestriction } from '#contracts';
import {
  ACCESS_METADATA,
  type AccessRule,
  type AuthenticatedRequest,
} from '../../common/auth/access.decorators.js';
import {
  MAIL_SERVER_KEY_HEADER,
  mailServerKeyMatches,
  sentMailServerKey,
} from '../../common/auth/mail-server-key.js';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors/app-error.js';
import { requestIdOf } from '../../common/http/request-id.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { inNetworkRanges } from '../../infra/config/network-ranges.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { AuthenticationService } from './authentication.service.js';

const RESTRICTED: Record<SessionRestriction, ForbiddenError> = {
  'password-change': new ForbiddenError(
    'PASSWORD_CHANGE_REQUIRED',
    'Choose a new password first (POST /api/v1/me/password).',
  ),
  'two-factor-enrolment': new ForbiddenError(
    'TWO_FACTOR_ENROLMENT_REQUIRED',
    'Turn on two-factor authentication first (POST /api/v1/me/2fa/totp).',
  ),
};

/**
 * Applied to every route. A route without an access rule is refused (and fails the
 * boot check); a restricted session reaches only the routes that allow its restriction.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (rule === undefined) throw new ForbiddenError('FORBIDDEN', 'This route has no access rule.');
    if (rule.kind === 'public') return true;

    const request = execution.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    if (rule.kind === 'mail-server') {
      const mailServer = this.config.mailServer;
      // The address first: elsewhere, the key is not even compared.
      if (rule.map === true && !inNetworkRanges(mailServer.addresses, request.ip))
        throw new ForbiddenError(
          'MAIL_SERVER_ADDRESS_REFUSED',
          'This address may not call the mail server’s routes (MAIL_SERVER_ADDRESSES).',
        );
      const sent =
        rule.map === true
          ? sentMailServerKey(request.headers)
          : request.headers[MAIL_SERVER_KEY_HEADER];
      const expected =
        rule.signer === true ? mailServer.dkimSignerSecret : mailServer.authPolicySecret;
      if (!mailServerKeyMatches(sent, expected))
        throw new UnauthenticatedError(
          'UNAUTHENTICATED',
          'The mail server key is missing or wrong.',
        );
      return true;
    }
    const principal = await this.authentication.authenticate(request);
    const restriction = principal.restriction;
    if (restriction !== undefined) {
      const allowed = rule.kind === 'authenticated' ? (rule.allowRestricted ?? []) : [];
      if (!allowed.includes(restriction)) throw RESTRICTED[restriction];
    }
    if (rule.kind === 'authenticated' && rule.sessionOnly === true && principal.via !== 'session') {
      throw new ForbiddenError(
        'FORBIDDEN',
        'This is done from a signed-in session, not with an API token.',
      );
    }
    if (rule.kind === 'permission' && !principal.permissions.has(rule.permission)) {
      throw new ForbiddenError('FORBIDDEN', `This needs the ${rule.permission} permission.`);
    }
    request.yubinContext = { principal, ip: request.ip, requestId: requestIdOf(request) };
    return true;
  }
}
