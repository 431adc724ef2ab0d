import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { AdminRole } from '#contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { DomainEntity } from '../domains/domain.entity.js';

/**
 * A role granted to an identity. The identity is a mailbox (the admin signs in with
 * the mailbox's password and 2FA) or, when no mailbox has the address, a standalone
 * account with a password and 2FA of its own.
 */
@Entity('admin_account')
@Unique('uq_admin_account_email', ['email'])
@Check('ck_admin_account_role', `"role" IN ('superadmin', 'domain-admin', 'helpdesk')`)
export class AdminAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254, collation: 'C' })
  email!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: AdminRole;

  /** Set when the identity is a mailbox; its password and 2FA are the mailbox's. */
  @Column({ type: 'uuid', nullable: true, unique: true })
  mailboxId!: string | null;

  // Owners are named, not imported: entity files import no other feature folder.
  @ManyToOne('MailboxEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_admin_account_mailbox' })
  mailbox?: unknown;

  /** Standalone accounts only. */
  @Column({ type: 'varchar', length: 512, nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  mustChangePassword!: boolean;

  /** Standalone accounts only: the UI's language, chosen by the admin; null: the browser's. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: Locale | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The domains a domain admin or helpdesk account may reach (none for a superadmin). */
  @ManyToMany(() => DomainEntity)
  @JoinTable({
    name: 'admin_domain',
    joinColumn: { name: 'admin_id', foreignKeyConstraintName: 'fk_admin_domain_admin' },
    inverseJoinColumn: { name: 'domain_id', foreignKeyConstraintName: 'fk_admin_domain_domain' },
  })
  domains?: Relation<DomainEntity[]>;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
