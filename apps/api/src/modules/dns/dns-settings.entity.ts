import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { DmarcPolicy, MtaStsMode, SpfPolicy } from '#contracts';

/** A domain's own choices for its DNS records; null uses the configured default. */
@Entity('dns_settings')
@Check('ck_dns_settings_spf_policy', `"spf_policy" IN ('-all', '~all')`)
@Check('ck_dns_settings_dmarc_policy', `"dmarc_policy" IN ('none', 'quarantine', 'reject')`)
@Check('ck_dns_settings_mta_sts_mode', `"mta_sts_mode" IN ('enforce', 'testing', 'none')`)
export class DnsSettingsEntity {
  @PrimaryColumn('uuid')
  domainId!: string;

  @OneToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dns_settings_domain' })
  domain?: unknown;

  @Column({ type: 'varchar', length: 4, nullable: true })
  spfPolicy!: SpfPolicy | null;

  /** Punycode host names for `include:`. */
  @Column({ type: 'varchar', length: 253, array: true, default: () => "'{}'" })
  spfIncludes!: string[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  dmarcPolicy!: DmarcPolicy | null;

  /** Null: postmaster@ the domain. Also where TLS-RPT reports go. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  dmarcReportAddress!: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  mtaStsMode!: MtaStsMode | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
