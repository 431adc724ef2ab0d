import { Inject, Injectable } from '@nestjs/common';
import type { SessionRestriction } from '#contracts';
import type { RequestContext, Subject } from '../../common/auth/principal.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { randomToken, sha256Hex } from '../../infra/crypto/random-secrets.js';
import type { SessionResponseDto } from './dto/session-response.dto.js';
import { SessionsRepository, type ActiveSession } from './sessions.repository.js';

export interface ClientMeta {
  ip: string | undefined;
  userAgent: string;
}

export interface NewSession {
  token: string;
  id: string;
  maxAgeSeconds: number;
}

/** Server-side sessions: created at sign-in, ended by sign-out, timeouts or revocation. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
  ) {}

  async create(
    subject: Subject,
    restriction: SessionRestriction | null,
    meta: ClientMeta,
  ): Promise<NewSession> {
    const now = this.clock.now();
    const token = randomToken(32);
    const maxAgeSeconds = this.config.sessions.absoluteTimeoutSeconds;
    const id = await this.sessions.insert({
      tokenHash: sha256Hex(token),
      subject,
      restriction,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent.slice(0, 512),
    });
    return { token, id, maxAgeSeconds };
  }

  async resolve(token: string): Promise<ActiveSession | undefined> {
    const now = this.clock.now();
    const session = await this.sessions.findActive(
      sha256Hex(token),
      now,
      this.config.sessions.idleTimeoutSeconds,
    );
    if (session !== undefined) await this.sessions.touch(session.id, now);
    return session;
  }

  async list(ctx: RequestContext): Promise<SessionResponseDto[]> {
    const rows = await this.sessions.listFor(
      ctx.principal.subject,
      this.clock.now(),
      this.config.sessions.idleTimeoutSeconds,
    );
    return rows.map((row) => ({
      id: row.id,
      current: row.id === ctx.principal.sessionId,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      ip: row.ip,
      userAgent: row.userAgent,
    }));
  }

  async revoke(ctx: RequestContext, id: string): Promise<void> {
    if (!(await this.sessions.deleteOwn(ctx.principal.subject, id))) {
      throw new NotFoundError('SESSION_NOT_FOUND', `No session ${id}.`);
    }
  }

  /** Ends the caller's other sessions. */
  revokeOthers(ctx: RequestContext): Promise<number> {
    return this.sessions.deleteAllFor(ctx.principal.subject, ctx.principal.sessionId);
  }

  /** After an admin reset of a password or 2FA: the user must sign in again everywhere. */
  endAll(subject: Subject): Promise<number> {
    return this.sessions.deleteAllFor(subject);
  }

  async lift(sessionId: string | undefined): Promise<void> {
    if (sessionId !== undefined) await this.sessions.setRestriction(sessionId, null);
  }

  /** Replaces a session's restriction, e.g. a finished password change that must now enrol 2FA. */
  async restrict(
    sessionId: string | undefined,
    restriction: SessionRestriction | null,
  ): Promise<void> {
    if (sessionId !== undefined) await this.sessions.setRestriction(sessionId, restriction);
  }

  async end(sessionId: string | undefined): Promise<void> {
    if (sessionId !== undefined) await this.sessions.deleteOwnById(sessionId);
  }
}
