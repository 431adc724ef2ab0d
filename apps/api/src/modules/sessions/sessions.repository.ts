import { Injectable } from '@nestjs/common';
import type { SessionRestriction } from '#contracts';
import type { Subject } from '../../common/auth/principal.js';
import { subjectColumn, subjectColumns, subjectOfRow } from '../../common/auth/subject.js';
import { Database } from '../../infra/database/database.js';
import { SessionEntity } from './session.entity.js';

export interface ActiveSession {
  id: string;
  subject: Subject;
  restriction: SessionRestriction | null;
}

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async insert(values: {
    tokenHash: string;
    subject: Subject;
    restriction: SessionRestriction | null;
    lastSeenAt: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string;
  }): Promise<string> {
    const result = await this.db.manager.insert(SessionEntity, {
      tokenHash: values.tokenHash,
      ...subjectColumns(values.subject),
      restriction: values.restriction,
      lastSeenAt: values.lastSeenAt,
      expiresAt: values.expiresAt,
      ip: values.ip,
      userAgent: values.userAgent,
    });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** A session that has neither idled out nor passed its absolute end. */
  async findActive(
    tokenHash: string,
    now: Date,
    idleSeconds: number,
  ): Promise<ActiveSession | undefined> {
    const rows: {
      id: string;
      admin_id: string | null;
      mailbox_id: string | null;
      restriction: SessionRestriction | null;
    }[] = await this.db.manager.query(
      `SELECT id, admin_id, mailbox_id, restriction FROM session
          WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $2::timestamptz - make_interval(secs => $3)`,
      [tokenHash, now, idleSeconds],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return { id: row.id, subject: subjectOfRow(row), restriction: row.restriction };
  }

  /** Activity is recorded at most once a minute, to keep reads from writing. */
  async touch(id: string, now: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2::timestamptz - interval '1 minute'`,
      [id, now],
    );
  }

  async listFor(subject: Subject, now: Date, idleSeconds: number): Promise<SessionRow[]> {
    return this.db.manager.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip,
              user_agent AS "userAgent"
         FROM session
        WHERE ${subjectColumn(subject)} = $1 AND expires_at > $2
          AND last_seen_at > $2::timestamptz - make_interval(secs => $3)
        ORDER BY last_seen_at DESC`,
      [subject.id, now, idleSeconds],
    );
  }

  /** Deletes one session of the subject; false when it is not theirs. */
  async deleteOwn(subject: Subject, id: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      `DELETE FROM session WHERE id = $1 AND ${subjectColumn(subject)} = $2`,
      [id, subject.id],
    );
    return count > 0;
  }

  async deleteOwnById(id: string): Promise<void> {
    await this.db.manager.delete(SessionEntity, { id });
  }

  /**
   * Ends every session of the subject, except one when given, and any sign-in still
   * waiting for its 2FA code. Returns how many sessions ended.
   */
  async deleteAllFor(subject: Subject, exceptId?: string): Promise<number> {
    await this.db.manager.query(
      `DELETE FROM login_challenge WHERE ${subjectColumn(subject)} = $1`,
      [subject.id],
    );
    const [, count]: [unknown, number] = await this.db.manager.query(
      `DELETE FROM session WHERE ${subjectColumn(subject)} = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [subject.id, exceptId ?? null],
    );
    return count;
  }

  async setRestriction(id: string, restriction: SessionRestriction | null): Promise<void> {
    await this.db.manager.update(SessionEntity, { id }, { restriction });
  }

  async deleteExpired(now: Date, idleSeconds: number): Promise<number> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      `DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $1::timestamptz - make_interval(secs => $2)`,
      [now, idleSeconds],
    );
    return count;
  }
}
