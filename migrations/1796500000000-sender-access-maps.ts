import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentMailRoles } from './mail-roles-1796210000000.js';

/** The advisory-lock space of the sender-access refreshes. */
const LOCK_SPACE = 0x59425341; // 'YBSA'

const TRIGGER_FUNCTION = `LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp`;

/**
 * A rule Postfix acts on: a domain- or mailbox-level allow (it may override a global block
 * for some recipient, so Postfix lets the message through to Rspamd) or a global block.
 */
const POSTFIX_RELEVANT = `((r.level <> 'global' AND r.kind = 'allow') OR (r.level = 'global' AND r.kind = 'block'))`;

const SENDER_ACCESS_VIEW = `
  CREATE VIEW mailserver.sender_access AS
  SELECT r.match_value AS sender_key,
         bool_or(r.level <> 'global') AS overridden,
         bool_or(r.level = 'global') AS refused
    FROM public.sender_rule r
   WHERE r.match_type IN ('sender', 'senderDomain') AND ${POSTFIX_RELEVANT}
   GROUP BY r.match_value`;

const CLIENT_ACCESS_VIEW = `
  CREATE VIEW mailserver.client_access AS
  SELECT r.client_ip AS network,
         bool_or(r.level <> 'global') AS overridden,
         bool_or(r.level = 'global') AS refused
    FROM public.sender_rule r
   WHERE r.match_type = 'clientIp' AND ${POSTFIX_RELEVANT}
   GROUP BY r.client_ip`;

/**
 * What Postfix may refuse at SMTP time, where it knows the sender and the client but not
 * the recipient (ADR 0013). A global block holds for every recipient unless a domain- or
 * mailbox-level allow applies to the sender or the client (ADR 0012: a more specific
 * level decides), so each key says whether such an allow exists (`overridden`) and
 * whether a global block names it (`refused`). Postfix asks in two rounds: first whether
 * any key of the sender or client is overridden (then Rspamd decides per recipient), then
 * whether one is refused.
 *
 * Like ADR 0011's tables, each is a copy of its view kept current by statement-level
 * triggers on `sender_rule`: one index probe a lookup, a rule change applies at the next
 * one. Networks are matched by containment on a GiST index; `mailserver.client_address`
 * turns Postfix's lookup key into an address, or NULL for the host names, `unknown` and
 * partial addresses Postfix also looks up, so no key can raise an error.
 *
 * `spam_map_change` counts changes of the rules and policies Rspamd's maps are built
 * from, with a Last-Modified second that grows at every change, so two changes within
 * one second are never reported as unchanged.
 */
export class SenderAccessMaps1796500000000 implements MigrationInterface {
  name = 'SenderAccessMaps1796500000000';

