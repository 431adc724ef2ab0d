import { randomInt } from 'node:crypto';
import { generate } from 'otplib';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { mailRoleNames } from '../../src/infra/database/mail-roles.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { Browser, uniqueIp } from '../support/browser.js';
import { cookieValue } from '../support/expectations.js';
import { strongPassword, unique, uniqueDomainName } from '../support/factory.js';
import { mapDifferences, mapSizes, MAP_NAMES } from '../support/mail-maps.js';
import { createDatabase, migrate, migrationNamed } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';

/** A small seeded generator, so a failing run can be replayed with its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return {
    below,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T | undefined =>
      items.length === 0 ? undefined : items[below(items.length)],
    subset: <T>(items: readonly T[]): T[] => items.filter(() => next() < 0.5),
  };
}

interface Mailbox {
  address: string;
  domain: string;
  password: string;
  appPasswords: string[];
}

/**
 * Random API activity against one Yubin: whatever each request answers (a refusal is
 * fine, a 5xx is not), what the daemons read must stay what the views say.
 */
class Activity {
  readonly domains: string[] = [];
  readonly aliasDomains: string[] = [];
  readonly mailboxes: Mailbox[] = [];
  readonly aliases: string[] = [];
  readonly failures: string[] = [];
  private readonly random: ReturnType<typeof generator>;

  constructor(
    private readonly t: TestApp,
    private readonly admin: ApiClient,
    readonly seed: number,
  ) {
    this.random = generator(seed);
  }

