import { Injectable } from '@nestjs/common';
import type { AdminRole } from '#contracts';
import { Database } from '../../infra/database/database.js';
import { SessionEntity } from './session.entity.js';

export interface ActiveSession {
  id: string;
  lastSeenAt: Date;
  adminId: string;
  email: string;
  role: AdminRole;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    values: Pick<
      SessionEntity,
      'tokenHash' | 'adminId' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent'
    >,
  ): Promise<string> {
    const result = await this.db.manager.insert(SessionEntity, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** A session that has neither idled out nor passed its absolute end, with its active account. */
  async findActive(
    tokenHash: string,
    now: Date,
    idleSeconds: number,
  ): Promise<ActiveSession | undefined> {
    const rows: ActiveSession[] = await this.db.manager.query(
      `SELECT s.id, s.last_seen_at AS "lastSeenAt", a.id AS "adminId", a.email, a.role
         FROM session s JOIN admin_account a ON a.id = s.admin_id
        WHERE s.token_hash = $1 AND s.expires_at > $2
          AND s.last_seen_at > $2::timestamptz - make_interval(secs => $3) AND a.active`,
      [tokenHash, now, idleSeconds],
    );
    return rows[0];
  }

  /** Activity is recorded at most once a minute, to keep reads from writing. */
  async touch(id: string, now: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2::timestamptz - interval '1 minute'`,
      [id, now],
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(SessionEntity, { id });
  }

  async deleteExpired(now: Date, idleSeconds: number): Promise<number> {
    const result: [unknown[], number] = await this.db.manager.query(
      `DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $1::timestamptz - make_interval(secs => $2)`,
      [now, idleSeconds],
    );
    return result[1];
  }
}
