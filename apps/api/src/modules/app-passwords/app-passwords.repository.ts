import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';
import { AppPasswordEntity } from './app-password.entity.js';

@Injectable()
export class AppPasswordsRepository {
  constructor(private readonly db: Database) {}

  list(mailboxId: string): Promise<AppPasswordEntity[]> {
    return this.db.manager.find(AppPasswordEntity, {
      where: { mailboxId },
      order: { createdAt: 'DESC' },
    });
  }

  count(mailboxId: string): Promise<number> {
    return this.db.manager.count(AppPasswordEntity, { where: { mailboxId } });
  }

  async insert(
    values: Pick<
      AppPasswordEntity,
      | 'mailboxId'
      | 'name'
      | 'passwordHash'
      | 'lookupKey'
      | 'protocols'
      | 'expiresAt'
      | 'createdByAdminId'
    >,
  ): Promise<AppPasswordEntity> {
    const result = await this.db.manager.insert(AppPasswordEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    return this.db.manager.findOneByOrFail(AppPasswordEntity, { id });
  }

  /** Deletes an app password of this mailbox; undefined when it has none with that id. */
  async delete(mailboxId: string, id: string): Promise<AppPasswordEntity | undefined> {
    const found = await this.db.manager.findOneBy(AppPasswordEntity, { id, mailboxId });
    if (found === null) return undefined;
    await this.db.manager.delete(AppPasswordEntity, { id });
    return found;
  }
}