  private check(what: string, response: ApiResponse): ApiResponse {
    if (response.status >= 500) {
      this.failures.push(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response;
  }

  private someAddresses(): string[] {
    const own = this.random.subset(this.mailboxes.map((m) => m.address)).slice(0, 3);
    return this.random.chance(0.3) ? [...own, `${unique('ext')}@elsewhere.example`] : own;
  }

  async createDomain(): Promise<void> {
    const name = uniqueDomainName();
    const quotaBytes = this.random.chance(0.5) ? 0 : 1_000_000 * (1 + this.random.below(5));
    const r = this.check(
      'create domain',
      await this.admin.post(`${API}/domains`, { body: { name, quotaBytes } }),
    );
    if (r.status === 201) this.domains.push(name);
  }

  /** One random step; most steps touch mailboxes and aliases. */
  async step(): Promise<void> {
    const r = this.random;
    const domain = r.pick(this.domains);
    const mailbox = r.pick(this.mailboxes);
    if (domain === undefined) return this.createDomain();
    switch (r.below(16)) {
      case 0:
        return this.patch(`${API}/domains/${domain}`, { active: r.chance(0.6) });
      case 1:
        return this.patch(`${API}/domains/${domain}`, {
          quotaBytes: r.chance(0.3) ? 0 : 5_000_000 * (1 + r.below(4)),
        });
      case 2:
      case 3: {
        const password = strongPassword();
        const response = this.check(
          'create mailbox',
          await this.admin.post(`${API}/domains/${domain}/mailboxes`, {
            body: {
              localPart: unique('u'),
              password,
              quotaBytes: r.chance(0.5) ? 0 : 100_000 * (1 + r.below(10)),
              imapEnabled: r.chance(0.8),
              pop3Enabled: r.chance(0.8),
              smtpEnabled: r.chance(0.8),
            },
          }),
        );
        if (response.status === 201) {
          const address = (response.body as { address: string }).address;
          this.mailboxes.push({ address, domain, password, appPasswords: [] });
        }
        return;
      }
      case 4:
        if (mailbox === undefined) return;
        return this.patch(`${API}/mailboxes/${mailbox.address}`, {
          active: r.chance(0.7),
          imapEnabled: r.chance(0.7),
          pop3Enabled: r.chance(0.7),
          smtpEnabled: r.chance(0.7),
        });
      case 5:
        if (mailbox === undefined) return;
        return this.patch(`${API}/mailboxes/${mailbox.address}`, {
          forwardTo: this.someAddresses().filter((a) => a !== mailbox.address),
          keepCopy: r.chance(0.5),
          // A deleted mailbox may be among them: forwarding there is what the tables must show.
          confirmUnknownDestinations: true,
        });
      case 6:
        if (mailbox === undefined) return;
        this.check(
          'delete mailbox',
          await this.admin.delete(`${API}/mailboxes/${mailbox.address}`),
        );
        return;
      case 7:
        if (mailbox === undefined) return;
        this.check(
          'restore mailbox',
          await this.admin.post(`${API}/mailboxes/${mailbox.address}/restore`),
        );
        return;
      case 8: {
        const destinations = this.someAddresses();
        if (destinations.length === 0) return;
        const catchAll = r.chance(0.25);
        const response = this.check(
          'create alias',
          await this.admin.post(`${API}/domains/${domain}/aliases`, {
            // As with forwarding, a deleted mailbox among them is what the tables must show.
            body: {
              localPart: catchAll ? '' : unique('a'),
              destinations,
              confirmUnknownDestinations: true,
            },
          }),
        );
        if (response.status === 201) {
          this.aliases.push((response.body as { address: string }).address);
        }
        return;
      }
      case 9: {
        const alias = r.pick(this.aliases);
        const destinations = this.someAddresses();
        if (alias === undefined || destinations.length === 0) return;
        return this.patch(`${API}/aliases/${alias}`, {
          destinations,
          active: r.chance(0.7),
          confirmUnknownDestinations: true,
        });
      }
      case 10: {
        const alias = r.pick(this.aliases);
        if (alias === undefined) return;
        this.check('delete alias', await this.admin.delete(`${API}/aliases/${alias}`));
        return;
      }
      case 11: {
        if (r.chance(0.3) && this.aliasDomains.length > 0) {
          const name = r.pick(this.aliasDomains)!;
          this.check(
            'delete alias domain',
            await this.admin.delete(`${API}/alias-domains/${name}`),
          );
          return;
        }
        const name = uniqueDomainName();
        const response = this.check(
          'create alias domain',
          await this.admin.post(`${API}/alias-domains`, { body: { name, targetDomain: domain } }),
        );
        if (response.status === 201) this.aliasDomains.push(name);
        return;
      }
      case 12: {
        if (mailbox === undefined) return;
        const id = r.pick(mailbox.appPasswords);
        if (id !== undefined && r.chance(0.3)) {
          this.check(
            'delete app password',
            await this.admin.delete(`${API}/mailboxes/${mailbox.address}/app-passwords/${id}`),
          );
          return;
        }
        const protocols = r.subset(['imap', 'pop3', 'smtp'] as const);
        const response = this.check(
          'create app password',
          await this.admin.post(`${API}/mailboxes/${mailbox.address}/app-passwords`, {
            body: {
              name: unique('app'),
              protocols: protocols.length === 0 ? ['imap'] : protocols,
              ...(r.chance(0.3) ? { expiresAt: new Date(Date.now() + 86_400_000) } : {}),
            },
          }),
        );
        if (response.status === 201)
          mailbox.appPasswords.push((response.body as { id: string }).id);
        return;
      }
      case 13:
        if (mailbox === undefined) return;
        if (r.chance(0.5)) return this.turnOnTwoFactor(mailbox);
        this.check(
          'reset 2FA',
          await this.admin.post(`${API}/mailboxes/${mailbox.address}/2fa-reset`),
        );
        return;
      case 14:
        // Dovecot's quota_clone writing usage back.
        if (mailbox === undefined) return;
        await this.t.sql.query(
          `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
           ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes`,
          [mailbox.address, r.below(3_000_000)],
        );
        return;
      default:
        return this.rename();
    }
  }

  private async patch(path: string, body: Record<string, unknown>): Promise<void> {
    this.check(`PATCH ${path}`, await this.admin.patch(path, { body }));
  }

  /** Signs in as the mailbox and confirms a TOTP factor (refusals are fine). */
  private async turnOnTwoFactor(mailbox: Mailbox): Promise<void> {
    const ip = uniqueIp();
    const login = this.check(
      'mailbox sign-in',
      await new Browser(this.t.baseUrl, ip).post(`${API}/auth/login`, {
        body: { email: mailbox.address, password: mailbox.password },
      }),
    );
    const session = cookieValue(login, 'yubin_session');
    const xsrf = cookieValue(login, 'XSRF-TOKEN');
    if (login.status !== 200 || session === undefined || xsrf === undefined) return;
    const user = new Browser(this.t.baseUrl, ip, {
      kind: 'session',
      cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`,
      xsrf,
    });
    const begin = this.check('begin TOTP', await user.post(`${API}/me/2fa/totp`));
    if (begin.status !== 200 && begin.status !== 201) return;
    const secret = (begin.body as { secret: string }).secret;
    this.check(
      'confirm TOTP',
      await user.post(`${API}/me/2fa/totp/confirm`, { body: { code: await generate({ secret }) } }),
    );
  }

  /** Renames the API does not offer, made in SQL: the tables follow any change. */
  private async rename(): Promise<void> {
    const r = this.random;
    if (r.chance(0.5)) {
      const mailbox = r.pick(this.mailboxes);
      if (mailbox === undefined) return;
      const localPart = unique('r');
      const address = `${localPart}@${mailbox.domain}`;
      const { rowCount } = await this.t.sql.query(
        `UPDATE mailbox SET local_part = $2, address = $3
          WHERE address = $1 AND deleted_at IS NULL`,
        [mailbox.address, localPart, address],
      );
      if (rowCount === 1) mailbox.address = address;
      return;
    }
    const index = r.below(this.aliasDomains.length);
    const from = this.aliasDomains[index];
    if (from === undefined) return;
    const to = uniqueDomainName();
    await this.t.sql.query(`UPDATE alias_domain SET name = $2 WHERE name = $1`, [from, to]);
    this.aliasDomains[index] = to;
  }
}

describe('the daemons’ lookup tables (ADR 0011)', () => {
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;

  beforeAll(async () => {
    // A database of its own: the migration is undone and redone below.
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_maps');
    await migrate(database.url);
    t = await startTestApp({ TRUST_PROXY: 'loopback' }, database.url);
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it(
    'answer what the views answer after random API activity, four requests at a time',
    { timeout: 600_000 },
    async () => {
      const seed = Number(process.env.MAIL_MAPS_SEED ?? randomInt(2 ** 31));
      const activity = new Activity(t, await t.superadmin(), seed);
      for (let i = 0; i < 4; i++) await activity.createDomain();
      // Compared after every round: a later write to the same domain would repair a
      // missed refresh and hide it.
      for (let round = 0; round < 40; round++) {
        await Promise.all([activity.step(), activity.step(), activity.step(), activity.step()]);
        const differences = await mapDifferences(t.sql);
        expect({ seed, round, differences }).toEqual({ seed, round, differences: [] });
      }
      expect({ seed, failures: activity.failures }).toEqual({ seed, failures: [] });
      // Every domain back on: each refreshes everything in it, and the tables fill up.
      const admin = await t.superadmin();
      for (const domain of activity.domains) {
        const response = await admin.patch(`${API}/domains/${domain}`, { body: { active: true } });
        expect(response.status).toBe(200);
      }
      expect({ seed, differences: await mapDifferences(t.sql) }).toEqual({ seed, differences: [] });
      // The comparison was of something.
      const sizes = await mapSizes(t.sql);
      expect({ seed, domains: sizes.domain_map! > 0, aliases: sizes.alias_map! > 0 }).toEqual({
        seed,
        domains: true,
        aliases: true,
      });

      // Deleting a domain takes everything in it out of every table.
      for (const domain of activity.domains.slice(0, 1)) {
        expect((await admin.delete(`${API}/domains/${domain}?force=true`)).status).toBe(204);
      }
      expect({ seed, differences: await mapDifferences(t.sql) }).toEqual({ seed, differences: [] });
    },
  );

  it('let the reader role read them, never an expired app password, and change nothing', async () => {
    const admin = await t.superadmin();
    const domain = (await admin.post(`${API}/domains`, { body: { name: uniqueDomainName() } }))
      .body as { name: string };
    const created = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
      body: { localPart: unique('u'), password: strongPassword() },
    });
    const address = (created.body as { address: string }).address;
    const app = await admin.post(`${API}/mailboxes/${address}/app-passwords`, {
      body: { name: 'laptop', protocols: ['imap'] },
    });
    expect(app.status).toBe(201);
    // Its expiry passes after the last write that refreshed the row.
    await t.sql.query(
      `UPDATE mailserver.passdb_map SET expires_at = now() - interval '1 second'
        WHERE username = $1 AND lookup_key <> ''`,
      [address],
    );
    const { rows } = await t.sql.query<{ name: string }>('SELECT current_database() AS name');
    const reader = mailRoleNames(rows[0]!.name).reader;
    const client = await t.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${reader}`);
      const seen = await client.query<{ lookup_key: string }>(
        'SELECT lookup_key FROM mailserver.passdb_map WHERE username = $1',
        [address],
      );
      expect(seen.rows).toEqual([{ lookup_key: '' }]);
      for (const statement of [
        'SELECT mailserver.rebuild_maps()',
        `DELETE FROM mailserver.passdb_map`,
        `INSERT INTO mailserver.domain_map VALUES ('x.example')`,
        'SELECT 1 FROM public.totp_factor',
      ]) {
        await client.query('SAVEPOINT s');
        await expect(client.query(statement)).rejects.toMatchObject({ code: '42501' });
        await client.query('ROLLBACK TO SAVEPOINT s');
      }
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it(
    'are rebuilt from the views by the migration, and gone with its down()',
    { timeout: 600_000 },
    async () => {
      const activity = new Activity(t, await t.superadmin(), randomInt(2 ** 31));
      for (let i = 0; i < 2; i++) await activity.createDomain();
      for (let round = 0; round < 40; round++) await activity.step();
      const before = await mapSizes(t.sql);
      expect(before.mailbox_map).toBeGreaterThan(0);
      const db = await new DataSource(dataSourceOptions(database.url, 1)).initialize();
      try {
        const at = MIGRATIONS.indexOf(migrationNamed('DaemonLookupTables1796490000000'));
        for (let i = MIGRATIONS.length - 1; i >= at; i--) {
          await db.undoLastMigration({ transaction: 'each' });
        }
        const left = await db.query<unknown[]>(
          `SELECT relname FROM pg_class
          WHERE relnamespace = 'mailserver'::regnamespace AND relname = ANY ($1)`,
          [MAP_NAMES],
        );
        expect(left).toEqual([]);
        // Written while the tables are gone: the backfill must bring it in.
        await db.query(`UPDATE mailbox SET imap_enabled = NOT imap_enabled`);
        await db.runMigrations({ transaction: 'each' });
        expect(await mapDifferences(db)).toEqual([]);
        expect((await mapSizes(db)).mailbox_map).toBe(before.mailbox_map);
      } finally {
        await db.destroy();
      }
    },
  );
});
