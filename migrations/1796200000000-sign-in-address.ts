import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One namespace for signing in: an address belongs to a live mailbox or to a standalone
 * admin account, never both. Triggers keep `sign_in_address` in step with both tables,
 * and its primary key refuses the second claim in any transaction, request or process.
 * A standalone account already sharing a live mailbox's address (a squatter, finding 5
 * of the security review) is removed, with an audit event: the mailbox is the address's
 * owner.
 */
export class SignInAddress1796200000000 implements MigrationInterface {
  name = 'SignInAddress1796200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "sign_in_address" (
        "address" character varying(254) COLLATE "C" NOT NULL,
        "mailbox_id" uuid,
        "admin_id" uuid,
        CONSTRAINT "pk_sign_in_address" PRIMARY KEY ("address"),
        CONSTRAINT "uq_sign_in_address_mailbox" UNIQUE ("mailbox_id"),
        CONSTRAINT "uq_sign_in_address_admin" UNIQUE ("admin_id"),
        CONSTRAINT "ck_sign_in_address_owner" CHECK (num_nonnulls("mailbox_id", "admin_id") = 1),
        CONSTRAINT "fk_sign_in_address_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_sign_in_address_admin" FOREIGN KEY ("admin_id") REFERENCES "admin_account"("id") ON DELETE CASCADE)`);

    await db.query(`
      INSERT INTO "audit_event" ("actor_type", "actor_label", "via", "action", "target_type", "target_id", "before")
      SELECT 'system', 'yubin', 'system', 'admin.delete', 'admin', a.email,
             jsonb_build_object('email', a.email, 'kind', 'admin', 'role', a.role, 'active', a.active,
                                'reason', 'A mailbox signs in at this address.')
        FROM admin_account a
       WHERE a.mailbox_id IS NULL
         AND EXISTS (SELECT 1 FROM mailbox m WHERE m.address = a.email AND m.deleted_at IS NULL)`);
    await db.query(`
      DELETE FROM admin_account a
       WHERE a.mailbox_id IS NULL
         AND EXISTS (SELECT 1 FROM mailbox m WHERE m.address = a.email AND m.deleted_at IS NULL)`);
    await db.query(`
      INSERT INTO "sign_in_address" ("address", "mailbox_id")
      SELECT address, id FROM mailbox WHERE deleted_at IS NULL`);
    await db.query(`
      INSERT INTO "sign_in_address" ("address", "admin_id")
      SELECT email, id FROM admin_account WHERE mailbox_id IS NULL`);

    // A live mailbox claims its address; deleting it (softly) gives the address back.
    await db.query(`
      CREATE FUNCTION "sign_in_address_of_mailbox"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NULL THEN
          DELETE FROM sign_in_address WHERE mailbox_id = OLD.id;
        END IF;
        IF NEW.deleted_at IS NULL THEN
          INSERT INTO sign_in_address (address, mailbox_id) VALUES (NEW.address, NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER "trg_mailbox_sign_in_address"
        AFTER INSERT OR UPDATE OF "address", "deleted_at" ON "mailbox"
        FOR EACH ROW EXECUTE FUNCTION "sign_in_address_of_mailbox"()`);

    // A standalone admin account claims its address; a role riding on a mailbox does not.
    await db.query(`
      CREATE FUNCTION "sign_in_address_of_admin"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.mailbox_id IS NULL THEN
          DELETE FROM sign_in_address WHERE admin_id = OLD.id;
        END IF;
        IF NEW.mailbox_id IS NULL THEN
          INSERT INTO sign_in_address (address, admin_id) VALUES (NEW.email, NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER "trg_admin_account_sign_in_address"
        AFTER INSERT OR UPDATE OF "email", "mailbox_id" ON "admin_account"
        FOR EACH ROW EXECUTE FUNCTION "sign_in_address_of_admin"()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "trg_admin_account_sign_in_address" ON "admin_account"`);
    await db.query(`DROP FUNCTION "sign_in_address_of_admin"()`);
    await db.query(`DROP TRIGGER "trg_mailbox_sign_in_address" ON "mailbox"`);
    await db.query(`DROP FUNCTION "sign_in_address_of_mailbox"()`);
    await db.query(`DROP TABLE "sign_in_address"`);
  }
}
