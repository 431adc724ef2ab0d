import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ROLE_PERMISSIONS } from '#contracts';
import { ALL_DOMAINS, type Principal } from '../../common/auth/principal.js';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { sha256Hex } from '../../infra/crypto/random-secrets.js';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { sessionTokenOf, xsrfMatches, XSRF_HEADER } from './session-cookies.js';
import { SessionsRepository } from './sessions.repository.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who is calling: a bearer token, or a session cookie with its CSRF header on writes. */
@Injectable()
export class AuthenticationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensService,
  ) {}

  async authenticate(request: Request, now = new Date()): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal =
        match?.[1] === undefined ? undefined : await this.tokens.authenticate(match[1], now);
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
    const session = await this.sessions.findActive(
      sha256Hex(sessionToken),
      now,
      this.config.sessions.idleTimeoutSeconds,
    );
    if (session === undefined) {
      throw new UnauthenticatedError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    }
    if (
      !SAFE_METHODS.has(request.method) &&
      !xsrfMatches(sessionToken, request.header(XSRF_HEADER))
    ) {
      throw new ForbiddenError('CSRF_TOKEN_INVALID', 'Missing or wrong X-XSRF-TOKEN header.');
    }
    await this.sessions.touch(session.id, now);
    return {
      accountId: session.adminId,
      email: session.email,
      role: session.role,
      via: 'session',
      sessionId: session.id,
      permissions: new Set(ROLE_PERMISSIONS[session.role]),
      domainScope: ALL_DOMAINS,
    };
  }
}
