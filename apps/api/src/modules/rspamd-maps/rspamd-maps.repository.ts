import { Injectable } from '@nestjs/common';
import type { SenderRuleKind, VirusAction } from '#contracts';
import { Database } from '../../infra/database/database.js';

export type RspamdMap = 'sender-rules' | 'settings';

/** A map's change counter and the whole second it last changed in (migration 1796500000000). */
export interface MapChange {
  version: string;
  lastModifiedSeconds: number;
}

/** A domain's policy or a mailbox's overrides over it, with the domain's fields beside. */
export interface PolicyRow {
  recipient: string;
  level: 'domain' | 'mailbox';
  enabled: boolean | null;
  addHeaderScore: string | null;
  junkScore: string | null;
  rejectScore: string | null;
  virusAction: VirusAction | null;
  domainEnabled: boolean | null;
  domainAddHeaderScore: string | null;
  domainJunkScore: string | null;
  domainRejectScore: string | null;
  domainVirusAction: VirusAction | null;
}

/** Reads what Rspamd's maps are built from. No tenant scope: the mail server sees all. */
@Injectable()
export class RspamdMapsRepository {
  constructor(private readonly db: Database) {}

  async change(map: RspamdMap): Promise<MapChange> {
    const rows: { version: string; lastModifiedSeconds: string }[] = await this.db.manager.query(
      `SELECT version::text AS version, last_modified_seconds AS "lastModifiedSeconds"
         FROM spam_map_change WHERE map = $1`,
      [map],
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`spam_map_change has no row for ${map}`);
    return { version: row.version, lastModifiedSeconds: Number(row.lastModifiedSeconds) };
  }

  /**
   * Every rule of one kind as `scope|type|value` lines, one string built by PostgreSQL:
   * a hundred thousand rules are one row to transfer, not a hundred thousand.
   */
  async ruleLines(kind: SenderRuleKind): Promise<string> {
    const rows: { lines: string | null }[] = await this.db.manager.query(
      `SELECT string_agg(
                CASE r.level WHEN 'global' THEN '*' WHEN 'domain' THEN d.name ELSE m.address END
                || CASE r.match_type WHEN 'sender' THEN '|s|' WHEN 'senderDomain' THEN '|d|' ELSE '|i|' END
                || r.match_value, E'\\n') AS lines
         FROM sender_rule r
         LEFT JOIN domain d ON d.id = r.domain_id
         LEFT JOIN mailbox m ON m.id = r.mailbox_id
        WHERE r.kind = $1 AND (r.level <> 'mailbox' OR m.deleted_at IS NULL)`,
      [kind],
    );
    return rows[0]?.lines ?? '';
  }

  async policies(): Promise<PolicyRow[]> {
    return this.db.manager.query(
      `SELECT d.name AS recipient, 'domain' AS level,
              p.enabled, p.add_header_score AS "addHeaderScore", p.junk_score AS "junkScore",
              p.reject_score AS "rejectScore", p.virus_action AS "virusAction",
              NULL AS "domainEnabled", NULL AS "domainAddHeaderScore",
              NULL AS "domainJunkScore", NULL AS "domainRejectScore", NULL AS "domainVirusAction"
         FROM spam_policy p JOIN domain d ON d.id = p.domain_id
       UNION ALL
       SELECT m.address, 'mailbox',
              p.enabled, p.add_header_score, p.junk_score, p.reject_score, p.virus_action,
              dp.enabled, dp.add_header_score, dp.junk_score, dp.reject_score, dp.virus_action
         FROM spam_policy p
         JOIN mailbox m ON m.id = p.mailbox_id AND m.deleted_at IS NULL
         LEFT JOIN spam_policy dp ON dp.domain_id = m.domain_id`,
    );
  }
}
