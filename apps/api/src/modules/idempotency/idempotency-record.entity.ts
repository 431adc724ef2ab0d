import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The first response to a POST carrying an Idempotency-Key, replayed to retries.
 * The body is sealed with the secret key: it may hold a secret shown once.
 */
@Entity('idempotency_record')
@Unique('uq_idempotency_principal_key', ['principalKey', 'key'])
@Index('ix_idempotency_expires', ['expiresAt'])
export class IdempotencyRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Keys are per principal: two clients may pick the same key. */
  @Column({ type: 'varchar', length: 80 })
  principalKey!: string;

  @Column({ type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 of method, path and body; a reused key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  /** Null while the first request is still being processed. */
  @Column({ type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  sealedResponse!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
