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
import type { TsigAlgorithm } from '#contracts';

/** Where and with which TSIG key a domain's records are published by RFC 2136 UPDATE. */
@Entity('dns_publishing')
@Check(
  'ck_dns_publishing_tsig_algorithm',
  `"tsig_algorithm" IN ('hmac-sha256', 'hmac-sha384', 'hmac-sha512')`,
)
export class DnsPublishingEntity {
  @PrimaryColumn('uuid')
  domainId!: string;

  @OneToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dns_publishing_domain' })
  domain?: unknown;

  /** `host:port` of the authoritative server. */
  @Column({ type: 'varchar', length: 262 })
  server!: string;

  /** The zone the UPDATE names: the domain or a parent of it. */
  @Column({ type: 'varchar', length: 253 })
  zone!: string;

  @Column({ type: 'varchar', length: 253 })
  tsigKeyName!: string;

  @Column({ type: 'varchar', length: 16 })
  tsigAlgorithm!: TsigAlgorithm;

  /** The base64 secret, sealed (SecretBox, bound to the domain). */
  @Column({ type: 'text', select: false })
  tsigSecretSealed!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
