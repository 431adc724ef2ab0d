import { Injectable } from '@nestjs/common';
import type { SenderMatchType, SenderRuleKind, SenderRuleLevel } from '#contracts';
import type { CursorPosition } from '../../common/pagination/cursor.js';
import { likePrefix } from '../../common/pagination/list-query.dto.js';
import { Database } from '../../infra/database/database.js';
import type { SenderMatch } from './sender-match.js';

/** One list of rules: the global one, a domain's or a mailbox's. */
export type RuleList =
  | { level: 'global' }
  | { level: 'domain'; domainId: string }
  | { level: 'mailbox'; domainId: string; mailboxId: string };

export interface SenderRuleRow {
  id: string;
  level: SenderRuleLevel;
  kind: SenderRuleKind;
  matchType: SenderMatchType;
  matchValue: string;
  note: string;
  createdAt: Date;
  domainName: string | null;
  mailboxAddress: string | null;
}

const COLUMNS = `r.id, r.level, r.kind, r.match_type AS "matchType", r.match_value AS "matchValue",
  r.note, r.created_at AS "createdAt", d.name AS "domainName", m.address AS "mailboxAddress"
  FROM sender_rule r
  LEFT JOIN domain d ON d.id = r.domain_id
  LEFT JOIN mailbox m ON m.id = r.mailbox_id`;

/** The SQL condition for rows of the given lists, with positional parameters from `$first`. */
function inLists(lists: readonly RuleList[], first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions = lists.map((list) => {
    if (list.level === 'global') return `r.level = 'global'`;
    if (list.level === 'domain') {
      params.push(list.domainId);
      return `(r.level = 'domain' AND r.domain_id = $${first + params.length - 1})`;
    }
    params.push(list.mailboxId);
    return `(r.level = 'mailbox' AND r.mailbox_id = $${first + params.length - 1})`;
  });
  return { sql: conditions.length === 0 ? 'FALSE' : `(${conditions.join(' OR ')})`, params };
}

function ownerKey(list: RuleList): string {
  return list.level === 'global'
    ? 'sender-rules:global'
    : list.level === 'domain'
      ? `sender-rules:domain:${list.domainId}`
      : `sender-rules:mailbox:${list.mailboxId}`;
}

export interface SenderRuleListOptions {
  limit: number;
  kind?: SenderRuleKind | undefined;
  q?: string | undefined;
  after?: CursorPosition | undefined;
}

@Injectable()
export class SenderRulesRepository {
  constructor(private readonly db: Database) {}

  /** Newest first, continuing after the cursor: one range scan of `ix_sender_rule_list` per list. */
  list(lists: readonly RuleList[], options: SenderRuleListOptions): Promise<SenderRuleRow[]> {
    const where = inLists(lists, 1);
    const params = [...where.params];
    const conditions = [where.sql];
    if (options.kind !== undefined) {
      params.push(options.kind);
      conditions.push(`r.kind = $${params.length}`);
    }
    if (options.q) {
      params.push(likePrefix(options.q.toLowerCase()));
      conditions.push(`r.match_value LIKE $${params.length} ESCAPE '\\'`);
    }
    if (options.after !== undefined) {
      params.push(options.after.value, options.after.id);
      conditions.push(
        `(r.created_at, r.id) < (CAST($${params.length - 1} AS timestamptz), CAST($${params.length} AS uuid))`,
      );
    }
    params.push(options.limit + 1);
    return this.db.manager.query(
      `SELECT ${COLUMNS} WHERE ${conditions.join(' AND ')}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * Serialises the writes to one list, so its limit holds under parallel requests
   * (the count and the insert see the same rows).
   */
  async lock(list: RuleList): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ownerKey(list)]);
  }

  async count(list: RuleList): Promise<number> {
    const where = inLists([list], 1);
    const rows: { count: string }[] = await this.db.manager.query(
      `SELECT count(*) AS count FROM sender_rule r WHERE ${where.sql}`,
      where.params,
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Stores a rule; a network is stored as PostgreSQL's `network()` of it (host bits cleared). */
  async insert(
    list: RuleList,
    rule: { kind: SenderRuleKind; match: SenderMatch; note: string },
  ): Promise<SenderRuleRow> {
    const network = rule.match.type === 'clientIp';
    const rows: { id: string }[] = await this.db.manager.query(
      `INSERT INTO sender_rule (level, domain_id, mailbox_id, kind, match_type, match_value, client_ip, note)
       VALUES ($1, $2, $3, $4, $5,
               ${network ? 'CAST(network(CAST($6 AS inet)) AS text)' : '$6'},
               ${network ? 'network(CAST($6 AS inet))' : 'NULL'}, $7)
       RETURNING id`,
      [
        list.level,
        list.level === 'global' ? null : list.domainId,
        list.level === 'mailbox' ? list.mailboxId : null,
        rule.kind,
        rule.match.type,
        rule.match.value,
        rule.note,
      ],
    );
    const inserted = rows[0] === undefined ? undefined : await this.find(list, rows[0].id);
    if (inserted === undefined) throw new Error('the inserted sender rule is not there');
    return inserted;
  }

  async find(list: RuleList, id: string): Promise<SenderRuleRow | undefined> {
    const where = inLists([list], 2);
    const rows: SenderRuleRow[] = await this.db.manager.query(
      `SELECT ${COLUMNS} WHERE r.id = $1 AND ${where.sql}`,
      [id, ...where.params],
    );
    return rows[0];
  }

  /** Deletes a rule of this list; undefined when the list has none with that id. */
  async delete(list: RuleList, id: string): Promise<SenderRuleRow | undefined> {
    const found = await this.find(list, id);
    if (found === undefined) return undefined;
    await this.db.manager.query('DELETE FROM sender_rule WHERE id = $1', [id]);
    return found;
  }

  /**
   * The rules of these lists that could apply to an envelope: the exact sender, the
   * sender's domain or a parent of it, a network containing the client. Each branch is
   * an index scan (`ix_sender_rule_match`, the GiST index on `client_ip`).
   */
  applying(
    lists: readonly RuleList[],
    envelope: { sender: string | null; senderDomains: string[]; clientIp: string | null },
  ): Promise<SenderRuleRow[]> {
    const where = inLists(lists, 4);
    return this.db.manager.query(
      `SELECT ${COLUMNS} WHERE ${where.sql}
          AND ((r.match_type = 'sender' AND r.match_value = $1)
            OR (r.match_type = 'senderDomain' AND r.match_value = ANY($2::varchar[]))
            OR (r.client_ip >>= CAST($3 AS inet)))`,
      [envelope.sender, envelope.senderDomains, envelope.clientIp, ...where.params],
    );
  }
}
