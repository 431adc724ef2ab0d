import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { mailRoleNames } from '../../src/infra/database/mail-roles.js';
import { loadConfig } from '../../src/infra/config/app-config.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres.js';
import { runMigrationsLocked } from '../../src/infra/database/migrate.js';
import { freePort } from './free-port.js';

export interface TestServer {
  /** A URL for the server's maintenance database, to create and drop databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server the integration tests use: TEST_DATABASE_URL when set (CI
 * points it at the machine's server), otherwise an embedded one in a temporary
 * directory, so `npm test` needs no database server.
 */
export async function startTestServer(): Promise<TestServer> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured !== undefined && configured !== '') {
    return { adminUrl: configured, stop: () => Promise.resolve() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'yubin-test-'));
  // The cluster runs as `postgres` when we are root: let it into the directory.
  await import('node:fs/promises').then((fs) => fs.chmod(dataDir, 0o755));
  const config = loadConfig({ DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(await freePort()) });
  const server = await startEmbeddedPostgres(config, () => undefined);
  return {
    adminUrl: server.url,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty database on the server and returns its URL and a way to drop it. */
export async function createDatabase(
  adminUrl: string,
  prefix = 'yubin_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        // Roles outlive databases: the mail roles named after this one go with it.
        const roles = mailRoleNames(name);
        await client.query(`DROP ROLE IF EXISTS ${roles.reader}, ${roles.quotaWriter}`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function migrate(url: string): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A migration by its class name, for the tests of one migration: code outside
 * migrations/ reaches them only through the ordered list in migrations/index.ts.
 */
export function migrationNamed(name: string): new () => MigrationInterface {
  const found = MIGRATIONS.find((migration) => migration.name === name);
  if (found === undefined) throw new Error(`No migration ${name} in migrations/index.ts`);
  return found;
}
