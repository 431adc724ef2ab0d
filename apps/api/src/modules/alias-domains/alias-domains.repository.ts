import { Injectable } from '@nestjs/common';
import type { Reach } from '../../common/auth/principal.js';
import type { CursorPosition } from '../../common/pagination/cursor.js';
import { likePrefix } from '../../common/pagination/list-query.dto.js';
import { Database } from '../../infra/database/database.js';
import { applyKeyset, resolveSort, type SortColumn } from '../../infra/database/keyset.js';
import { applyReach } from '../../infra/database/reach.js';
import { AliasDomainEntity } from './alias-domain.entity.js';

const SORT_COLUMNS: Record<string, SortColumn> = { name: { column: 'ad.name', unique: true } };

export interface AliasDomainRow {
  id: string;
  name: string;
  targetDomainId: string;
  targetDomain: string;
  active: boolean;
  createdAt: Date;
}

export interface AliasDomainListOptions {
  limit: number;
  sort: string;
  q?: string | undefined;
  targetDomainId?: string | undefined;
  after?: CursorPosition | undefined;
}

@Injectable()
export class AliasDomainsRepository {
  constructor(private readonly db: Database) {}

  private scoped(reach: Reach) {
    const query = this.db.manager
      .createQueryBuilder(AliasDomainEntity, 'ad')
      .innerJoin('ad.targetDomain', 'd')
      .select([
        'ad.id AS id',
        'ad.name AS name',
        'ad.target_domain_id AS "targetDomainId"',
        'd.name AS "targetDomain"',
        'ad.active AS active',
        'ad.created_at AS "createdAt"',
      ]);
    return applyReach(query, reach, { domainId: 'ad.target_domain_id' });
  }

  list(reach: Reach, options: AliasDomainListOptions): Promise<AliasDomainRow[]> {
    const query = this.scoped(reach);
    if (options.q)
      query.andWhere("ad.name LIKE :q ESCAPE '\\'", { q: likePrefix(options.q.toLowerCase()) });
    if (options.targetDomainId !== undefined) {
      query.andWhere('ad.target_domain_id = :target', { target: options.targetDomainId });
    }
    return applyKeyset(
      query,
      'ad.id',
      resolveSort(options.sort, SORT_COLUMNS),
      options.after,
      options.limit,
    ).getRawMany();
  }

  async find(reach: Reach, name: string): Promise<AliasDomainRow | undefined> {
    return this.scoped(reach).andWhere('ad.name = :name', { name }).getRawOne();
  }

  async insert(values: Pick<AliasDomainEntity, 'name' | 'targetDomainId'>): Promise<string> {
    const result = await this.db.manager.insert(AliasDomainEntity, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(AliasDomainEntity, { id });
  }
}
