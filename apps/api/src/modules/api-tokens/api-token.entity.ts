import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import type { TokenScope } from '#contracts';
import { DomainEntity } from '../domains/domain.entity.js';

/** A bearer token for scripts. Only a SHA-256 of the token is stored. */
@Entity('api_token')
@Unique('uq_api_token_hash', ['tokenHash'])
@Index('ix_api_token_owner', ['ownerId'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'char', length: 64, select: false })
  tokenHash!: string;

  /** The first characters of the token, so people can tell their tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  tokenHint!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne('AdminAccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_api_token_owner' })
  owner?: unknown;

  @Column({ type: 'varchar', length: 32, array: true })
  scopes!: TokenScope[];

  /** True: every domain its owner can reach. False: only `domains` (possibly none). */
  @Column({ type: 'boolean' })
  allDomains!: boolean;

  @ManyToMany(() => DomainEntity)
  @JoinTable({
    name: 'api_token_domain',
    joinColumn: { name: 'token_id', foreignKeyConstraintName: 'fk_api_token_domain_token' },
    inverseJoinColumn: {
      name: 'domain_id',
      foreignKeyConstraintName: 'fk_api_token_domain_domain',
    },
  })
  domains?: Relation<DomainEntity[]>;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
