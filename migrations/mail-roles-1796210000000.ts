import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';

/**
 * The mail roles' naming rule as migration 1796210000000 introduced it, frozen: the
 * migrations that create and grant to the roles keep meaning what they meant when they
 * were written. Never edit this file. The application's copy of the rule is
 * apps/api/src/infra/database/mail-roles.ts; a new rule there needs a new migration that
 * moves the roles (and, if later migrations need it, a new frozen file like this one).
 */

/** Room for the longest suffix in PostgreSQL's 63-byte names. */
const BASE_MAX = 63 - '_mail_reader'.length;

/** The roles of the database this migration runs in. */
export async function currentMailRoles(
  db: QueryRunner,
): Promise<{ reader: string; quotaWriter: string }> {
  const rows = (await db.query('SELECT current_database() AS name')) as { name: string }[];
  const [row] = rows;
  if (row === undefined) throw new Error('current_database() returned nothing');
  const databaseName = row.name;
  let base = databaseName.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z_]/.test(base)) base = `_${base}`;
  if (base !== databaseName || base.length > BASE_MAX) {
    // Two names that fold to the same text (my-db, my_db, My_db) stay apart.
    const digest = createHash('sha256').update(databaseName).digest('hex').slice(0, 8);
    base = `${base.slice(0, BASE_MAX - 9)}_${digest}`;
  }
  return { reader: `${base}_mail_reader`, quotaWriter: `${base}_mail_quota` };
}
