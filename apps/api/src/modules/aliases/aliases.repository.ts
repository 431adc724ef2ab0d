import { Injectable } from '@nestjs/common';
import type { Reach } from '../../common/auth/principal.js';
import type { CursorPosition } from '../../common/pagination/cursor.js';
import { likePrefix } from '../../common/pagination/list-query.dto.js';
import { Database } from '../../infra/database/database.js';
import { applyKeyset, resolveSort, type SortColumn } from '../../infra/database/keyset.js';
import { applyReach } from '../../infra/database/reach.js';
import { AliasEntity } from './alias.entity.js';

const SORT_COLUMNS: Record<string, SortColumn> = {
  address: { column: 'a.address', unique: true },
  createdAt: { column: 'a.created_at', unique: false, cast: 'timestamptz' },
};

export interface AliasListOptions {
  limit: number;
  sort: string;
  q?: string | undefined;
  /** Only the catch-all (true), only ordinary aliases (false), or both. */
  catchAll?: boolean | undefined;
  after?: CursorPosition | undefined;
}

@Injectable()
export class AliasesRepository {
  constructor(private readonly db: Database) {}

  /** Aliases within reach: in its domains, and at no address of a principal it cannot act on. */
  private reachable(reach: Reach) {
    return applyReach(this.db.manager.createQueryBuilder(AliasEntity, 'a'), reach, {
      domainId: 'a.domain_id',
      address: 'a.address',
    });
  }

  private byAddress(reach: Reach, address: string) {
    return this.reachable(reach).andWhere('a.address = :address', { address });
  }

  list(reach: Reach, domainId: string, options: AliasListOptions): Promise<AliasEntity[]> {
    const query = this.reachable(reach).andWhere('a.domain_id = :domainId', { domainId });
    if (options.q)
      query.andWhere("a.address LIKE :q ESCAPE '\\'", { q: likePrefix(options.q.toLowerCase()) });
    if (options.catchAll !== undefined)
      query.andWhere(options.catchAll ? "a.local_part = ''" : "a.local_part <> ''");
    return applyKeyset(
      query,
      'a.id',
      resolveSort(options.sort, SORT_COLUMNS),
      options.after,
      options.limit,
    ).getMany();
  }

  find(reach: Reach, address: string): Promise<AliasEntity | null> {
    return this.byAddress(reach, address).getOne();
  }

  findForUpdate(reach: Reach, address: string): Promise<AliasEntity | null> {
    return this.byAddress(reach, address).setLock('pessimistic_write').getOne();
  }

  async insert(
    values: Pick<AliasEntity, 'domainId' | 'address' | 'localPart' | 'destinations' | 'active'>,
  ): Promise<AliasEntity> {
    const result = await this.db.manager.insert(AliasEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    return this.db.manager.findOneByOrFail(AliasEntity, { id });
  }

  async update(
    id: string,
    changes: Partial<Pick<AliasEntity, 'destinations' | 'active'>>,
  ): Promise<AliasEntity> {
    await this.db.manager
      .createQueryBuilder()
      .update(AliasEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    return this.db.manager.findOneByOrFail(AliasEntity, { id });
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(AliasEntity, { id });
  }
}
