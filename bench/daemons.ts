import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadavg, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { mailRoleNames } from '../apps/api/src/infra/database/mail-roles.js';
import { loadConfig } from '../apps/api/src/infra/config/app-config.js';
import { PasswordHasher } from '../apps/api/src/infra/crypto/password-hasher.js';
import { scramSha256Verifier } from '../apps/api/src/infra/crypto/scram-verifier.js';
import { dataSourceOptions } from '../apps/api/src/infra/database/data-source-options.js';
import { resolveDatabase } from '../apps/api/src/infra/database/embedded-postgres.js';
import { runMigrationsLocked } from '../apps/api/src/infra/database/migrate.js';
import { BASELINE_ROLE, BASELINE_SCHEMA, buildBaseline } from './daemons-baseline.js';
import { measureLogins, type LoginResult } from './daemons-logins.js';
import { lookups } from './daemons-lookups.js';
import { measureLookups, serverTimes, type Protocol } from './daemons-measure.js';
import { renderDaemonReport } from './daemons-report.js';
import { seedForDaemons, type DaemonSeedPlan } from './daemons-seed.js';
import { positiveIntegerOption } from './options.js';

const MAILBOX_PASSWORD = 'benchmark-mailbox-password-7Qx';

/**
 * `npm run bench -- --daemons [--domains 100000] [--samples 4000] [--rounds 10]
 *   [--server-samples 200] [--login-seconds 10] [--no-logins] [--reuse]
 *   [--shared-buffers-mb 8192]`
 *
 * Seeds 100,000 domains with 10 mailboxes and 20 aliases each (1M mailboxes, 2M aliases)
 * and 10,000 alias domains, and copies the same data into PostfixAdmin's documented layout
 * (bench/daemons-baseline.ts). Then asks every question Postfix and Dovecot ask, with
 * Yubin's generated queries as the reader role and PostfixAdmin's documented ones,
 * alternating between the two in one run, client-side: literal SQL over the simple
 * protocol as the daemons send it and prepared statements as the floor, from 1 connection
 * and from 8, with `SELECT 1` as the noise floor. EXPLAIN ANALYZE explains where the time
 * goes. Then, as root with Dovecot installed, measures IMAP logins per second. Writes
 * bench/results-daemons.md.
 */
export interface DaemonBenchOptions {
  domains: number;
  samples: number;
  rounds: number;
  serverSamples: number;
  loginSeconds: number;
  loginConcurrency: number;
  logins: boolean;
  reuse: boolean;
  sharedBuffersMb: number;
}

export const CONNECTION_COUNTS = [1, 8];
const PROTOCOLS: Protocol[] = ['simple', 'prepared'];

function parseOptions(argv: string[]): DaemonBenchOptions {
  const value = (name: string, fallback: number): number =>
    positiveIntegerOption(argv, name, fallback);
  return {
    domains: value('domains', 100_000),
    samples: value('samples', 4000),
    rounds: value('rounds', 10),
    serverSamples: value('server-samples', 200),
    loginSeconds: value('login-seconds', 10),
    loginConcurrency: value('login-concurrency', 8),
    logins: !argv.includes('--no-logins'),
    reuse: argv.includes('--reuse'),
    sharedBuffersMb: value('shared-buffers-mb', 8192),
  };
}

