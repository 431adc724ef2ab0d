import type { Locale } from '../../common/i18n/locale.js';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { TwoFactorPolicy } from '#contracts';

@Entity('domain')
@Unique('uq_domain_name', ['name'])
@Index('ix_domain_created', ['createdAt', 'id'])
@Check(
  'ck_domain_limits',
  '"max_mailboxes" >= 0 AND "max_aliases" >= 0 AND "default_quota_bytes" >= 0 AND "max_quota_bytes" >= 0 AND "quota_bytes" >= 0',
)
@Check(
  'ck_domain_policies',
  `"two_factor_policy" IN ('off', 'optional', 'required') AND "two_factor_grace_days" BETWEEN 0 AND 365 AND ("password_min_length" IS NULL OR "password_min_length" BETWEEN 8 AND 256) AND ("password_min_score" IS NULL OR "password_min_score" BETWEEN 0 AND 4)`,
)
export class DomainEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lowercase ASCII; internationalised names are stored as punycode. */
  @Column({ type: 'varchar', length: 253, collation: 'C' })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** 0 = unlimited. */
  @Column({ type: 'integer', default: 0 })
  maxMailboxes!: number;

  /** 0 = unlimited. */
  @Column({ type: 'integer', default: 0 })
  maxAliases!: number;

  @Column({ type: 'bigint', default: 0 })
  defaultQuotaBytes!: string;

  /** Per-mailbox ceiling; 0 = unlimited. */
  @Column({ type: 'bigint', default: 0 })
  maxQuotaBytes!: string;

  /** The domain's shared pool on real usage; 0 = unlimited. */
  @Column({ type: 'bigint', default: 0 })
  quotaBytes!: string;

  /** Maintained by triggers: live (not soft-deleted) mailboxes. */
  @Column({ type: 'integer', default: 0 })
  mailboxCount!: number;

  /** Maintained by triggers. */
  @Column({ type: 'integer', default: 0 })
  aliasCount!: number;

  /** Maintained by triggers from the usage the mail server reports. */
  @Column({ type: 'bigint', default: 0 })
  usedBytes!: string;

  /** Null: the global default (PASSWORD_MIN_LENGTH). */
  @Column({ type: 'integer', nullable: true })
  passwordMinLength!: number | null;

  /** Null: the global default (PASSWORD_MIN_SCORE). zxcvbn score 0–4. */
  @Column({ type: 'smallint', nullable: true })
  passwordMinScore!: number | null;

  @Column({ type: 'varchar', length: 16, default: 'optional' })
  twoFactorPolicy!: TwoFactorPolicy;

  /** Days a user of a `required` domain may still sign in without 2FA. */
  @Column({ type: 'integer', default: 7 })
  twoFactorGraceDays!: number;

  /** When the policy last became `required`: the grace period counts from here. */
  @Column({ type: 'timestamptz', nullable: true })
  twoFactorRequiredSince!: Date | null;

  /** The mail server this domain's mail apps use; null: the global host names. Punycode. */
  @Column({ type: 'varchar', length: 253, nullable: true })
  mailHostname!: string | null;

  /** What Yubin writes to this domain's users in, unless a mailbox says; null: English. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: Locale | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Millisecond precision, so a JavaScript Date in a cursor is exact. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
