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
import type { SessionRestriction } from '#contracts';

/** A browser session of a standalone admin account or of a mailbox. Only a hash of the cookie is stored. */
@Entity('session')
@Unique('uq_session_token_hash', ['tokenHash'])
@Index('ix_session_admin', ['adminId'])
@Index('ix_session_mailbox', ['mailboxId'])
@Check('ck_session_subject', 'num_nonnulls("admin_id", "mailbox_id") = 1')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 64, select: false })
  tokenHash!: string;

  @Column({ type: 'uuid', nullable: true })
  adminId!: string | null;

  @ManyToOne('AdminAccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_session_admin' })
  admin?: unknown;

  @Column({ type: 'uuid', nullable: true })
  mailboxId!: string | null;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_session_mailbox' })
  mailbox?: unknown;

  /** The one thing this session may do before anything else. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  restriction!: SessionRestriction | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The absolute end of the session, whatever its activity. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 512, default: '' })
  userAgent!: string;
}
