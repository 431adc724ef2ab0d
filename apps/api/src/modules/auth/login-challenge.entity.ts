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

/** The second step of a login with 2FA: short-lived, a few tries, then dead. */
@Entity('login_challenge')
@Unique('uq_login_challenge_token_hash', ['tokenHash'])
@Index('ix_login_challenge_expires', ['expiresAt'])
@Check('ck_login_challenge_subject', 'num_nonnulls("admin_id", "mailbox_id") = 1')
export class LoginChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'uuid', nullable: true })
  adminId!: string | null;

  @ManyToOne('AdminAccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_login_challenge_admin' })
  admin?: unknown;

  @Column({ type: 'uuid', nullable: true })
  mailboxId!: string | null;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_login_challenge_mailbox' })
  mailbox?: unknown;

  @Column({ type: 'integer', default: 0 })
  failedAttempts!: number;

  /** When each attempt in flight was reserved (see `throttle-policy.ts`). */
  @Column({ type: 'timestamptz', array: true, default: () => "'{}'" })
  reservations!: Date[];

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
