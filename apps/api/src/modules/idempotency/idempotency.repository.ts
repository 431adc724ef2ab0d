import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /** Claims the key; undefined when another request holds it already. */
  async claim(
    principalKey: string,
    key: string,
    requestHash: string,
    expiresAt: Date,
  ): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.manager.query(
      `INSERT INTO idempotency_record (principal_key, key, request_hash, expires_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_idempotency_principal_key DO NOTHING
       RETURNING id`,
      [principalKey, key, requestHash, expiresAt],
    );
    return rows[0]?.id;
  }

  find(principalKey: string, key: string): Promise<IdempotencyRecordEntity | null> {
    return this.db.manager.findOneBy(IdempotencyRecordEntity, { principalKey, key });
  }

  async complete(id: string, statusCode: number, sealedResponse: string): Promise<void> {
    await this.db.manager.update(IdempotencyRecordEntity, { id }, { statusCode, sealedResponse });
  }

  async release(id: string): Promise<void> {
    await this.db.manager.delete(IdempotencyRecordEntity, { id });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.manager.query('DELETE FROM idempotency_record WHERE expires_at <= $1', [now]);
  }
}
