import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { DomainEntity } from '../domains/domain.entity.js';

@Entity('alias')
@Unique('uq_alias_address', ['address'])
@Index('ix_alias_domain_address', ['domainId', 'address'])
@Index('ix_alias_domain_created', ['domainId', 'createdAt', 'id'])
@Index('ix_alias_domain_local_part', ['domainId', 'localPart'])
/** Who delivers to an address (GIN, owned by the migration DaemonLookupTables). */
@Index('ix_alias_destinations', { synchronize: false })
@Check('ck_alias_destinations', 'cardinality("destinations") BETWEEN 1 AND 1000')
export class AliasEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  domainId!: string;

  @ManyToOne(() => DomainEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_alias_domain' })
  domain?: Relation<DomainEntity>;

  /** `local@domain`, or `@domain` for the domain's catch-all. */
  @Column({ type: 'varchar', length: 254, collation: 'C' })
  address!: string;

  /** Empty for a catch-all. */
  @Column({ type: 'varchar', length: 64, collation: 'C', default: '' })
  localPart!: string;

  @Column({ type: 'varchar', length: 254, array: true })
  destinations!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Millisecond precision, so a JavaScript Date in a cursor is exact. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
