import { Injectable } from '@nestjs/common';
import type { Subject } from '../../common/auth/principal.js';
import { Database } from '../../infra/database/database.js';
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
      adminId: subject.kind === 'admin' ? subject.id : null,
      mailboxId: subject.kind === 'mailbox' ? subject.id : null,
      expiresAt,
    });
  }

  async findOpen(
    tokenHash: string,
    now: Date,
    maxAttempts: number,
  ): Promise<OpenChallenge | undefined> {
    const rows: {
      id: string;
      admin_id: string | null;
      mailbox_id: string | null;
      failed_attempts: number;
    }[] = await this.db.manager.query(
      `SELECT id, admin_id, mailbox_id, failed_attempts FROM login_challenge
          WHERE token_hash = $1 AND expires_at > $2 AND failed_attempts < $3`,
      [tokenHash, now, maxAttempts],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      id: row.id,
      subject:
        row.admin_id !== null
          ? { kind: 'admin', id: row.admin_id }
          : { kind: 'mailbox', id: row.mailbox_id as string },
      failedAttempts: row.failed_attempts,
    };
  }

  async recordFailure(id: string): Promise<void> {
    await this.db.manager.query(
      'UPDATE login_challenge SET failed_attempts = failed_attempts + 1 WHERE id = $1',
      [id],
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(LoginChallengeEntity, { id });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.manager.query('DELETE FROM login_challenge WHERE expires_at <= $1', [now]);
  }
}
