import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import type { VirusAction } from '#contracts';

/** `numeric` comes back from PostgreSQL as text; a score is a plain number here. */
const SCORE: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A domain's spam policy, or one mailbox's overrides of it: exactly one owner. Every
 * field is nullable, and null inherits (mailbox → domain → default).
 */
@Entity('spam_policy')
@Unique('uq_spam_policy_domain', ['domainId'])
@Unique('uq_spam_policy_mailbox', ['mailboxId'])
@Check('ck_spam_policy_owner', '("domain_id" IS NULL) <> ("mailbox_id" IS NULL)')
@Check('ck_spam_policy_virus_action', `"virus_action" IN ('reject', 'junk')`)
@Check(
  'ck_spam_policy_scores',
  '"add_header_score" BETWEEN 0 AND 1000 AND "junk_score" BETWEEN 0 AND 1000 AND "reject_score" BETWEEN 0 AND 1000',
)
export class SpamPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  domainId!: string | null;

  @ManyToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_spam_policy_domain' })
  domain?: unknown;

  @Column({ type: 'uuid', nullable: true })
  mailboxId!: string | null;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_spam_policy_mailbox' })
  mailbox?: unknown;

  @Column({ type: 'boolean', nullable: true })
  enabled!: boolean | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: SCORE })
  addHeaderScore!: number | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: SCORE })
  junkScore!: number | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: SCORE })
  rejectScore!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  junkFolder!: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  virusAction!: VirusAction | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
