import pg from 'pg';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createDatabase, migrate, migrationNamed } from '../support/test-database.js';

/**
 * Finding 5 of the security review: an address signs in as a mailbox or as a standalone
 * admin account, never both, whatever the order or concurrency of the requests.
 */

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const API = '/api/v1';

/** `{ "201": 1, "409 SIGN_IN_ADDRESS_TAKEN": 49 }`: what a batch of responses came to. */
function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const code = response.status >= 400 ? ` ${String(response.body?.code)}` : '';
    counts[`${response.status}${code}`] = (counts[`${response.status}${code}`] ?? 0) + 1;
  }
  return counts;
}

describe('one sign-in namespace for mailboxes and standalone admin accounts', () => {
  let t: TestApp;
  /** A second API process on the same database. */
  let other: TestApp;
  let admin: ApiClient;
  let otherAdmin: ApiClient;
  let domain: string;

  beforeAll(async () => {
    t = await startTestApp(CHEAP_HASHING);
    other = await startTestApp(CHEAP_HASHING);
    admin = await t.superadmin();
    otherAdmin = await other.superadmin();
    domain = (await createDomain(admin)).name as string;
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  async function identitiesAt(address: string): Promise<{ mailboxes: number; standalone: number }> {
    const result = await t.sql.query<{ mailboxes: string; standalone: string }>(
      `SELECT (SELECT count(*) FROM mailbox WHERE address = $1 AND deleted_at IS NULL) AS mailboxes,
              (SELECT count(*) FROM admin_account WHERE email = $1 AND mailbox_id IS NULL) AS standalone`,
      [address],
    );
    const row = result.rows[0]!;
    return { mailboxes: Number(row.mailboxes), standalone: Number(row.standalone) };
  }

  function createStandalone(client: ApiClient, email: string, password = strongPassword()) {
    return client.post(`${API}/admins`, {
      body: { email, role: 'helpdesk', domains: [domain], password },
    });
  }

  it('refuses a mailbox where a standalone admin account signs in, with 409 SIGN_IN_ADDRESS_TAKEN', async () => {
    const localPart = unique('boss');
    const address = `${localPart}@${domain}`;
    const password = strongPassword();
    expect((await createStandalone(admin, address, password)).status).toBe(201);
    const mailbox = await admin.post(`${API}/domains/${domain}/mailboxes`, {
      body: { localPart, password: strongPassword() },
    });
    expectProblem(mailbox, 409, 'SIGN_IN_ADDRESS_TAKEN');
    expect(await identitiesAt(address)).toEqual({ mailboxes: 0, standalone: 1 });
    const login = await t
      .anonymous()
      .post(`${API}/auth/login`, { body: { email: address, password } });
    expect(login.body.user).toMatchObject({ kind: 'admin', role: 'helpdesk' });
  });

  it('refuses a standalone admin account where a mailbox signs in, with 409 SIGN_IN_ADDRESS_TAKEN', async () => {
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    const address = mailbox.address as string;
    expectProblem(await createStandalone(admin, address), 409, 'SIGN_IN_ADDRESS_TAKEN');
    expect(await identitiesAt(address)).toEqual({ mailboxes: 1, standalone: 0 });
    // Granting the mailbox a role is still how its owner becomes an admin.
    const granted = await admin.post(`${API}/admins`, {
      body: { email: address, role: 'helpdesk', domains: [domain] },
    });
    expect(granted.status).toBe(201);
    expect(granted.body.kind).toBe('mailbox');
    const login = await t
      .anonymous()
      .post(`${API}/auth/login`, { body: { email: address, password } });
    expect(login.body.user).toMatchObject({ kind: 'mailbox', role: 'helpdesk' });
  });

  it('refuses to restore a mailbox whose address a standalone admin account took meanwhile', async () => {
    const mailbox = await createMailbox(admin, domain);
    const address = mailbox.address as string;
    expect((await admin.delete(`${API}/mailboxes/${address}`)).status).toBe(204);
    expect((await createStandalone(admin, address)).status).toBe(201);
    expectProblem(
      await admin.post(`${API}/mailboxes/${address}/restore`),
      409,
      'SIGN_IN_ADDRESS_TAKEN',
    );
    expect(await identitiesAt(address)).toEqual({ mailboxes: 0, standalone: 1 });
  });

  it('lets exactly one of 60 racing creates of a mailbox and an admin account at one address win, across two processes', async () => {
    for (let round = 0; round < 2; round++) {
      const localPart = unique('race');
      const address = `${localPart}@${domain}`;
      const requests = Array.from({ length: 60 }, (_, i) => {
        const client = i % 4 < 2 ? admin : otherAdmin;
        return i % 2 === 0
          ? client.post(`${API}/domains/${domain}/mailboxes`, {
              body: { localPart, password: strongPassword() },
            })
          : createStandalone(client, address);
      });
      const responses = await Promise.all(requests);
      const counts = tally(responses);
      expect(counts['201'], JSON.stringify(counts)).toBe(1);
      expect(
        responses.every((r) => r.status === 201 || r.status === 409),
        JSON.stringify(counts),
      ).toBe(true);
      const winner = responses.find((r) => r.status === 201)!;
      const identities = await identitiesAt(address);
      expect(identities.mailboxes + identities.standalone).toBe(1);
      // The losers of the other kind are told the address is taken; those of the same kind, that it exists.
      const winnerIsMailbox = 'address' in winner.body;
      expect(identities).toEqual(
        winnerIsMailbox ? { mailboxes: 1, standalone: 0 } : { mailboxes: 0, standalone: 1 },
      );
      for (const [key, count] of Object.entries(counts)) {
        if (key === '201') continue;
        expect(
          [
            '409 SIGN_IN_ADDRESS_TAKEN',
            winnerIsMailbox ? '409 MAILBOX_EXISTS' : '409 ADMIN_EXISTS',
          ],
          `${key}: ${count}`,
        ).toContain(key);
      }
    }
  });
});

describe('the migration to one sign-in namespace', () => {
  it('removes a standalone admin account squatting a live mailbox’s address, audited, and keeps the rest', async () => {
    const database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_sign_in');
    const dataSource = await new DataSource(dataSourceOptions(database.url, 1)).initialize();
    const sql = new pg.Client({ connectionString: database.url });
    try {
      await migrate(database.url);
      const migration = new (migrationNamed('SignInAddress1796200000000'))();
      const runner = dataSource.createQueryRunner();
      await migration.down(runner);
      await sql.connect();
      const domain = await sql.query<{ id: string }>(
        `INSERT INTO domain (name) VALUES ('b.example') RETURNING id`,
      );
      const domainId = domain.rows[0]!.id;
      for (const localPart of ['boss', 'gone']) {
        await sql.query(
          `INSERT INTO mailbox (domain_id, local_part, address, password_hash, deleted_at)
           VALUES ($1, $2::varchar, $2::varchar || '@b.example', '{ARGON2ID}x', $3)`,
          [domainId, localPart, localPart === 'gone' ? new Date() : null],
        );
      }
      for (const email of ['boss@b.example', 'gone@b.example', 'ops@elsewhere.example']) {
        await sql.query(
          `INSERT INTO admin_account (email, role, password_hash) VALUES ($1, 'superadmin', '{ARGON2ID}x')`,
          [email],
        );
      }
      await migration.up(runner);
      await runner.release();

      const admins = await sql.query<{ email: string }>(
        'SELECT email FROM admin_account ORDER BY email',
      );
      expect(admins.rows.map((row) => row.email)).toEqual([
        'gone@b.example',
        'ops@elsewhere.example',
      ]);
      const claims = await sql.query<{ address: string; kind: string }>(
        `SELECT address, CASE WHEN mailbox_id IS NULL THEN 'admin' ELSE 'mailbox' END AS kind
           FROM sign_in_address ORDER BY address`,
      );
      expect(claims.rows).toEqual([
        { address: 'boss@b.example', kind: 'mailbox' },
        { address: 'gone@b.example', kind: 'admin' },
        { address: 'ops@elsewhere.example', kind: 'admin' },
      ]);
      const audit = await sql.query<{ action: string; target_id: string }>(
        `SELECT action, target_id FROM audit_event WHERE actor_type = 'system' AND target_type = 'admin'`,
      );
      expect(audit.rows).toEqual([{ action: 'admin.delete', target_id: 'boss@b.example' }]);
    } finally {
      await sql.end().catch(() => undefined);
      await dataSource.destroy();
      await database.drop();
    }
  });
});
