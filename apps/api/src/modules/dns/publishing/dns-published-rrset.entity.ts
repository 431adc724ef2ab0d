import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DnsRecordType } from '#contracts';

/**
 * An RRset Yubin last published for a domain, with its values: what to withdraw once a
 * record is no longer desired, and which values of a shared RRset are Yubin's.
 */
@Entity('dns_published_rrset')
export class DnsPublishedRrsetEntity {
  @PrimaryColumn('uuid')
  domainId!: string;

  @ManyToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dns_published_rrset_domain' })
  domain?: unknown;

  @PrimaryColumn({ type: 'varchar', length: 254 })
  name!: string;

  @PrimaryColumn({ type: 'varchar', length: 5 })
  type!: DnsRecordType;

  /** Presentation form, as the records have it. */
  @Column({ type: 'text', array: true })
  values!: string[];

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;
}
