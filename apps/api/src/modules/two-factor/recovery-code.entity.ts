import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/** A single-use recovery code, stored as an HMAC under the configured key. */
@Entity('recovery_code')
@Unique('uq_recovery_code_hash', ['codeHash'])
@Index('ix_recovery_code_admin', ['adminId'])
@Index('ix_recovery_code_mailbox', ['mailboxId'])
@Check('ck_recovery_code_subject', 'num_nonnulls("admin_id", "mailbox_id") = 1')
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  adminId!: string | null;

  @ManyToOne('AdminAccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_recovery_code_admin' })
  admin?: unknown;

  @Column({ type: 'uuid', nullable: true })
  mailboxId!: string | null;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_recovery_code_mailbox' })
  mailbox?: unknown;

  @Column({ type: 'char', length: 64, select: false })
  codeHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
