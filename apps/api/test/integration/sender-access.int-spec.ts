import type pg from 'pg';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { mailRoleNames } from '../../src/infra/database/mail-roles.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { POSTFIX_LOOKUPS } from '../../src/modules/daemon-config/daemon-config.render.js';
import type { ApiClient } from '../support/api-client.js';
import { createDomain, createMailbox, unique } from '../support/factory.js';
import { createDatabase, migrate, migrationNamed } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const READER_PASSWORD = 'integration-reader-0123456789';
const REFUSAL = 'REJECT Refused by the global sender policy of Yubin';

/** A lookup as Postfix's pgsql client sends it: the key escaped into the query's text. */
function postfixQuery(query: string, key: string): string {
  return query.replaceAll('%s', key.replaceAll("'", "''"));
}

/** The keys Postfix's access maps try for a sender, most specific first. */
function senderKeys(sender: string): string[] {
  const at = sender.lastIndexOf('@');
  const labels = sender.slice(at + 1).split('.');
  // The parents as Postfix spells them without smtpd_access_maps in
  // parent_domain_matches_subdomains: with a leading dot.
  const parents = labels.slice(1).map((_, i) => `.${labels.slice(i + 1).join('.')}`);
  return [sender, labels.join('.'), ...parents, sender.slice(0, at + 1)];
}

/** The keys check_client_access tries: host name and parents, address and its prefixes. */
function clientKeys(hostname: string, address: string): string[] {
  const labels = hostname.split('.');
  const names = labels.map((_, i) => labels.slice(i).join('.'));
  const separator = address.includes(':') ? ':' : '.';
  const parts = address.split(separator);
  const prefixes = parts
    .slice(1)
    .map((_, i) => parts.slice(0, parts.length - 1 - i).join(separator));
  return [...names, address, ...prefixes];
}

