import { Injectable } from '@nestjs/common';
import type { TokenScope } from '#contracts';
import type { Reach } from '../../common/auth/principal.js';
import { Database } from '../../infra/database/database.js';
import { reachSqlAt } from '../../infra/database/reach.js';
import { ApiTokenEntity } from './api-token.entity.js';

export interface StoredToken {
  id: string;
  scopes: TokenScope[];
  allDomains: boolean;
  domainIds: string[];
  expiresAt: Date | null;
  ownerId: string;
}

export interface TokenListRow extends ApiTokenEntity {
  domainNames: string[];
}

@Injectable()
export class ApiTokensRepository {
  constructor(private readonly db: Database) {}

  async findByHash(tokenHash: string): Promise<StoredToken | undefined> {
    const rows: StoredToken[] = await this.db.manager.query(
      `SELECT t.id, t.scopes, t.all_domains AS "allDomains", t.expires_at AS "expiresAt", t.owner_id AS "ownerId",
              coalesce(array(SELECT d.domain_id FROM api_token_domain d WHERE d.token_id = t.id), '{}') AS "domainIds"
         FROM api_token t
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  /** Tokens whose owner is in `ownerIds`, or every token when undefined; newest first. */
  async list(ownerIds: string[] | undefined): Promise<TokenListRow[]> {
    const rows: (ApiTokenEntity & { domainNames: string[] })[] = await this.db.manager.query(
      `SELECT t.id, t.name, t.token_hint AS "tokenHint", t.owner_id AS "ownerId", t.scopes,
              t.all_domains AS "allDomains", t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
              t.created_at AS "createdAt",
              coalesce(array(SELECT d.name FROM api_token_domain td JOIN domain d ON d.id = td.domain_id
                              WHERE td.token_id = t.id ORDER BY d.name), '{}') AS "domainNames"
         FROM api_token t
        WHERE $1::uuid[] IS NULL OR t.owner_id = ANY($1::uuid[])
        ORDER BY t.created_at DESC, t.id`,
      [ownerIds ?? null],
    );
    return rows;
  }

  async findOwned(id: string, ownerIds: string[] | undefined): Promise<ApiTokenEntity | null> {
    const query = this.db.manager
      .createQueryBuilder(ApiTokenEntity, 't')
      .where('t.id = :id', { id });
    if (ownerIds !== undefined) query.andWhere('t.owner_id = ANY(:ownerIds)', { ownerIds });
    return query.getOne();
  }

  async insert(
    values: Pick<
      ApiTokenEntity,
      'name' | 'tokenHash' | 'tokenHint' | 'ownerId' | 'scopes' | 'allDomains' | 'expiresAt'
    >,
    domainIds: string[],
  ): Promise<ApiTokenEntity> {
    const result = await this.db.manager.insert(ApiTokenEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    if (domainIds.length > 0) {
      await this.db.manager.query(
        'INSERT INTO api_token_domain (token_id, domain_id) SELECT $1, unnest($2::uuid[])',
        [id, domainIds],
      );
    }
    return this.db.manager.findOneByOrFail(ApiTokenEntity, { id });
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(ApiTokenEntity, { id });
  }

  /** At most one write a minute per token: scripts make thousands of calls. */
  async touch(id: string, now: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE api_token SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, now],
    );
  }

  /** Ids of the named domains that lie within reach; unknown names are simply absent. */
  async domainIdsByName(reach: Reach, names: string[]): Promise<Map<string, string>> {
    const inReach = reachSqlAt(reach, { domainId: 'id' }, 2);
    const rows: { id: string; name: string }[] = await this.db.manager.query(
      `SELECT id, name FROM domain WHERE name = ANY($1) AND ${inReach.sql}`,
      [names, ...inReach.params],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }
}
