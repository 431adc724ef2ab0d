import { ROLE_RANK, type AdminRole } from '#contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Reach } from '../../common/auth/principal.js';

/**
 * Reach: what a principal may read or change. Every row that lies in a domain, belongs
 * to a mailbox, carries an address or is an admin account is filtered here, in one place,
 * so a repository names its columns and cannot forget a rule:
 *
 * - `domainId`: the row's domain lies within the reach's domain scope;
 * - `mailboxId`: the mailbox's owner holds no role the reach cannot act on;
 * - `address`: the address is no out-of-reach principal's, neither the address of a
 *   mailbox outside the scope or owned by such a role, nor a standalone admin's sign-in;
 * - `adminAccount`: the admin account (a table alias) is itself within reach.
 *
 * A reach over every domain (a superadmin's) sees everything.
 */
export interface ReachBinding {
  /** A column (or expression) holding the row's domain id. */
  readonly domainId?: string;
  /** A column holding the id of the mailbox the row belongs to. */
  readonly mailboxId?: string;
  /** A column (or parameter) holding an address the row acts on. */
  readonly address?: string;
  /** The table alias of an `admin_account` row. */
  readonly adminAccount?: string;
}

/** A SQL condition with named parameters (`:reachRank`, `:reachScopeIds`). */
export interface ReachSql {
  readonly sql: string;
  readonly params: { readonly reachRank: number; readonly reachScopeIds: readonly string[] };
}

/**
 * The SQL rank of an admin role, matching ROLE_RANK in libs/contracts.
 * (A CASE keeps it inside the query; the roles are fixed by a CHECK constraint.)
 */
const ROLE_RANK_SQL = (alias: string): string =>
  `(CASE ${alias}.role WHEN 'superadmin' THEN 3 WHEN 'domain-admin' THEN 2 ELSE 1 END)`;

/**
 * An admin account the reach cannot act on: a higher role, or a domain outside the
 * reach's scope (a superadmin spans every domain, so it is always outside a limited one).
 */
function outOfReachAdmin(alias: string): string {
  return `(${alias}.role = 'superadmin' OR ${ROLE_RANK_SQL(alias)} > :reachRank
     OR EXISTS (SELECT 1 FROM admin_domain reach_ad
                 WHERE reach_ad.admin_id = ${alias}.id AND NOT (reach_ad.domain_id = ANY(:reachScopeIds))))`;
}

/** The condition that keeps only rows within reach, by the columns the binding names. */
export function reachSql(reach: Reach, binding: ReachBinding): ReachSql {
  const scope = reach.domainScope;
  const params = {
    reachRank: reach.rank,
    reachScopeIds: scope.kind === 'all' ? [] : scope.domainIds,
  };
  if (scope.kind === 'all') return { sql: 'TRUE', params };
  const conditions: string[] = [];
  if (binding.domainId !== undefined) {
    conditions.push(`${binding.domainId} = ANY(:reachScopeIds)`);
  }
  if (binding.mailboxId !== undefined) {
    conditions.push(`NOT EXISTS (SELECT 1 FROM admin_account reach_a
                  WHERE reach_a.mailbox_id = ${binding.mailboxId} AND reach_a.active
                    AND ${outOfReachAdmin('reach_a')})`);
  }
  if (binding.address !== undefined) {
    conditions.push(`NOT EXISTS (SELECT 1 FROM mailbox reach_m
                  WHERE reach_m.address = ${binding.address} AND reach_m.deleted_at IS NULL
                    AND NOT (reach_m.domain_id = ANY(:reachScopeIds)))`);
    conditions.push(`NOT EXISTS (SELECT 1 FROM admin_account reach_a
                  WHERE reach_a.email = ${binding.address} AND reach_a.active
                    AND ${outOfReachAdmin('reach_a')})`);
  }
  if (binding.adminAccount !== undefined) {
    conditions.push(`NOT ${outOfReachAdmin(binding.adminAccount)}`);
  }
  return { sql: conditions.length === 0 ? 'TRUE' : `(${conditions.join(' AND ')})`, params };
}

/** Narrows a query builder to the rows within reach. */
export function applyReach<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  reach: Reach,
  binding: ReachBinding,
): SelectQueryBuilder<T> {
  const { sql, params } = reachSql(reach, binding);
  return query.andWhere(sql, { ...params, reachScopeIds: [...params.reachScopeIds] });
}

/**
 * The same condition for a raw query with positional parameters: the reach's values it
 * uses follow the query's own, from `$first` on (none when everything is in reach).
 */
export function reachSqlAt(
  reach: Reach,
  binding: ReachBinding,
  first: number,
): { sql: string; params: unknown[] } {
  const { sql, params } = reachSql(reach, binding);
  const used = [
    { name: ':reachScopeIds', cast: 'uuid[]', value: [...params.reachScopeIds] },
    { name: ':reachRank', cast: 'int', value: params.reachRank },
  ].filter((param) => sql.includes(param.name));
  return {
    sql: used.reduce(
      (text, param, index) => text.replaceAll(param.name, `$${first + index}::${param.cast}`),
      sql,
    ),
    params: used.map((param) => param.value),
  };
}

/** What an in-memory check knows of a row: its domain, or the admin role it is. */
export interface ReachFacts {
  readonly domainId?: string;
  readonly admin?: { readonly role: AdminRole; readonly domainIds: readonly string[] };
}

/** The in-memory twin of `reachSql`, for rows already loaded. */
export function inReach(reach: Reach, facts: ReachFacts): boolean {
  const scope = reach.domainScope;
  if (scope.kind === 'all') return true;
  if (facts.domainId !== undefined && !scope.domainIds.includes(facts.domainId)) return false;
  if (facts.admin !== undefined) {
    const { role, domainIds } = facts.admin;
    if (role === 'superadmin' || ROLE_RANK[role] > reach.rank) return false;
    if (domainIds.some((id) => !scope.domainIds.includes(id))) return false;
  }
  return true;
}