describe('sender and client access for Postfix (mailserver.sender_access_map, client_access_map)', () => {
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let root: ApiClient;
  let reader: string;

  beforeAll(async () => {
    // A database of its own: global rules apply everywhere, and the migration is undone
    // and redone below.
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_access');
    await migrate(database.url);
    t = await startTestApp({ MAIL_READER_PASSWORD: READER_PASSWORD }, database.url);
    root = await t.superadmin();
    const { rows } = await t.sql.query<{ name: string }>('SELECT current_database() AS name');
    reader = mailRoleNames(rows[0]!.name).reader;
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  /** One lookup as the mail reader: the value Postfix would get, or undefined. */
  async function lookup(
    name: keyof typeof POSTFIX_LOOKUPS,
    key: string,
    pool: pg.Pool = t.sql,
  ): Promise<string | undefined> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${reader}`);
      const { rows } = await client.query<Record<string, string>>(
        postfixQuery(POSTFIX_LOOKUPS[name], key),
      );
      await client.query('COMMIT');
      return rows[0] === undefined ? undefined : Object.values(rows[0])[0];
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /** The first answer of a check_*_access walk over its keys. */
  async function walk(
    name: keyof typeof POSTFIX_LOOKUPS,
    keys: string[],
  ): Promise<string | undefined> {
    for (const key of keys) {
      const found = await lookup(name, key);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** smtpd_sender_restrictions as rendered: the first OK or REJECT, else undefined. */
  async function postfixVerdict(
    sender: string,
    client: { hostname: string; address: string },
  ): Promise<string | undefined> {
    const s = senderKeys(sender);
    const c = clientKeys(client.hostname, client.address);
    return (
      (await walk('sender-access-overrides', s)) ??
      (await walk('client-access-overrides', c)) ??
      (await walk('sender-access-blocks', s)) ??
      (await walk('client-access-blocks', c))
    );
  }

  async function rule(path: string, kind: 'allow' | 'block', match: object): Promise<string> {
    const created = await root.post(`${API}${path}`, { body: { kind, match } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return (created.body as { id: string }).id;
  }

  async function verdicts(mailboxes: string[], sender: string, clientIp: string) {
    const query = new URLSearchParams({ sender, clientIp }).toString();
    return Promise.all(
      mailboxes.map(async (mailbox) => {
        const decided = await root.get(
          `${API}/mailboxes/${mailbox}/sender-rules/decision?${query}`,
        );
        expect(decided.status).toBe(200);
        return (decided.body as { verdict: string }).verdict;
      }),
    );
  }

  it('refuses at SMTP time exactly what a global block refuses for every recipient', async () => {
    const spam = `${unique('spam')}.example`;
    const ok = `${unique('ok')}.example`;
    const lenient = (await createDomain(root)).name as string;
    const strict = (await createDomain(root)).name as string;
    const inLenient = (await createMailbox(root, lenient)).address as string;
    const allowsClient = (await createMailbox(root, strict)).address as string;
    const colleague = (await createMailbox(root, strict)).address as string;
    const mailboxes = [inLenient, allowsClient, colleague];

    await rule('/sender-rules', 'block', { senderDomain: spam });
    await rule('/sender-rules', 'allow', { sender: `listed@${spam}` });
    await rule('/sender-rules', 'block', { sender: `bad@${ok}` });
    await rule('/sender-rules', 'block', { clientIp: '192.0.2.0/24' });
    await rule('/sender-rules', 'block', { clientIp: '2001:db8:5::/48' });
    await rule(`/domains/${lenient}/sender-rules`, 'allow', { sender: `friend@${spam}` });
    await rule(`/domains/${lenient}/sender-rules`, 'block', { senderDomain: ok });
    await rule(`/mailboxes/${allowsClient}/sender-rules`, 'allow', { clientIp: '192.0.2.7' });

    const host = { hostname: 'mail.sender.example', address: '203.0.113.9' };
    const cases: [string, { hostname: string; address: string }, string | undefined][] = [
      // A global block no lower level overrides: refused, the domain's subdomains too.
      [`evil@${spam}`, host, REFUSAL],
      [`evil@relay.${spam}`, host, REFUSAL],
      // A global allow does not beat a global block at its own level.
      [`listed@${spam}`, host, REFUSAL],
      [`bad@${ok}`, host, REFUSAL],
      // A domain's allow may beat the global block for its recipients: Rspamd decides.
      [`friend@${spam}`, host, 'OK'],
      // So may a mailbox's allow of the client, whatever the sender.
      [`evil@${spam}`, { hostname: 'unknown', address: '192.0.2.7' }, 'OK'],
      // A global block of the client's network.
      [`someone@${ok}`, { hostname: 'unknown', address: '192.0.2.200' }, REFUSAL],
      [`someone@${ok}`, { hostname: 'mx.example', address: '::ffff:192.0.2.200' }, REFUSAL],
      [`someone@${ok}`, { hostname: 'unknown', address: '2001:db8:5:1::25' }, REFUSAL],
      // Nothing global: no answer (a domain block alone is recipient-dependent).
      [`someone@${ok}`, host, undefined],
      [`someone@${ok}`, { hostname: 'unknown', address: '2001:db8:6::25' }, undefined],
    ];
    for (const [sender, client, expected] of cases) {
      const what = `${sender} from ${client.address}`;
      expect(await postfixVerdict(sender, client), what).toBe(expected);
      // The precedence of ADR 0012, for each recipient: Postfix refuses only what every
      // recipient would refuse, and lets through what some recipient allows.
      const each = await verdicts(mailboxes, sender, client.address.replace(/^::ffff:/, ''));
      if (expected === REFUSAL) expect(each, what).toEqual(['block', 'block', 'block']);
      if (expected === 'OK') expect(each, what).toContain('allow');
    }
  });

  it('answers every key Postfix may try, host names and partial addresses too, without an error', async () => {
    for (const key of [
      'unknown',
      'mail.example',
      '.example',
      '192.0.2',
      '192',
      '2001:db8',
      '1.2.3.999',
      '::ffff:1.2.3.999',
      "1.2.3.4'; DROP TABLE x; --",
      '[192.0.2.1]',
      'fe80::1%eth0',
      '',
    ]) {
      expect(await lookup('client-access-blocks', key), key).toBeUndefined();
      expect(await lookup('client-access-overrides', key), key).toBeUndefined();
      expect(await lookup('sender-access-blocks', key), key).toBeUndefined();
    }
  });

  it('applies a rule change at the next lookup, and a removed rule stops refusing', async () => {
    const spam = `${unique('later')}.example`;
    const sender = `x@${spam}`;
    expect(await walk('sender-access-blocks', senderKeys(sender))).toBeUndefined();
    const id = await rule('/sender-rules', 'block', { senderDomain: spam });
    expect(await walk('sender-access-blocks', senderKeys(sender))).toBe(REFUSAL);

    // A domain's allow of the sender overrides it, until it is removed.
    const domain = (await createDomain(root)).name as string;
    const allow = await rule(`/domains/${domain}/sender-rules`, 'allow', { senderDomain: spam });
    expect(await walk('sender-access-overrides', senderKeys(sender))).toBe('OK');
    expect((await root.delete(`${API}/domains/${domain}/sender-rules/${allow}`)).status).toBe(204);
    expect(await walk('sender-access-overrides', senderKeys(sender))).toBeUndefined();
    expect(await walk('sender-access-blocks', senderKeys(sender))).toBe(REFUSAL);

    expect((await root.delete(`${API}/sender-rules/${id}`)).status).toBe(204);
    expect(await walk('sender-access-blocks', senderKeys(sender))).toBeUndefined();
  });

  it('gives the mail reader the two views, their tables and the address function, nothing else of it', async () => {
    const client = await t.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${reader}`);
      for (const statement of [
        'SELECT * FROM public.sender_rule',
        'SELECT * FROM public.spam_map_change',
        `DELETE FROM mailserver.sender_access_map`,
        `INSERT INTO mailserver.client_access_map VALUES ('10.0.0.0/8', false, true)`,
      ]) {
        await client.query('SAVEPOINT s');
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied/);
        await client.query('ROLLBACK TO SAVEPOINT s');
      }
      await client.query('SELECT count(*) FROM mailserver.sender_access_map');
      await client.query('SELECT count(*) FROM mailserver.client_access_map');
      await client.query('SELECT count(*) FROM mailserver.sender_access');
      await client.query('SELECT count(*) FROM mailserver.client_access');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('keeps the tables equal to their views, rebuilt by the migration and gone with its down()', async () => {
    await rule('/sender-rules', 'block', { clientIp: '198.51.100.0/24' });
    const domain = (await createDomain(root)).name as string;
    await rule(`/domains/${domain}/sender-rules`, 'allow', { clientIp: '198.51.100.0/24' });
    await rule(`/domains/${domain}/sender-rules`, 'allow', { sender: `a@${unique('x')}.example` });
    const differences = async (db: { query(sql: string): Promise<unknown> }) => {
      const rows = (await db.query(`
        (SELECT sender_key AS k, overridden, refused FROM mailserver.sender_access
         EXCEPT ALL SELECT sender_key, overridden, refused FROM mailserver.sender_access_map)
        UNION ALL (SELECT sender_key, overridden, refused FROM mailserver.sender_access_map
         EXCEPT ALL SELECT sender_key, overridden, refused FROM mailserver.sender_access)
        UNION ALL (SELECT network::text, overridden, refused FROM mailserver.client_access
         EXCEPT ALL SELECT network::text, overridden, refused FROM mailserver.client_access_map)
        UNION ALL (SELECT network::text, overridden, refused FROM mailserver.client_access_map
         EXCEPT ALL SELECT network::text, overridden, refused FROM mailserver.client_access)`)) as
        unknown[] | { rows: unknown[] };
      return Array.isArray(rows) ? rows : rows.rows;
    };
    expect(await differences(t.sql)).toEqual([]);
    const { rows: before } = await t.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mailserver.client_access_map',
    );
    expect(before[0]!.n).toBeGreaterThan(0);

    const db = await new DataSource(dataSourceOptions(database.url, 1)).initialize();
    try {
      const at = MIGRATIONS.indexOf(migrationNamed('SenderAccessMaps1796500000000'));
      for (let i = MIGRATIONS.length - 1; i >= at; i--) {
        await db.undoLastMigration({ transaction: 'each' });
      }
      const left = await db.query<unknown[]>(
        `SELECT relname FROM pg_class WHERE relname IN
           ('sender_access_map', 'client_access_map', 'sender_access', 'client_access', 'spam_map_change')`,
      );
      expect(left).toEqual([]);
      // Written while the tables are gone: the migration's backfill brings it in.
      await db.query(
        `DELETE FROM sender_rule WHERE match_value = '198.51.100.0/24' AND level = 'domain'`,
      );
      await db.runMigrations({ transaction: 'each' });
      expect(await differences(db)).toEqual([]);
      const [after] = await db.query<{ overridden: boolean; refused: boolean }[]>(
        `SELECT overridden, refused FROM mailserver.client_access_map WHERE network = '198.51.100.0/24'`,
      );
      expect(after).toEqual({ overridden: false, refused: true });
    } finally {
      await db.destroy();
    }
  });
});
