import { Injectable } from '@nestjs/common';
import type { Subject } from '../../common/auth/principal.js';
import { subjectColumns, subjectOfRow } from '../../common/auth/subject.js';
import { Database } from '../../infra/database/database.js';
import { reservationsSql } from '../throttle/throttle.repository.js';
import { LoginChallengeEntity } from './login-challenge.entity.js';

export interface OpenChallenge {
  id: string;
  subject: Subject;
  failedAttempts: number;
}

@Injectable()
export class LoginChallengesRepository {
  constructor(private readonly db: Database) {}

  async insert(tokenHash: string, subject: Subject, expiresAt: Date): Promise<void> {
    await this.db.manager.insert(LoginChallengeEntity, {
      tokenHash,
      ...subjectColumns(subject),
      expiresAt,
    });
  }

  /**
   * Reserves one code attempt on an open challenge, in one statement that counts
   * failures plus live reservations against `maxAttempts`. `busy`: the challenge is
   * open, but as many codes as it has tries left are being checked right now.
   */
  async reserve(
    tokenHash: string,
    at: Date,
    staleBefore: Date,
    maxAttempts: number,
  ): Promise<OpenChallenge | 'busy' | undefined> {
    const live = reservationsSql.live('c.reservations', '$3::timestamptz');
    const [rows]: [
      { id: string; admin_id: string | null; mailbox_id: string | null; failed_attempts: number }[],
      number,
    ] = await this.db.manager.query(
      `UPDATE login_challenge AS c SET reservations = array_append(${live}, $2::timestamptz)
        WHERE token_hash = $1 AND expires_at > $2
          AND failed_attempts + cardinality(${live}) < $4
        RETURNING id, admin_id, mailbox_id, failed_attempts`,
      [tokenHash, at, staleBefore, maxAttempts],
    );
    const row = rows[0];
    if (row === undefined) {
      const open: unknown[] = await this.db.manager.query(
        `SELECT 1 FROM login_challenge
          WHERE token_hash = $1 AND expires_at > $2 AND failed_attempts < $3`,
        [tokenHash, at, maxAttempts],
      );
      return open.length > 0 ? 'busy' : undefined;
    }
    return {
      id: row.id,
      subject: subjectOfRow(row),
      failedAttempts: row.failed_attempts,
    };
  }

  /** The code reserved at `reservedAt` was wrong: one try fewer. */
  async recordFailure(id: string, reservedAt: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE login_challenge AS c SET failed_attempts = failed_attempts + 1,
          reservations = ${reservationsSql.withoutOne('c.reservations', '$2::timestamptz')}
        WHERE id = $1`,
      [id, reservedAt],
    );
  }

  async release(id: string, reservedAt: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE login_challenge AS c
          SET reservations = ${reservationsSql.withoutOne('c.reservations', '$2::timestamptz')}
        WHERE id = $1`,
      [id, reservedAt],
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(LoginChallengeEntity, { id });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.manager.query('DELETE FROM login_challenge WHERE expires_at <= $1', [now]);
  }
}
