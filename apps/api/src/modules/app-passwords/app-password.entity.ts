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
import type { MailProtocol } from '#contracts';

/**
 * A password for one mail app, limited to some protocols and possibly to a date.
 * Stored as argon2id in the form Dovecot verifies. Once the mailbox has TOTP, these
 * are the only passwords IMAP, POP3 and SMTP accept.
 */
@Entity('app_password')
@Index('ix_app_password_mailbox', ['mailboxId'])
@Unique('uq_app_password_lookup_key', ['lookupKey'])
@Check(
  'ck_app_password_protocols',
  `cardinality("protocols") >= 1 AND "protocols" <@ ARRAY['imap', 'pop3', 'smtp']::varchar[]`,
)
export class AppPasswordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  mailboxId!: string;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_app_password_mailbox' })
  mailbox?: unknown;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 512, select: false })
  passwordHash!: string;

  /**
   * SHA-256 of the password: how Dovecot finds the row (`%{sha256:password}`) before it
   * verifies the argon2id hash. The password is random, so this cannot be inverted.
   */
  @Column({ type: 'char', length: 64, nullable: true, select: false })
  lookupKey!: string | null;

  @Column({ type: 'varchar', length: 8, array: true })
  protocols!: MailProtocol[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** Reported by the mail server where it can. */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** The admin who issued it for the user; null when the user made it. */
  @Column({ type: 'uuid', nullable: true })
  createdByAdminId!: string | null;

  @ManyToOne('AdminAccountEntity', { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by_admin_id',
    foreignKeyConstraintName: 'fk_app_password_created_by',
  })
  createdByAdmin?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
