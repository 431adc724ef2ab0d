import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';
import { AdminAccountEntity } from './admin-account.entity.js';

@Injectable()
export class AdminAccountsRepository {
  constructor(private readonly db: Database) {}

  /** With the password hash, which is otherwise never selected. */
  findByEmailWithHash(email: string): Promise<AdminAccountEntity | null> {
    return this.db.manager
      .createQueryBuilder(AdminAccountEntity, 'a')
      .addSelect('a.passwordHash')
      .where('a.email = :email', { email })
      .getOne();
  }

  findById(id: string): Promise<AdminAccountEntity | null> {
    return this.db.manager.findOneBy(AdminAccountEntity, { id });
  }

  async any(): Promise<boolean> {
    return (await this.db.manager.count(AdminAccountEntity)) > 0;
  }

  async insert(
    values: Pick<AdminAccountEntity, 'email' | 'role' | 'passwordHash'>,
  ): Promise<AdminAccountEntity> {
    const result = await this.db.manager.insert(AdminAccountEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    return this.db.manager.findOneByOrFail(AdminAccountEntity, { id });
  }

  async recordLogin(id: string, at: Date, newPasswordHash?: string): Promise<void> {
    await this.db.manager.update(
      AdminAccountEntity,
      { id },
      newPasswordHash === undefined
        ? { lastLoginAt: at }
        : { lastLoginAt: at, passwordHash: newPasswordHash },
    );
  }

  async lockBootstrap(): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['bootstrap-admin']);
  }
}
