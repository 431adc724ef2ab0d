import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';
import { POSTFIX_LOOKUPS, type PostfixLookup } from '../daemon-config/daemon-config.render.js';

/**
 * Postfix's own lookups, asked exactly as the rendered configuration asks them: the same
 * query text, with Postfix's `'%s'` (the key), `'%u'` (its local part) and `'%d'` (its
 * domain) bound as parameters. Like Postfix, a query that needs a part the key lacks
 * (`%u` of `@domain`) is not sent and finds nothing.
 */
@Injectable()
export class PostfixLookupsRepository {
  constructor(private readonly db: Database) {}

  async lookup(table: PostfixLookup, key: string): Promise<string[]> {
    const at = key.lastIndexOf('@');
    const parts: Record<'%s' | '%u' | '%d', string> = {
      '%s': key,
      '%u': at < 0 ? key : key.slice(0, at),
      '%d': at < 0 ? '' : key.slice(at + 1),
    };
    const params: string[] = [];
    let sql: string = POSTFIX_LOOKUPS[table];
    for (const placeholder of ['%s', '%u', '%d'] as const) {
      if (!sql.includes(`'${placeholder}'`)) continue;
      if (parts[placeholder] === '') return [];
      params.push(parts[placeholder]);
      sql = sql.replaceAll(`'${placeholder}'`, `$${params.length}`);
    }
    const rows: Record<string, unknown>[] = await this.db.manager.query(sql, params);
    // A result is a list: Postfix splits it on commas and white space.
    return rows.flatMap((row) =>
      String(Object.values(row)[0])
        .split(/[\s,]+/)
        .filter((item) => item !== ''),
    );
  }

  /** Whether Dovecot lets this user sign in to a service with some credential now. */
  async canLogIn(username: string, service: 'smtp', now: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `SELECT 1 FROM mailserver.passdb_map
        WHERE username = $1 AND $2 = ANY (services) AND (expires_at IS NULL OR expires_at > $3)
        LIMIT 1`,
      [username, service, now],
    );
    return rows.length > 0;
  }

  /** A mailbox as Dovecot's userdb sees it, with the limit its quota rule sets (null: none). */
  async userdb(
    username: string,
  ): Promise<{ usedBytes: number; limitBytes: number | null } | undefined> {
    const rows: { used_bytes: string; quota_rule: string | null }[] = await this.db.manager.query(
      `SELECT used_bytes, mailserver.quota_rule(domain_id, quota_bytes, used_bytes) AS quota_rule
         FROM mailserver.userdb_map WHERE username = $1`,
      [username],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const limit = /^\*:storage=(\d+)B$/.exec(row.quota_rule ?? '');
    return {
      usedBytes: Number(row.used_bytes),
      limitBytes: limit === null ? null : Number(limit[1]),
    };
  }
}
