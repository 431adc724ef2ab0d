import { Injectable } from '@nestjs/common';
import type { Reach } from '../../common/auth/principal.js';
import type { CursorPosition } from '../../common/pagination/cursor.js';
import { likePrefix } from '../../common/pagination/list-query.dto.js';
import { Database } from '../../infra/database/database.js';
import { applyKeyset, resolveSort, type SortColumn } from '../../infra/database/keyset.js';
import { applyReach } from '../../infra/database/reach.js';
import { DomainEntity } from './domain.entity.js';

const SORT_COLUMNS: Record<string, SortColumn> = {
  name: { column: 'd.name', unique: true },
  createdAt: { column: 'd.created_at', unique: false, cast: 'timestamptz' },
};

export interface DomainListOptions {
  limit: number;
  sort: string;
  q?: string | undefined;
  after?: CursorPosition | undefined;
}

export type DomainChanges = Partial<
  Pick<
    DomainEntity,
    | 'description'
    | 'active'
    | 'maxMailboxes'
    | 'maxAliases'
    | 'defaultQuotaBytes'
    | 'maxQuotaBytes'
    | 'quotaBytes'
    | 'passwordMinLength'
    | 'passwordMinScore'
    | 'twoFactorPolicy'
    | 'twoFactorGraceDays'
    | 'twoFactorRequiredSince'
    | 'mailHostname'
    | 'language'
  >
>;

@Injectable()
export class DomainsRepository {
  constructor(private readonly db: Database) {}

  private scoped(reach: Reach) {
    return applyReach(this.db.manager.createQueryBuilder(DomainEntity, 'd'), reach, {
      domainId: 'd.id',
    });
  }

  list(reach: Reach, options: DomainListOptions): Promise<DomainEntity[]> {
    const query = this.scoped(reach);
    if (options.q) query.andWhere('d.name LIKE :q', { q: likePrefix(options.q.toLowerCase()) });
    const sort = resolveSort(options.sort, SORT_COLUMNS);
    return applyKeyset(query, 'd.id', sort, options.after, options.limit).getMany();
  }

  findByName(reach: Reach, name: string): Promise<DomainEntity | null> {
    return this.scoped(reach).andWhere('d.name = :name', { name }).getOne();
  }

  /** Locks the row until the transaction ends: limits are checked against it. */
  findByNameForUpdate(reach: Reach, name: string): Promise<DomainEntity | null> {
    return this.scoped(reach)
      .andWhere('d.name = :name', { name })
      .setLock('pessimistic_write')
      .getOne();
  }

  findByIdForUpdate(id: string): Promise<DomainEntity | null> {
    return this.db.manager
      .createQueryBuilder(DomainEntity, 'd')
      .where('d.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /**
   * Serialises work on one name (a domain or alias domain) until the transaction
   * ends, so two requests cannot both see it free.
   */
  async lockName(name: string): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `domain-name:${name}`,
    ]);
  }

  /** Domain and alias-domain names share one namespace. */
  async isNameTaken(name: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      'SELECT 1 FROM domain WHERE name = $1 UNION ALL SELECT 1 FROM alias_domain WHERE name = $1 LIMIT 1',
      [name],
    );
    return rows.length > 0;
  }

  async insert(values: Partial<DomainEntity> & Pick<DomainEntity, 'name'>): Promise<DomainEntity> {
    const result = await this.db.manager.insert(DomainEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    return this.db.manager.findOneByOrFail(DomainEntity, { id });
  }

  async update(id: string, changes: DomainChanges): Promise<DomainEntity> {
    await this.db.manager
      .createQueryBuilder()
      .update(DomainEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    return this.db.manager.findOneByOrFail(DomainEntity, { id });
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(DomainEntity, { id });
  }

  /** The largest quota of a live mailbox, and whether any is unlimited. */
  async mailboxQuotaExtremes(
    domainId: string,
  ): Promise<{ largest: number; anyUnlimited: boolean }> {
    const rows: { largest: string | null; unlimited: string }[] = await this.db.manager.query(
      `SELECT max(quota_bytes) AS largest, count(*) FILTER (WHERE quota_bytes = 0) AS unlimited
         FROM mailbox WHERE domain_id = $1 AND deleted_at IS NULL`,
      [domainId],
    );
    const row = rows[0];
    return { largest: Number(row?.largest ?? 0), anyUnlimited: Number(row?.unlimited ?? 0) > 0 };
  }
}
