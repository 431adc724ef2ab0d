import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../../common/auth/principal.js';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors/app-error.js';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { IdentitiesRepository } from '../identities/identities.repository.js';
import { principalFor } from '../identities/principal.factory.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { sessionTokenOf, xsrfMatches, XSRF_HEADER } from './session-cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who is calling: a bearer token, or a session cookie with its CSRF header on writes. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly identities: IdentitiesRepository,
    private readonly tokens: ApiTokensService,
  ) {}

  async authenticate(request: Request): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal =
        match?.[1] === undefined ? undefined : await this.tokens.authenticate(match[1]);
      if (principal === undefined) {
        throw new UnauthenticatedError(
          'UNAUTHENTICATED',
          'The bearer token is invalid, expired or revoked.',
        );
      }
      return principal;
    }

    const sessionToken = sessionTokenOf(request);
    if (sessionToken === undefined) throw new UnauthenticatedError();
    const session = await this.sessions.resolve(sessionToken);
    // The identity is read on every request: a disabled mailbox or a removed role takes effect at once.
    const identity =
      session === undefined ? undefined : await this.identities.findBySubject(session.subject);
    if (session === undefined || identity === undefined) {
      throw new UnauthenticatedError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    }
    if (
      !SAFE_METHODS.has(request.method) &&
      !xsrfMatches(sessionToken, request.header(XSRF_HEADER))
    ) {
      throw new ForbiddenError('CSRF_TOKEN_INVALID', 'Missing or wrong X-XSRF-TOKEN header.');
    }
    return principalFor(identity, {
      via: 'session',
      sessionId: session.id,
      restriction: session.restriction,
    });
  }
}