  async up(db: QueryRunner): Promise<void> {
    const { reader } = await currentMailRoles(db);

    await db.query(SENDER_ACCESS_VIEW);
    await db.query(CLIENT_ACCESS_VIEW);
    await db.query(`
      CREATE TABLE mailserver.sender_access_map (
        "sender_key" character varying(254) COLLATE "C" NOT NULL,
        "overridden" boolean NOT NULL,
        "refused" boolean NOT NULL,
        CONSTRAINT "pk_sender_access_map" PRIMARY KEY ("sender_key"))`);
    await db.query(`
      CREATE TABLE mailserver.client_access_map (
        "network" cidr NOT NULL,
        "overridden" boolean NOT NULL,
        "refused" boolean NOT NULL,
        CONSTRAINT "pk_client_access_map" PRIMARY KEY ("network"))`);
    await db.query(
      `CREATE INDEX "ix_client_access_map_network" ON mailserver.client_access_map USING gist ("network" inet_ops)`,
    );

    // IMMUTABLE: a constant key is converted once, at planning, and the GiST probe then
    // compares with a constant.
    await db.query(String.raw`
      CREATE FUNCTION mailserver.client_address(key text) RETURNS inet
        LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog AS $$
      DECLARE
        mapped text;
      BEGIN
        IF key ~ '^\d{1,3}(\.\d{1,3}){3}$' THEN
          RETURN key::inet;
        END IF;
        IF key !~ '^[0-9A-Fa-f:.]+$' OR position(':' IN key) = 0 THEN
          RETURN NULL;
        END IF;
        mapped := substring(key FROM '^::[fF]{4}:(\d{1,3}(?:\.\d{1,3}){3})$');
        RETURN COALESCE(mapped, key)::inet;
      EXCEPTION WHEN invalid_text_representation THEN
        RETURN NULL;
      END $$`);

    await db.query(`
      CREATE TABLE "spam_map_change" (
        "map" character varying(20) NOT NULL,
        "version" bigint NOT NULL DEFAULT 0,
        "last_modified_seconds" bigint NOT NULL,
        CONSTRAINT "pk_spam_map_change" PRIMARY KEY ("map"))`);
    await db.query(`
      INSERT INTO "spam_map_change" ("map", "last_modified_seconds")
      VALUES ('sender-rules', ceil(extract(epoch FROM clock_timestamp()))),
             ('settings', ceil(extract(epoch FROM clock_timestamp())))`);
    await db.query(`
      CREATE FUNCTION mailserver.note_spam_map_change() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
      BEGIN
        UPDATE public.spam_map_change
           SET version = version + 1,
               last_modified_seconds = GREATEST(ceil(extract(epoch FROM clock_timestamp()))::bigint,
                                                last_modified_seconds + 1)
         WHERE map = TG_ARGV[0];
        RETURN NULL;
      END $$`);

    await db.query(`
      CREATE FUNCTION mailserver.refresh_sender_access() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
      DECLARE
        senders text[];
        networks cidr[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          senders := ARRAY(SELECT match_value FROM new_rows WHERE client_ip IS NULL);
          networks := ARRAY(SELECT client_ip FROM new_rows WHERE client_ip IS NOT NULL);
        ELSIF TG_OP = 'DELETE' THEN
          senders := ARRAY(SELECT match_value FROM old_rows WHERE client_ip IS NULL);
          networks := ARRAY(SELECT client_ip FROM old_rows WHERE client_ip IS NOT NULL);
        ELSE
          senders := ARRAY(SELECT match_value FROM old_rows WHERE client_ip IS NULL
                           UNION SELECT match_value FROM new_rows WHERE client_ip IS NULL);
          networks := ARRAY(SELECT client_ip FROM old_rows WHERE client_ip IS NOT NULL
                            UNION SELECT client_ip FROM new_rows WHERE client_ip IS NOT NULL);
        END IF;
        -- Rule writes are rare: one lock makes them take turns, so the later refresh of a
        -- key reads what the earlier one committed.
        PERFORM pg_advisory_xact_lock(${LOCK_SPACE}, 0);
        IF cardinality(senders) > 0 THEN
          DELETE FROM mailserver.sender_access_map WHERE sender_key = ANY (senders);
          INSERT INTO mailserver.sender_access_map (sender_key, overridden, refused)
            SELECT sender_key, overridden, refused FROM mailserver.sender_access
             WHERE sender_key = ANY (senders);
        END IF;
        IF cardinality(networks) > 0 THEN
          DELETE FROM mailserver.client_access_map WHERE network = ANY (networks);
          INSERT INTO mailserver.client_access_map (network, overridden, refused)
            SELECT network, overridden, refused FROM mailserver.client_access
             WHERE network = ANY (networks);
        END IF;
        RETURN NULL;
      END $$`);

    for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      const transition =
        event === 'INSERT'
          ? 'NEW TABLE AS new_rows'
          : event === 'DELETE'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      const name = event.toLowerCase();
      await db.query(`
        CREATE TRIGGER "sender_access_${name}" AFTER ${event} ON public.sender_rule
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION mailserver.refresh_sender_access()`);
      await db.query(`
        CREATE TRIGGER "spam_map_change_${name}" AFTER ${event} ON public.sender_rule
        FOR EACH STATEMENT EXECUTE FUNCTION mailserver.note_spam_map_change('sender-rules')`);
      await db.query(`
        CREATE TRIGGER "spam_map_change_${name}" AFTER ${event} ON public.spam_policy
        FOR EACH STATEMENT EXECUTE FUNCTION mailserver.note_spam_map_change('settings')`);
    }
    for (const fn of [
      'mailserver.refresh_sender_access()',
      'mailserver.note_spam_map_change()',
      'mailserver.client_address(text)',
    ]) {
      await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    }
    await db.query(`GRANT EXECUTE ON FUNCTION mailserver.client_address(text) TO ${reader}`);

    await db.query(`
      INSERT INTO mailserver.sender_access_map SELECT sender_key, overridden, refused FROM mailserver.sender_access`);
    await db.query(`
      INSERT INTO mailserver.client_access_map SELECT network, overridden, refused FROM mailserver.client_access`);
    // The views are part of the contract too (the daemons may be pointed at them, as at
    // every other view), the tables are what the generated configuration asks.
    for (const view of ['sender_access', 'client_access']) {
      await db.query(`GRANT SELECT ON mailserver.${view} TO ${reader}`);
    }
    for (const table of ['sender_access_map', 'client_access_map']) {
      await db.query(`GRANT SELECT ON mailserver.${table} TO ${reader}`);
      await db.query(`ANALYZE mailserver.${table}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await db.query(`DROP TRIGGER "spam_map_change_${event}" ON public.spam_policy`);
      await db.query(`DROP TRIGGER "spam_map_change_${event}" ON public.sender_rule`);
      await db.query(`DROP TRIGGER "sender_access_${event}" ON public.sender_rule`);
    }
    await db.query(`DROP FUNCTION mailserver.refresh_sender_access()`);
    await db.query(`DROP FUNCTION mailserver.note_spam_map_change()`);
    await db.query(`DROP TABLE "spam_map_change"`);
    await db.query(`DROP FUNCTION mailserver.client_address(text)`);
    await db.query(`DROP TABLE mailserver.client_access_map`);
    await db.query(`DROP TABLE mailserver.sender_access_map`);
    await db.query(`DROP VIEW mailserver.client_access`);
    await db.query(`DROP VIEW mailserver.sender_access`);
  }
}
