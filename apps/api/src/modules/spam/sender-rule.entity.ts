import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SenderMatchType, SenderRuleKind, SenderRuleLevel } from '#contracts';

/**
 * One allow or block rule, global, for a domain or for a mailbox. The match is kept
 * twice on purpose: `match_value` is its canonical text (one equality for the exact
 * lookups by sender and sender domain, and for uniqueness), `client_ip` the same
 * network as `cidr` for containment (`>>=`, GiST); a CHECK keeps them equal.
 *
 * The unique and GiST indexes are partial or use an operator class, which TypeORM
 * cannot express: the migration owns them (`synchronize: false`).
 */
@Entity('sender_rule')
@Index('uq_sender_rule_global', { synchronize: false })
@Index('uq_sender_rule_domain', { synchronize: false })
@Index('uq_sender_rule_mailbox', { synchronize: false })
@Index('ix_sender_rule_client_ip', { synchronize: false })
@Index('ix_sender_rule_mailbox', { synchronize: false })
@Index('ix_sender_rule_match', ['matchType', 'matchValue'])
@Index('ix_sender_rule_list', ['level', 'domainId', 'mailboxId', 'createdAt', 'id'])
@Check(
  'ck_sender_rule_level',
  `("level" = 'global' AND "domain_id" IS NULL AND "mailbox_id" IS NULL) OR ("level" = 'domain' AND "domain_id" IS NOT NULL AND "mailbox_id" IS NULL) OR ("level" = 'mailbox' AND "domain_id" IS NOT NULL AND "mailbox_id" IS NOT NULL)`,
)
@Check('ck_sender_rule_kind', `"kind" IN ('allow', 'block')`)
@Check(
  'ck_sender_rule_match',
  `"match_type" IN ('sender', 'senderDomain', 'clientIp') AND ("match_type" = 'clientIp') = ("client_ip" IS NOT NULL) AND ("client_ip" IS NULL OR "match_value" = CAST("client_ip" AS text))`,
)
export class SenderRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 7 })
  level!: SenderRuleLevel;

  /** Set for domain rules and for mailbox rules (the mailbox's domain). */
  @Column({ type: 'uuid', nullable: true })
  domainId!: string | null;

  @ManyToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_sender_rule_domain' })
  domain?: unknown;

  @Column({ type: 'uuid', nullable: true })
  mailboxId!: string | null;

  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_sender_rule_mailbox' })
  mailbox?: unknown;

  @Column({ type: 'varchar', length: 5 })
  kind!: SenderRuleKind;

  @Column({ type: 'varchar', length: 12 })
  matchType!: SenderMatchType;

  /** `a@b.example`, `b.example` (punycode) or `192.0.2.0/24`, lowercase and canonical. */
  @Column({ type: 'varchar', length: 254, collation: 'C' })
  matchValue!: string;

  @Column({ type: 'cidr', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  note!: string;

  /** Millisecond precision, so a JavaScript Date in a cursor is exact. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
