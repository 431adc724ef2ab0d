// Starts the built Yubin (API + UI at /) on a fresh, empty database for the Playwright
// suite: a new database on TEST_DATABASE_URL's server when set (CI), otherwise the
// embedded PostgreSQL in a new data directory. Playwright stops it with SIGTERM.
// DNS verification asks Knot on loopback (support/knot.mjs), never the machine's resolver.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { knotPort, startKnot } from './knot.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const port = process.env.E2E_WEB_PORT ?? '3217';
const env = {
  ...process.env,
  HOST: '127.0.0.1',
  PORT: port,
  BOOTSTRAP_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL ?? 'admin@yubin.test',
  BOOTSTRAP_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-passphrase-Kq7',
  SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
  LOG_LEVEL: 'warn',
};
const cleanups = [];

const dns = await startKnot(knotPort(port));
env.DNS_RESOLVER = dns.address;
cleanups.push(() => dns.stop());

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl !== undefined && adminUrl !== '') {
  const name = `yubin_e2e_web_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Databases of earlier runs that were not stopped cleanly.
  const stale = await admin.query(
    "SELECT datname FROM pg_database WHERE datname LIKE 'yubin_e2e_web_%'",
  );
  for (const row of stale.rows)
    await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
} else {
  const dataDir = join(root, 'data', `e2e-web-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  env.DATA_DIR = dataDir;
  env.EMBEDDED_DB_PORT = process.env.E2E_EMBEDDED_DB_PORT ?? '54339';
  delete env.DATABASE_URL;
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
}

const child = spawn(
  process.execPath,
  ['--enable-source-maps', join(root, 'dist/apps/api/src/main.js')],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  for (const cleanup of cleanups) await cleanup();
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
child.on('exit', (code) => void stop(code ?? 1));
