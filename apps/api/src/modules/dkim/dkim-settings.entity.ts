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

/** A domain's DKIM schedule (ADR 0018); null uses the default. */
@Entity('dkim_settings')
@Check('ck_dkim_settings_rotation_days', `"rotation_days" BETWEEN 30 AND 730`)
@Check('ck_dkim_settings_overlap_days', `"overlap_days" BETWEEN 1 AND 90`)
export class DkimSettingsEntity {
  @PrimaryColumn('uuid')
  domainId!: string;

  @OneToOne('DomainEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dkim_settings_domain' })
  domain?: unknown;

  /** Start a rotation once the signing key is this many days old; null: never by itself. */
  @Column({ type: 'integer', nullable: true })
  rotationDays!: number | null;

  /** Days a replaced key stays in DNS; null: DKIM_RETIRE_AFTER_DAYS. */
  @Column({ type: 'integer', nullable: true })
  overlapDays!: number | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
