import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorType = 'admin' | 'mailbox' | 'system';
export type AuditVia = 'session' | 'token' | 'system';

/**
 * Append-only. Deliberately without foreign keys: the history of a deleted domain or
 * mailbox must outlive it.
 */
@Entity('audit_event')
@Index('ix_audit_event_domain', ['domainId', 'id'])
@Index('ix_audit_event_domain_name', ['domainName', 'id'])
@Index('ix_audit_event_action', ['action', 'id'])
@Index('ix_audit_event_target', ['targetType', 'targetId', 'id'])
@Index('ix_audit_event_actor', ['actorId', 'id'])
@Index('ix_audit_event_occurred', ['occurredAt'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType!: AuditActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 254 })
  actorLabel!: string;

  @Column({ type: 'varchar', length: 16 })
  via!: AuditVia;

  @Column({ type: 'uuid', nullable: true })
  tokenId!: string | null;

  /** `<target>.<verb>`, e.g. `mailbox.create`. */
  @Column({ type: 'varchar', length: 64, collation: 'C' })
  action!: string;

  @Column({ type: 'varchar', length: 32 })
  targetType!: string;

  @Column({ type: 'varchar', length: 254, collation: 'C' })
  targetId!: string;

  @Column({ type: 'uuid', nullable: true })
  domainId!: string | null;

  @Column({ type: 'varchar', length: 253, collation: 'C', nullable: true })
  domainName!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
