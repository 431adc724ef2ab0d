import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * One TOTP authenticator per identity. The seed is sealed with AES-256-GCM under the
 * configured key, so a database dump alone does not reveal it. Until `confirmedAt`
 * is set the factor is an enrolment in progress and protects nothing.
 */
@Entity('totp_factor')
@Unique('uq_totp_factor_admin', ['adminId'])
@Unique('uq_totp_factor_mailbox', ['mailboxId'])
@Check('ck_totp_factor_subject', 'num_nonnulls("admin_id", "mailbox_id") = 1')
export class TotpFactorEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  adminId!: string | null;

  @ManyToOne('AdminAccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_totp_factor_admin' })
  admin?: unknown;

  @Column({ type: 'uuid', nullable: true })
  mailboxId!: string | null;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_totp_factor_mailbox' })
  mailbox?: unknown;

  @Column({ type: 'text', select: false })
  secretSealed!: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** The last accepted time step: a code is never accepted twice. */
  @Column({ type: 'bigint', nullable: true })
  lastUsedStep!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
