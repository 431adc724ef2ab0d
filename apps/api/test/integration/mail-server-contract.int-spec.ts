import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { mailRoleNames, type MailRoleNames } from '../../src/infra/database/mail-roles.js';
import { MailRolesService } from '../../src/modules/daemon-config/mail-roles.service.js';
import { dovecotQueries } from '../../src/modules/daemon-config/daemon-config.render.js';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { createDomain, createMailbox } from '../support/factory.js';
import { createDatabase, migrate, migrationNamed } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let READER: string;
let WRITER: string;
const READER_PASSWORD = 'integration-reader-0123456789';
/** The reader every database shared before each got its own (migration 1796210000000). */
const LEGACY_MAIL_READER_ROLE = 'yubin_mail_reader';

/** Runs `work` as one of the daemons' roles (SET ROLE from the test's owner connection). */
async function asRole<T>(pool: pg.Pool, role: string, work: (c: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL ROLE ${role}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function writeUsage(app: TestApp, address: string, bytes: number): Promise<void> {
  await asRole(app.sql, WRITER, (client) =>
    client.query(
      `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
       ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes`,
      [address, bytes],
    ),
  );
}

async function used(app: TestApp, path: string): Promise<number> {
  const client = await app.superadmin();
  return ((await client.get(path)).body as { usedBytes: number }).usedBytes;
}

async function quotaRule(app: TestApp, address: string): Promise<string | null | undefined> {
  const rows = await asRole(app.sql, READER, async (client) => {
    const result = await client.query<{ quota_rule: string | null }>(
      'SELECT quota_rule FROM mailserver.userdb WHERE username = $1',
      [address],
    );
    return result.rows;
  });
  return rows[0]?.quota_rule;
}

describe('the mail server contract (mailserver schema)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ MAIL_READER_PASSWORD: READER_PASSWORD });
    const { rows } = await app.sql.query<{ name: string }>('SELECT current_database() AS name');
    ({ reader: READER, quotaWriter: WRITER } = mailRoleNames(rows[0]!.name));
  });
  afterAll(async () => {
    await app.close();
  });

  it('gives the reader role the configured password as a SCRAM verifier at start', async () => {
    const { rows } = await app.sql.query<{ rolpassword: string }>(
      'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
      [READER],
    );
    const match = /^SCRAM-SHA-256\$4096:([^$]+)\$([^:]+):/.exec(rows[0]?.rolpassword ?? '');
    expect(match).not.toBeNull();
    const salted = pbkdf2Sync(
      READER_PASSWORD,
      Buffer.from(match![1]!, 'base64'),
      4096,
      32,
      'sha256',
    );
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    expect(createHash('sha256').update(clientKey).digest('base64')).toBe(match![2]);
  });

  it('copies Dovecot’s usage to the mailbox and sums live mailboxes into the domain', async () => {
    const admin = await app.superadmin();
    const domain = (await createDomain(admin)).name as string;
    const a = (await createMailbox(admin, domain)).address as string;
    const b = (await createMailbox(admin, domain)).address as string;
    await writeUsage(app, a, 1000);
    await writeUsage(app, b, 300);
    expect(await used(app, `/api/v1/mailboxes/${a}`)).toBe(1000);
    expect(await used(app, `/api/v1/domains/${domain}`)).toBe(1300);
    await writeUsage(app, a, 400);
    expect(await used(app, `/api/v1/domains/${domain}`)).toBe(700);

    // A deleted mailbox leaves the domain's sum; restored, it counts again.
    expect((await admin.delete(`/api/v1/mailboxes/${b}`)).status).toBe(204);
    expect(await used(app, `/api/v1/domains/${domain}`)).toBe(400);
    expect((await admin.post(`/api/v1/mailboxes/${b}/restore`)).status).toBe(200);
    expect(await used(app, `/api/v1/domains/${domain}`)).toBe(700);
  });

  it('caps each mailbox’s quota rule by what the domain pool has left', async () => {
    const admin = await app.superadmin();
    const unlimited = (await createDomain(admin)).name as string;
    const free = (await createMailbox(admin, unlimited, { quotaBytes: 0 })).address as string;
    const capped = (await createMailbox(admin, unlimited, { quotaBytes: 5000 })).address as string;
    expect(await quotaRule(app, free)).toBeNull();
    expect(await quotaRule(app, capped)).toBe('*:storage=5000B');

    const pooled = (await createDomain(admin, { quotaBytes: 10_000 })).name as string;
    const x = (await createMailbox(admin, pooled, { quotaBytes: 0 })).address as string;
    const y = (await createMailbox(admin, pooled, { quotaBytes: 3000 })).address as string;
    expect(await quotaRule(app, x)).toBe('*:storage=10000B');
    await writeUsage(app, x, 8000);
    // x may keep its 8000 and grow into the 2000 left; y's own 3000 is capped to 2000.
    expect(await quotaRule(app, x)).toBe('*:storage=10000B');
    expect(await quotaRule(app, y)).toBe('*:storage=2000B');
    await writeUsage(app, y, 2000);
    // The pool is full: the limit is what each already uses, never 0 (= unlimited).
    expect(await quotaRule(app, x)).toBe('*:storage=8000B');
    expect(await quotaRule(app, y)).toBe('*:storage=2000B');
    await writeUsage(app, x, 11_000);
    expect(await quotaRule(app, y)).toBe('*:storage=1B');
  });

  it('gives Dovecot each mailbox’s junk folder, inherited from its domain, through the user query only', async () => {
    const admin = await app.superadmin();
    const domain = (await createDomain(admin)).name as string;
    const plain = (await createMailbox(admin, domain)).address as string;
    const own = (await createMailbox(admin, domain)).address as string;
    /** The rendered user query as Dovecot sends it, as the reader. */
    const userdb = (address: string) =>
      asRole(app.sql, READER, async (client) => {
        const query = dovecotQueries('/var/vmail').user_query.replace('%u', address);
        return (await client.query<Record<string, string | null>>(query)).rows[0];
      });
    const folders = async (address: string) => {
      const row = await userdb(address);
      return [
        row?.sieve_env_junk_folder,
        row?.imapsieve_mailbox1_name,
        row?.imapsieve_mailbox2_from,
      ];
    };
    // No policy names a folder: the default.
    expect(await folders(plain)).toEqual(['Junk', 'Junk', 'Junk']);
    const put = async (path: string, junkFolder: string | null) =>
      expect(
        (await admin.put(`/api/v1/${path}/spam-policy`, { body: { junkFolder } })).status,
      ).toBe(200);
    await put(`domains/${domain}`, 'Spam');
    await put(`mailboxes/${own}`, 'Courrier indésirable');
    expect(await folders(plain)).toEqual(['Spam', 'Spam', 'Spam']);
    expect(await folders(own)).toEqual(Array(3).fill('Courrier indésirable'));
    await put(`mailboxes/${own}`, null);
    expect(await folders(own)).toEqual(['Spam', 'Spam', 'Spam']);
    // The reader gets the folder name through the function, never the policy table.
    await expect(
      asRole(app.sql, READER, (client) => client.query('SELECT 1 FROM public.spam_policy')),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('lets the reader read the views only, and the writer write usage only', async () => {
    await asRole(app.sql, READER, async (client) => {
      await client.query('SELECT 1 FROM mailserver.virtual_domains LIMIT 1');
    });
    for (const [role, query] of [
      [READER, 'SELECT 1 FROM public.mailbox LIMIT 1'],
      [READER, 'SELECT 1 FROM mailserver.quota_usage LIMIT 1'],
      [WRITER, 'SELECT 1 FROM mailserver.passdb LIMIT 1'],
      [WRITER, 'SELECT 1 FROM public.admin_account LIMIT 1'],
      [WRITER, 'UPDATE public.mailbox SET used_bytes = 0'],
    ] as const) {
      await expect(asRole(app.sql, role, (client) => client.query(query))).rejects.toMatchObject({
        code: '42501',
      });
    }
  });
});

describe('the mail server migration on a shared server', () => {
  it('migrates databases side by side, and down() in one leaves the roles working in another', async () => {
    const adminUrl = inject('adminDatabaseUrl');
    const first = await createDatabase(adminUrl);
    const second = await createDatabase(adminUrl);
    try {
      await Promise.all([migrate(first.url), migrate(second.url)]);
      const dataSource = await new DataSource(dataSourceOptions(first.url, 1)).initialize();
      try {
        // Back to before the mail server contract: every migration after it comes down first.
        const contractAt = MIGRATIONS.indexOf(migrationNamed('MailServerContract1796083200000'));
        for (let i = MIGRATIONS.length - 1; i >= contractAt; i--) {
          await dataSource.undoLastMigration({ transaction: 'each' });
        }
        const [row] = await dataSource.query<{ gone: boolean }[]>(
          `SELECT to_regnamespace('mailserver') IS NULL AS gone`,
        );
        expect(row?.gone).toBe(true);
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      const pool = new pg.Pool({ connectionString: second.url, max: 1 });
      try {
        const reader = mailRoleNames(new URL(second.url).pathname.slice(1)).reader;
        await asRole(pool, reader, (client) => client.query('SELECT * FROM mailserver.passdb'));
      } finally {
        await pool.end();
      }
    } finally {
      await first.drop();
      await second.drop();
    }
  });
});

describe('the mail roles of two databases on one server', () => {
  it('are each database’s own: one Yubin’s passwords and grants never touch the other’s', async () => {
    const other = await createDatabase(inject('adminDatabaseUrl'));
    await migrate(other.url);
    const first = await startTestApp({ MAIL_READER_PASSWORD: 'first-reader-0123456789' });
    const second = await startTestApp(
      { MAIL_READER_PASSWORD: 'second-reader-0123456789' },
      other.url,
    );
    try {
      const [a, b] = (await Promise.all(
        [first, second].map(async (app) => {
          const { rows } = await app.sql.query<{ name: string }>(
            'SELECT current_database() AS name',
          );
          return mailRoleNames(rows[0]!.name);
        }),
      )) as [MailRoleNames, MailRoleNames];
      expect(a.reader).not.toBe(b.reader);
      const verifier = async (role: string) =>
        (
          await first.sql.query<{ rolpassword: string }>(
            'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
            [role],
          )
        ).rows[0]?.rolpassword;
      const before = await verifier(a.reader);
      expect(before).toMatch(/^SCRAM-SHA-256\$/);
      // The second Yubin starts again (a restart, or a staging copy's first start).
      await second.app.get(MailRolesService).applyPasswords();
      expect(await verifier(a.reader)).toBe(before);
      // In the first database only its own reader reads the views; the other's and the
      // old shared role hold nothing there.
      const privileges = await first.sql.query(
        `SELECT has_table_privilege($1, 'mailserver.passdb', 'SELECT') AS own,
                has_schema_privilege($2, 'mailserver', 'USAGE') AS other,
                has_schema_privilege($3, 'mailserver', 'USAGE') AS legacy`,
        [a.reader, b.reader, LEGACY_MAIL_READER_ROLE],
      );
      expect(privileges.rows[0]).toEqual({ own: true, other: false, legacy: false });
    } finally {
      await first.close();
      await second.close();
      await other.drop();
    }
  });

  it('lets the reader read every view of the contract, so no later migration forgets it', async () => {
    const app = await startTestApp();
    try {
      const { rows } = await app.sql.query<{ name: string }>('SELECT current_database() AS name');
      const roles = mailRoleNames(rows[0]!.name);
      const views = await app.sql.query<{ view: string; readable: boolean }>(
        `SELECT c.relname AS view, has_table_privilege($1, c.oid, 'SELECT') AS readable
           FROM pg_class c WHERE c.relnamespace = 'mailserver'::regnamespace AND c.relkind = 'v'`,
        [roles.reader],
      );
      expect(views.rows.length).toBeGreaterThan(5);
      expect(views.rows.filter((view) => !view.readable)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
