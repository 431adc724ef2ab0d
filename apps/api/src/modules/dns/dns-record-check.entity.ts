import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { DnsRecordStatus, DnsRecordType } from '#contracts';

/**
 * What the last verification saw for one record of a domain. A record is matched by
 * type, name and expected value, so a record whose value has changed since (new
 * settings, new key) reads as unverified until it is checked again.
 */
@Entity('dns_record_check')
@Index('ix_dns_record_check_domain', ['domainId'])
@Check('ck_dns_record_check_status', `"status" IN ('ok', 'missing', 'mismatch')`)
export class DnsRecordCheckEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  domainId!: string;

  @ManyToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dns_record_check_domain' })
  domain?: unknown;

  @Column({ type: 'varchar', length: 5 })
  type!: DnsRecordType;

  @Column({ type: 'varchar', length: 254 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: Exclude<DnsRecordStatus, 'unverified'>;

  /** The values the resolver answered, in presentation form. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  found!: string[];

  @Column({ type: 'timestamptz' })
  checkedAt!: Date;
}
