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
import { AdminAccountEntity } from './admin-account.entity.js';

/** A browser session. Only a hash of the cookie value is stored. */
@Entity('session')
@Unique('uq_session_token_hash', ['tokenHash'])
@Index('ix_session_admin', ['adminId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 64, select: false })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  adminId!: string;

  @ManyToOne(() => AdminAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_session_admin' })
  admin?: Relation<AdminAccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The absolute end of the session, whatever its activity. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 512, default: '' })
  userAgent!: string;
}
