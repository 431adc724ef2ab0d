import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { DomainEntity } from '../domains/domain.entity.js';

/** Another name for a domain: mail to user@alias is delivered as user@target. */
@Entity('alias_domain')
@Unique('uq_alias_domain_name', ['name'])
@Index('ix_alias_domain_target', ['targetDomainId'])
export class AliasDomainEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 253, collation: 'C' })
  name!: string;

  @Column({ type: 'uuid' })
  targetDomainId!: string;

  @ManyToOne(() => DomainEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_domain_id', foreignKeyConstraintName: 'fk_alias_domain_target' })
  targetDomain?: Relation<DomainEntity>;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
