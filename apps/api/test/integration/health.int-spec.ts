import { connect } from 'node:net';
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

  it('keeps an idle keep-alive connection open longer than a proxy or client does (Node’s default 5 s did not)', async () => {
    const { port } = new URL(t.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    const replies: string[] = [];
    let closed = false;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => replies.push(chunk));
    socket.on('close', () => (closed = true));
    const ask = () =>
      socket.write(
        'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n',
      );
    await new Promise((resolve) => socket.once('connect', resolve));
    ask();
    await vi.waitFor(() => expect(replies.join('')).toMatch(/^HTTP\/1\.1 200/));
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(closed).toBe(false);
    ask();
    await vi.waitFor(() => expect(replies.join('').match(/HTTP\/1\.1 200/g)).toHaveLength(2));
    socket.destroy();
  }, 15_000);

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