/** Reads every table and index of both layouts into shared buffers, so no round starts cold. */
async function prewarm(sql: pg.Client): Promise<void> {
  await sql.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  const { rows } = await sql.query<{ relations: number; megabytes: number; buffers: string }>(
    `SELECT count(*)::int AS relations,
            (sum(pg_prewarm(c.oid)) * current_setting('block_size')::int / 1048576)::int AS megabytes,
            current_setting('shared_buffers') AS buffers
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'i', 'm')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  const [warm] = rows;
  if (warm !== undefined)
    log(
      `Prewarmed ${warm.relations} relations, ${warm.megabytes.toLocaleString('en')} MB, into ${warm.buffers} of shared buffers.`,
    );
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function setRolePassword(sql: pg.Client, role: string, password: string): Promise<void> {
  const { rows } = await sql.query<{ statement: string }>(
    `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS statement`,
    [role, scramSha256Verifier(password)],
  );
  const statement = rows[0]?.statement;
  if (statement === undefined) throw new Error('format() returned nothing');
  await sql.query(statement);
}

export async function runDaemonBenchmark(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const loadBefore = loadavg()[0] ?? 0;
  const plan: DaemonSeedPlan = {
    domains: options.domains,
    mailboxesPerDomain: 10,
    aliasesPerDomain: 20,
    aliasDomains: Math.max(10, Math.floor(options.domains / 10)),
  };
  const base = loadConfig();
  const config = loadConfig({ ...process.env, DATA_DIR: join(base.dataDir, 'bench') });
  // A mail server's lookup tables live in memory; with the stock 128 MB of shared buffers
  // every random key would be a first read from disk, for both layouts alike.
  const server = await resolveDatabase(config, log, {
    shared_buffers: `${options.sharedBuffersMb}MB`,
  });
  const name = `yubin_bench_daemons_${options.domains}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const exists =
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (exists && !options.reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  if (!exists || !options.reuse) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, 2)).initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();

  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const passwords = {
    reader: randomBytes(20).toString('hex'),
    writer: randomBytes(20).toString('hex'),
    baseline: randomBytes(20).toString('hex'),
  };
  const roles = mailRoleNames(name);
  await setRolePassword(sql, roles.reader, passwords.reader);
  await setRolePassword(sql, roles.quotaWriter, passwords.writer);
  let seedSeconds: number | undefined;
  const count = await sql.query<{ n: string }>('SELECT count(*) AS n FROM mailbox');
  if (Number(count.rows[0]?.n) === 0) {
    log(
      `Seeding ${options.domains.toLocaleString('en')} domains, ${(options.domains * plan.mailboxesPerDomain).toLocaleString('en')} mailboxes, ${(options.domains * plan.aliasesPerDomain).toLocaleString('en')} aliases ...`,
    );
    const hash = await new PasswordHasher(config).hash(MAILBOX_PASSWORD);
    seedSeconds = await seedForDaemons(sql, plan, hash, log);
    log(`Seeded in ${seedSeconds.toFixed(0)} s`);
  }
  const baselineBuilt =
    (
      await sql.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [
        BASELINE_SCHEMA,
      ])
    ).rowCount === 1;
  if (!baselineBuilt || seedSeconds !== undefined) {
    log('Copying the same data into the PostfixAdmin layout ...');
    const seconds = await buildBaseline(sql, scramSha256Verifier(passwords.baseline));
    log(`  done in ${seconds.toFixed(0)} s`);
  } else {
    await setRolePassword(sql, BASELINE_ROLE, passwords.baseline);
  }
  const [totals] = (
    await sql.query<{ domains: string; mailboxes: string; aliases: string; alias_domains: string }>(
      `SELECT (SELECT count(*) FROM domain) AS domains, (SELECT count(*) FROM mailbox) AS mailboxes,
              (SELECT count(*) FROM alias) AS aliases, (SELECT count(*) FROM alias_domain) AS alias_domains`,
    )
  ).rows;
  if (totals === undefined) throw new Error('no totals');
  const pgVersion =
    (await sql.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ??
    '?';
  await prewarm(sql);
  await sql.end();

  const readerUrl = new URL(databaseUrl);
  readerUrl.username = roles.reader;
  readerUrl.password = passwords.reader;
  const baselineUrl = new URL(databaseUrl);
  baselineUrl.username = BASELINE_ROLE;
  baselineUrl.password = passwords.baseline;
  baselineUrl.searchParams.set('options', `-c search_path=${BASELINE_SCHEMA}`);
  const urls = { yubin: readerUrl.toString(), baseline: baselineUrl.toString() };
  const all = lookups(plan, MAILBOX_PASSWORD);

  log('Client-side, alternating Yubin and the PostfixAdmin layout:');
  const cells = await measureLookups(
    urls,
    all,
    {
      samples: options.samples,
      rounds: options.rounds,
      connectionCounts: CONNECTION_COUNTS,
      protocols: PROTOCOLS,
    },
    log,
  );
  log('Server-side (EXPLAIN ANALYZE) ...');
  const server_ = await serverTimes(urls, all, options.serverSamples);

  const logins: LoginResult[] = [];
  const dovecotReady = userInfo().uid === 0 && existsSync('/usr/sbin/dovecot');
  if (options.logins && dovecotReady) {
    for (const [workers, cache] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      log(`IMAP logins, workers ${workers ? 'yes' : 'no'}, cache ${cache ? 'on' : 'off'}`);
      const result = await measureLogins(
        databaseUrl,
        passwords,
        plan,
        { ...options, password: MAILBOX_PASSWORD },
        workers,
        cache,
      );
      log(
        `  ${result.loginsPerSecond.toFixed(1)} logins/s, p50 ${result.p50.toFixed(0)} ms, failures ${result.failures}`,
      );
      logins.push(result);
    }
  } else {
    log('IMAP logins skipped (--no-logins, or not root with Dovecot installed).');
  }
  await server.stop();

  const report = renderDaemonReport({
    options,
    plan,
    totals,
    pgVersion,
    seedSeconds,
    lookups: all,
    cells,
    server: server_,
    logins,
    load: { before: loadBefore, after: loadavg()[0] ?? 0 },
  });
  const out = new URL('../../bench/results-daemons.md', import.meta.url);
  await writeFile(out, report);
  log(`Wrote ${out.pathname}`);
}
