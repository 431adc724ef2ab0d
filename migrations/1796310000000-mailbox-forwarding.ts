import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A mailbox the mail server may deliver to and log in: live, active, in an active domain. */
const DELIVERABLE_MAILBOX = `m.deleted_at IS NULL AND m.active AND d.active`;

/** An alias delivers unless a live mailbox holds its address (the API lets none be created). */
const ALIAS_DELIVERS = `NOT EXISTS (SELECT 1 FROM public.mailbox own
                     WHERE own.address = a.address AND own.deleted_at IS NULL)`;

/** Before: an alias at a mailbox's own address was that mailbox's forwarding. */
const ALIAS_MAY_DELIVER_BEFORE = `COALESCE(
        (SELECT own.active FROM public.mailbox own
          WHERE own.address = a.address AND own.deleted_at IS NULL),
        NOT EXISTS (SELECT 1 FROM public.mailbox own
                     WHERE own.domain_id = a.domain_id AND own.address = a.address))`;

/** Before: never as a forwarding, that is an alias at any mailbox row's address. */
const SEND_AS_ALIAS_BEFORE = `NOT EXISTS (SELECT 1 FROM public.mailbox own
                            WHERE own.domain_id = a.domain_id AND own.address = a.address)`;

/**
 * Forwarding becomes a property of the mailbox (ADR 0004): `forward_to`, and `keep_copy`
 * to deliver a copy to the mailbox too. Until now an alias at a mailbox's own address was
 * its forwarding, which the mailbox never showed and which silently replaced its
 * delivery. Each such alias becomes its mailbox's forwarding with the same meaning: its
 * destinations other than the address go to `forward_to`, and listing the address kept a
 * copy. An inactive one forwarded nothing, so it leaves nothing behind. The mailbox that
 * takes it is the live one at the address, else the most recently deleted (the one a
 * restore brings back, with its forwarding as before).
 *
 * The daemon views follow: a deliverable mailbox maps to itself unless it forwards
 * without keeping a copy, and to each forwarding address; an alias delivers wherever no
 * live mailbox holds its address.
 */
export class MailboxForwarding1796310000000 implements MigrationInterface {
  name = 'MailboxForwarding1796310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE "mailbox" ADD "forward_to" character varying(254) array NOT NULL DEFAULT '{}'`,
    );
    await db.query(`ALTER TABLE "mailbox" ADD "keep_copy" boolean NOT NULL DEFAULT true`);
    await db.query(
      `ALTER TABLE "mailbox" ADD CONSTRAINT "ck_mailbox_forward_to" CHECK (cardinality("forward_to") <= 1000)`,
    );

    await db.query(`
      UPDATE mailbox m
         SET forward_to = array_remove(f.destinations, f.address),
             keep_copy = f.address = ANY (f.destinations)
        FROM (SELECT DISTINCT ON (a.id) a.address, a.destinations, own.id AS mailbox_id
                FROM alias a
                JOIN mailbox own ON own.domain_id = a.domain_id AND own.address = a.address
               WHERE a.active
               ORDER BY a.id, own.deleted_at IS NULL DESC, own.deleted_at DESC) f
       WHERE m.id = f.mailbox_id`);
    await db.query(`
      DELETE FROM alias a
       WHERE EXISTS (SELECT 1 FROM mailbox own
                      WHERE own.domain_id = a.domain_id AND own.address = a.address)`);

    await replaceViews(db, {
      aliasDelivers: ALIAS_DELIVERS,
      sendAsAlias: ALIAS_DELIVERS,
      selfMapping: `AND (m.keep_copy OR cardinality(m.forward_to) = 0)`,
      forwardings: `
        UNION ALL
        SELECT m.address, f.destination::text
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         CROSS JOIN LATERAL unnest(m.forward_to) AS f(destination)
         WHERE ${DELIVERABLE_MAILBOX}`,
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await replaceViews(db, {
      aliasDelivers: ALIAS_MAY_DELIVER_BEFORE,
      sendAsAlias: SEND_AS_ALIAS_BEFORE,
      selfMapping: `AND NOT EXISTS (SELECT 1 FROM public.alias f WHERE f.address = m.address AND f.active)`,
      forwardings: '',
    });
    // Each mailbox's forwarding becomes an alias at its address again (the live mailbox's,
    // else the most recently deleted one's), listing the address to keep a copy.
    await db.query(`
      INSERT INTO alias (domain_id, address, local_part, destinations, active)
      SELECT DISTINCT ON (m.address) m.domain_id, m.address, m.local_part,
             CASE WHEN m.keep_copy THEN ARRAY[m.address] || m.forward_to ELSE m.forward_to END,
             true
        FROM mailbox m
       WHERE cardinality(m.forward_to) > 0
       ORDER BY m.address, m.deleted_at IS NULL DESC, m.deleted_at DESC
      ON CONFLICT (address) DO NOTHING`);
    await db.query(`ALTER TABLE "mailbox" DROP CONSTRAINT "ck_mailbox_forward_to"`);
    await db.query(`ALTER TABLE "mailbox" DROP COLUMN "keep_copy"`);
    await db.query(`ALTER TABLE "mailbox" DROP COLUMN "forward_to"`);
  }
}

