import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, migrate } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Runs `work` with a connection to the server's maintenance database (never the one under test). */
async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

describe('health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports ok without authentication', async () => {
    const response = await t.anonymous().get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('reports 503 degraded while the database is unreachable, and recovers', async () => {
    const database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_health');
    const name = new URL(database.url).pathname.slice(1);
    const ident = quoteIdent(name);
    let app: TestApp | undefined;
    try {
      await migrate(database.url);
      app = await startTestApp({}, database.url);
      const before = await app.anonymous().get('/api/v1/health');
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ status: 'ok', database: 'up' });

      await asAdmin(async (admin) => {
        // CONNECTION LIMIT 0 keeps ordinary roles out, but not superusers, and the
        // embedded server's only role (and often CI's) is a superuser. ALLOW_CONNECTIONS
        // false refuses every new connection whoever the role is (as for template0),
        // so together they make the database truly unreachable for the app's pool.
        await admin.query(`ALTER DATABASE ${ident} CONNECTION LIMIT 0`);
        await admin.query(`ALTER DATABASE ${ident} ALLOW_CONNECTIONS false`);
        // Then cut the connections the pool already holds, and wait until they are gone.
        for (;;) {
          const { rows } = await admin.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
              WHERE datname = $1 AND pid <> pg_backend_pid()`,
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });

      const down = await app.anonymous().get('/api/v1/health');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/json/);
      expect(down.body).toEqual({ status: 'degraded', database: 'down' });

      await asAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE ${ident} ALLOW_CONNECTIONS true`);
        await admin.query(`ALTER DATABASE ${ident} CONNECTION LIMIT -1`);
      });
      const after = await app.anonymous().get('/api/v1/health');
      expect(after.status).toBe(200);
      expect(after.body).toEqual({ status: 'ok', database: 'up' });
    } finally {
      await asAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE ${ident} ALLOW_CONNECTIONS true`);
        await admin.query(`ALTER DATABASE ${ident} CONNECTION LIMIT -1`);
      });
      await app?.close();
      await database.drop();
    }
  });
});
