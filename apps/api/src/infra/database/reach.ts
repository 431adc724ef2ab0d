import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Reach } from '../../common/auth/principal.js';

/**
 * The SQL rank of an admin role, matching ROLE_RANK in libs/contracts.
 * (A CASE keeps it inside the query; the roles are fixed by a CHECK constraint.)
 */
export const ROLE_RANK_SQL = (alias: string): string =>
  `(CASE ${alias}.role WHEN 'superadmin' THEN 3 WHEN 'domain-admin' THEN 2 ELSE 1 END)`;

/**
 * An admin account the reach cannot act on: a higher role, or a domain outside the
 * reach's scope (a superadmin spans every domain, so it is always outside a limited one).
 */
export function outOfReachAdmin(
  alias: string,
  rankParam = ':reachRank',
  scopeParam = ':reachScopeIds',
): string {
  return `(${alias}.role = 'superadmin' OR ${ROLE_RANK_SQL(alias)} > ${rankParam}
     OR EXISTS (SELECT 1 FROM admin_domain reach_ad
                 WHERE reach_ad.admin_id = ${alias}.id AND NOT (reach_ad.domain_id = ANY(${scopeParam}))))`;
}

/**
 * Hides mailboxes whose owner holds a role the reach cannot act on: a domain admin
 * never reads, resets or touches a superadmin's mailbox, even in their own domain.
 * Nothing is hidden from a superadmin.
 */
export function applyMailboxReach<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  mailboxAlias: string,
  reach: Reach,
): SelectQueryBuilder<T> {
  if (reach.domainScope.kind === 'all') return query;
  return query.andWhere(
    `NOT EXISTS (SELECT 1 FROM admin_account reach_a
                  WHERE reach_a.mailbox_id = ${mailboxAlias}.id AND reach_a.active AND ${outOfReachAdmin('reach_a')})`,
    { reachRank: reach.rank, reachScopeIds: reach.domainScope.domainIds },
  );
}