/**
 * The four views that decide what an alias or a mailbox's forwarding delivers, written
 * for one model or the other; everything else in them is as in MailServerContract.
 */
async function replaceViews(
  db: QueryRunner,
  rules: { aliasDelivers: string; sendAsAlias: string; selfMapping: string; forwardings: string },
): Promise<void> {
  const { aliasDelivers, sendAsAlias, selfMapping, forwardings } = rules;
  // Postfix: virtual_alias_maps, by exact key: `user@domain` or the catch-all `@domain`.
  // A deliverable mailbox maps to itself (so a catch-all never swallows it) unless it
  // forwards without keeping a copy, and to every address it forwards to.
  await db.query(`
    CREATE OR REPLACE VIEW mailserver.virtual_aliases WITH (security_barrier) AS
      SELECT m.address AS source, m.address AS destination
        FROM public.mailbox m
        JOIN public.domain d ON d.id = m.domain_id
       WHERE ${DELIVERABLE_MAILBOX}
         ${selfMapping}
      ${forwardings}
      UNION ALL
      SELECT a.address, t.destination::text
        FROM public.alias a
        JOIN public.domain d ON d.id = a.domain_id
       CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
       WHERE a.active AND d.active AND ${aliasDelivers}`);

  await db.query(`
    CREATE OR REPLACE VIEW mailserver.alias_domain_addresses WITH (security_barrier) AS
      SELECT ad.name AS alias_domain, m.local_part, m.address AS destination
        FROM public.alias_domain ad
        JOIN public.domain d ON d.id = ad.target_domain_id
        JOIN public.mailbox m ON m.domain_id = d.id
       WHERE ad.active AND ${DELIVERABLE_MAILBOX}
      UNION ALL
      SELECT ad.name, a.local_part, a.address
        FROM public.alias_domain ad
        JOIN public.domain d ON d.id = ad.target_domain_id
        JOIN public.alias a ON a.domain_id = d.id
       WHERE ad.active AND d.active AND a.active AND a.local_part <> ''
         AND ${aliasDelivers}`);

  // A mailbox may send as itself and as every alias that delivers to it; not as a
  // catch-all, and not as another mailbox whose forwarding points at it.
  await db.query(`
    CREATE OR REPLACE VIEW mailserver.sender_logins WITH (security_barrier) AS
      SELECT m.address AS sender, m.address AS login
        FROM public.mailbox m
        JOIN public.domain d ON d.id = m.domain_id
       WHERE ${DELIVERABLE_MAILBOX}
      UNION ALL
      SELECT a.address, m.address
        FROM public.alias a
        JOIN public.domain ad ON ad.id = a.domain_id
       CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
        JOIN public.mailbox m ON m.address = t.destination AND m.deleted_at IS NULL AND m.active
        JOIN public.domain d ON d.id = m.domain_id AND d.active
       WHERE a.active AND ad.active AND a.local_part <> ''
         AND ${sendAsAlias}`);

  await db.query(`
    CREATE OR REPLACE VIEW mailserver.alias_domain_sender_logins WITH (security_barrier) AS
      SELECT ad.name AS alias_domain, m.local_part, m.address AS login
        FROM public.alias_domain ad
        JOIN public.domain d ON d.id = ad.target_domain_id
        JOIN public.mailbox m ON m.domain_id = d.id
       WHERE ad.active AND ${DELIVERABLE_MAILBOX}
      UNION ALL
      SELECT ad.name, a.local_part, m.address
        FROM public.alias_domain ad
        JOIN public.domain td ON td.id = ad.target_domain_id
        JOIN public.alias a ON a.domain_id = td.id
       CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
        JOIN public.mailbox m ON m.address = t.destination AND m.deleted_at IS NULL AND m.active
        JOIN public.domain d ON d.id = m.domain_id AND d.active
       WHERE ad.active AND td.active AND a.active AND a.local_part <> ''
         AND ${sendAsAlias}`);
}
