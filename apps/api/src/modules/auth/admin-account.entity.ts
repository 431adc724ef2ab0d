import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { AdminRole } from '#contracts';

/** An identity holding an administrative role. */
@Entity('admin_account')
@Unique('uq_admin_account_email', ['email'])
export class AdminAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254, collation: 'C' })
  email!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: AdminRole;

  @Column({ type: 'varchar', length: 512, nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
