import { Injectable } from '@nestjs/common';
import type { Subject } from '../../common/auth/principal.js';
import { subjectColumn, subjectColumns } from '../../common/auth/subject.js';
import { Database } from '../../infra/database/database.js';
import { RecoveryCodeEntity } from './recovery-code.entity.js';

export interface StoredFactor {
  id: string;
  secretSealed: string;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

@Injectable()
export class TwoFactorRepository {
  constructor(private readonly db: Database) {}

  async findFactor(subject: Subject): Promise<StoredFactor | undefined> {
    const rows: {
      id: string;
      secret_sealed: string;
      confirmed_at: Date | null;
      last_used_step: string | null;
    }[] = await this.db.manager.query(
      `SELECT id, secret_sealed, confirmed_at, last_used_step FROM totp_factor WHERE ${subjectColumn(subject)} = $1`,
      [subject.id],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          id: row.id,
          secretSealed: row.secret_sealed,
          confirmedAt: row.confirmed_at,
          lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
        };
  }

  /**
   * Starts (or restarts) an enrolment: an unconfirmed factor with a new seed, in one
   * statement, so parallel starts each replace the seed instead of racing on the unique
   * index. A confirmed factor is never replaced: false when one was confirmed meanwhile.
   */
  async replaceFactor(subject: Subject, secretSealed: string): Promise<boolean> {
    const owner = subjectColumn(subject);
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO totp_factor (${owner}, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (${owner}) DO UPDATE
          SET secret_sealed = EXCLUDED.secret_sealed, confirmed_at = NULL, last_used_step = NULL
        WHERE totp_factor.confirmed_at IS NULL
       RETURNING id`,
      [subject.id, secretSealed],
    );
    return rows.length === 1;
  }

  async confirm(factorId: string, at: Date, step: number): Promise<void> {
    await this.db.manager.query(
      'UPDATE totp_factor SET confirmed_at = $2, last_used_step = $3 WHERE id = $1',
      [factorId, at, step],
    );
  }

  /**
   * Records an accepted time step, only if it is later than the last one: two
   * concurrent logins with the same code cannot both win.
   */
  async acceptStep(factorId: string, step: number): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      `UPDATE totp_factor SET last_used_step = $2
        WHERE id = $1 AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)`,
      [factorId, step],
    );
    return count === 1;
  }

  async deleteAll(subject: Subject): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      `DELETE FROM totp_factor WHERE ${subjectColumn(subject)} = $1`,
      [subject.id],
    );
    await this.db.manager.query(`DELETE FROM recovery_code WHERE ${subjectColumn(subject)} = $1`, [
      subject.id,
    ]);
    return count > 0;
  }

  async replaceRecoveryCodes(subject: Subject, codeHashes: string[]): Promise<void> {
    await this.db.manager.query(`DELETE FROM recovery_code WHERE ${subjectColumn(subject)} = $1`, [
      subject.id,
    ]);
    await this.db.manager.insert(
      RecoveryCodeEntity,
      codeHashes.map((codeHash) => ({ ...subjectColumns(subject), codeHash })),
    );
  }

  /** Uses up a recovery code; true when it existed, belonged to the subject and was unused. */
  async consumeRecoveryCode(subject: Subject, codeHash: string, at: Date): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      `UPDATE recovery_code SET used_at = $3 WHERE code_hash = $2 AND ${subjectColumn(subject)} = $1 AND used_at IS NULL`,
      [subject.id, codeHash, at],
    );
    return count === 1;
  }

  async remainingRecoveryCodes(subject: Subject): Promise<number> {
    const rows: { n: number }[] = await this.db.manager.query(
      `SELECT count(*)::int AS n FROM recovery_code WHERE ${subjectColumn(subject)} = $1 AND used_at IS NULL`,
      [subject.id],
    );
    return rows[0]?.n ?? 0;
  }
}
