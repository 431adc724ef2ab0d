import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentMailRoles } from './mail-roles-1796210000000.js';

/**
 * Each mailbox's junk folder for Dovecot (ADR 0014): Dovecot's user query returns it as
 * plugin settings, so the Sieve script run before the user's own files junk there, and
 * IMAPSieve learns from moves into and out of it. NULL when neither the mailbox's nor its
 * domain's policy names a folder: Dovecot then keeps the configured default ("Junk").
 *
 * A plpgsql function (its plan is cached per connection, like `quota_rule`) over two
 * unique-index probes. SECURITY DEFINER: the reader gets the one folder name it asks for,
 * never the policy table; the search path is pinned, as the function runs as its owner.
 */
export class JunkFolderLookup1796530000000 implements MigrationInterface {
  name = 'JunkFolderLookup1796530000000';

  async up(db: QueryRunner): Promise<void> {
    const { reader } = await currentMailRoles(db);
    await db.query(`
      CREATE FUNCTION mailserver.junk_folder(username text, domain_id uuid) RETURNS text
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN COALESCE(
          (SELECT p.junk_folder
             FROM public.mailbox m
             JOIN public.spam_policy p ON p.mailbox_id = m.id
            WHERE m.address = $1 AND m.deleted_at IS NULL),
          (SELECT p.junk_folder FROM public.spam_policy p WHERE p.domain_id = $2));
      END $$`);
    await db.query(`REVOKE ALL ON FUNCTION mailserver.junk_folder(text, uuid) FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION mailserver.junk_folder(text, uuid) TO ${reader}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION mailserver.junk_folder(text, uuid)`);
  }
}
