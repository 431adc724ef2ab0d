import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  LEGACY_MAIL_QUOTA_WRITER_ROLE,
  LEGACY_MAIL_READER_ROLE,
} from './1796083200000-mail-server-contract.js';
import { currentMailRoles } from './mail-roles-1796210000000.js';

/**
 * The mail server's roles become the database's own (`<database>_mail_reader` and
 * `<database>_mail_quota`): every privilege and setting the shared roles held in this
 * database moves to them, and the shared roles keep nothing here.
 * The shared roles themselves stay, as other databases on the server may still use
 * them; the database `yubin` keeps its names, so for it nothing changes.
 *
 * Later migrations grant to `currentMailRoles(db)` from mail-roles-1796210000000.ts,
 * the naming rule frozen as this migration introduced it.
 */
export class MailRolesPerDatabase1796210000000 implements MigrationInterface {
  name = 'MailRolesPerDatabase1796210000000';

  async up(db: QueryRunner): Promise<void> {
    const roles = await currentMailRoles(db);
    await moveMailRole(db, LEGACY_MAIL_READER_ROLE, roles.reader);
    await moveMailRole(db, LEGACY_MAIL_QUOTA_WRITER_ROLE, roles.quotaWriter);
  }

  async down(db: QueryRunner): Promise<void> {
    const roles = await currentMailRoles(db);
    await moveMailRole(db, roles.reader, LEGACY_MAIL_READER_ROLE);
    await moveMailRole(db, roles.quotaWriter, LEGACY_MAIL_QUOTA_WRITER_ROLE);
    for (const role of [roles.reader, roles.quotaWriter]) {
      if (role === LEGACY_MAIL_READER_ROLE || role === LEGACY_MAIL_QUOTA_WRITER_ROLE) continue;
      await db.query(`
        DO $$ BEGIN
          DROP ROLE IF EXISTS ${role};
        EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
        END $$`);
    }
  }
}

/** Moves a role's privileges and per-database settings in this database to another role. */
async function moveMailRole(db: QueryRunner, from: string, to: string): Promise<void> {
  if (from === to) return;
  // Two databases may migrate at the same time.
  await db.query(`
    DO $$ BEGIN
      CREATE ROLE ${to} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await db.query(
    `DO $$
    DECLARE
      granted record;
      setting text;
    BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), '${to}');
      EXECUTE format('GRANT USAGE ON SCHEMA mailserver TO %I', '${to}');
      FOR granted IN
        SELECT c.relname, a.privilege_type
          FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
         WHERE c.relnamespace = 'mailserver'::regnamespace AND a.grantee = '${from}'::regrole
      LOOP
        EXECUTE format('GRANT %s ON mailserver.%I TO %I', granted.privilege_type, granted.relname, '${to}');
        EXECUTE format('REVOKE %s ON mailserver.%I FROM %I', granted.privilege_type, granted.relname, '${from}');
      END LOOP;
      FOR setting IN
        SELECT unnest(s.setconfig) FROM pg_db_role_setting s
         WHERE s.setrole = '${from}'::regrole
           AND s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
      LOOP
        EXECUTE format('ALTER ROLE %I IN DATABASE %I SET %I TO %L', '${to}', current_database(),
                       split_part(setting, '=', 1), substr(setting, strpos(setting, '=') + 1));
      END LOOP;
      EXECUTE format('ALTER ROLE %I IN DATABASE %I RESET ALL', '${from}', current_database());
      EXECUTE format('REVOKE USAGE ON SCHEMA mailserver FROM %I', '${from}');
      EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM %I', current_database(), '${from}');
    END $$`,
  );
}
