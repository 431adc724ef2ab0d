import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/infra/config/app-config.js';
import { ApiClient } from './api-client.js';
import { NxdomainDns } from './nxdomain-dns.js';

export const ADMIN_EMAIL = 'root@yubin.test';
export const ADMIN_PASSWORD = 'integration-root-passphrase-7Qx';
/** A fixed key so every test app in a run can read what another sealed. */
const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  /** Direct SQL, to check what the API stored (never to set up what the API can do). */
  sql: pg.Pool;
  anonymous(): ApiClient;
  /** The bootstrap superadmin, signed in with a session. */
  superadmin(): Promise<ApiClient>;
  close(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  databaseUrl: string = inject('databaseUrl'),
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'yubin-app-'));
  // DNS verification asks a loopback server, never the system's resolver.
  const dns = env.DNS_RESOLVER === undefined ? await NxdomainDns.start() : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    // The API alone unless a spec serves a UI of its own.
    WEB_ROOT: join(dataDir, 'no-web-ui'),
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DB_POOL_SIZE: '20',
    ...(dns === undefined ? {} : { DNS_RESOLVER: dns.address }),
    ...env,
  });
  const app = await createApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as { address(): { port: number } };
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  let superadmin: Promise<ApiClient> | undefined;
  return {
    app,
    baseUrl,
    sql,
    anonymous: () => new ApiClient(baseUrl),
    superadmin: () => (superadmin ??= ApiClient.login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD)),
    close: async () => {
      await sql.end();
      await app.close();
      await dns?.close();
    },
  };
}
