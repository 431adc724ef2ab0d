import type { Locale } from '../../common/i18n/locale.js';
import {
  Column,
  CreateDateColumn,
  Check,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { DomainEntity } from '../domains/domain.entity.js';

/**
 * Partial indexes are declared with `synchronize: false`: the migration owns their
 * exact definition (TypeORM cannot express them), and the drift gate ignores them.
 */
@Entity('mailbox')
@Index('uq_mailbox_live_address', { synchronize: false })
@Index('ix_mailbox_domain_created', { synchronize: false })
@Index('ix_mailbox_domain_display_name', { synchronize: false })
@Index('ix_mailbox_deleted_at', { synchronize: false })
@Index('ix_mailbox_used_ratio', { synchronize: false })
@Index('ix_mailbox_domain_local_part', { synchronize: false })
@Index('ix_mailbox_domain_address', ['domainId', 'address', 'id'])
@Check('ck_mailbox_quota', '"quota_bytes" >= 0 AND "used_bytes" >= 0')
@Check('ck_mailbox_forward_to', 'cardinality("forward_to") <= 1000')
export class MailboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  domainId!: string;

  @ManyToOne(() => DomainEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_mailbox_domain' })
  domain?: Relation<DomainEntity>;

  @Column({ type: 'varchar', length: 64, collation: 'C' })
  localPart!: string;

  /** `localPart@domain`, denormalised because every mail-server lookup is by address. */
  @Column({ type: 'varchar', length: 254, collation: 'C' })
  address!: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  displayName!: string;

  @Column({ type: 'varchar', length: 512, select: false })
  passwordHash!: string;

  /** 0 = unlimited (only where the domain allows it). */
  @Column({ type: 'bigint', default: 0 })
  quotaBytes!: string;

  /** Reported by the mail server. */
  @Column({ type: 'bigint', default: 0 })
  usedBytes!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: true })
  imapEnabled!: boolean;

  @Column({ type: 'boolean', default: true })
  pop3Enabled!: boolean;

  @Column({ type: 'boolean', default: true })
  smtpEnabled!: boolean;

  @Column({ type: 'boolean', default: false })
  mustChangePassword!: boolean;

  /** Where mail to the mailbox is forwarded; empty for none. */
  @Column({ type: 'varchar', length: 254, array: true, default: () => "'{}'" })
  forwardTo!: string[];

  /** With forwarding, whether the mailbox keeps a copy; without, mail is simply delivered. */
  @Column({ type: 'boolean', default: true })
  keepCopy!: boolean;

  /** What Yubin writes to this mailbox's user in; null: the domain's language. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: Locale | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Millisecond precision, so a JavaScript Date in a cursor is exact. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
