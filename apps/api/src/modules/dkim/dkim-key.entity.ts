import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { DkimAlgorithm, DkimKeyState } from '#contracts';

/** A domain's DKIM key pair (ADR 0016). The private half is sealed and never selected by default. */
@Entity('dkim_key')
@Unique('uq_dkim_key_domain_selector', ['domainId', 'selector'])
@Index('uq_dkim_key_domain_active', ['domainId'], { unique: true, where: `"state" = 'active'` })
@Check('ck_dkim_key_algorithm', `"algorithm" IN ('rsa-2048', 'ed25519')`)
@Check('ck_dkim_key_state', `"state" IN ('published', 'active', 'retiring', 'retired')`)
export class DkimKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  domainId!: string;

  @ManyToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dkim_key_domain' })
  domain?: unknown;

  /** A DNS label: the record is `<selector>._domainkey.<domain>`. */
  @Column({ type: 'varchar', length: 63 })
  selector!: string;

  @Column({ type: 'varchar', length: 8 })
  algorithm!: DkimAlgorithm;

  /** The `p=` value: base64 of the SubjectPublicKeyInfo (RSA) or of the 32-byte key (Ed25519). */
  @Column({ type: 'text' })
  publicKey!: string;

  /** SecretBox-sealed: base64 PKCS#1 DER (RSA) or the base64 32-byte seed (Ed25519). */
  @Column({ type: 'text', select: false })
  privateKeySealed!: string;

  @Column({ type: 'varchar', length: 9 })
  state!: DkimKeyState;

  /** When it was made and published (the app's Clock). */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** When it started signing. */
  @Column({ type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  /** When it stopped signing (a newer key took over). */
  @Column({ type: 'timestamptz', nullable: true })
  retiringAt!: Date | null;

  /** When its record leaves DNS (retiringAt plus the domain's overlap). */
  @Column({ type: 'timestamptz', nullable: true })
  retireAfter!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** When Rspamd first reported a message signed with it (ADR 0018); null: not yet. */
  @Column({ type: 'timestamptz', nullable: true })
  firstSignedAt!: Date | null;
}
