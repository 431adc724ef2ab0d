import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  MAIL_QUOTA_WRITER_ROLE,
  MAIL_READER_ROLE,
} from '../migrations/1796083200000-mail-server-contract.js';
import { loadConfig } from '../apps/api/src/infra/config/app-config.js';
import { PasswordHasher } from '../apps/api/src/infra/crypto/password-hasher.js';
import { scramSha256Verifier } from '../apps/api/src/infra/crypto/scram-verifier.js';
import { dataSourceOptions } from '../apps/api/src/infra/database/data-source-options.js';
import { resolveDatabase } from '../apps/api/src/infra/database/embedded-postgres.js';
import { runMigrationsLocked } from '../apps/api/src/infra/database/migrate.js';
import {
  dovecotQueries,
  POSTFIX_LOOKUPS,
} from '../apps/api/src/modules/daemon-config/daemon-config.render.js';
import { keys, seedForDaemons, type DaemonSeedPlan } from './daemons-seed.js';
import { positiveIntegerOption } from './options.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const MAILBOX_PASSWORD = 'benchmark-mailbox-password-7Qx';
const SERVER_SAMPLES = 1000;

/**
 * `npm run bench -- --daemons [--domains 100000] [--samples 20000] [--concurrency 4]
 *   [--login-seconds 10] [--reuse]`
 *
 * Seeds 100,000 domains with 10 mailboxes and 20 aliases each (1M mailboxes, 2M aliases)
 * and 10,000 alias domains; runs every query of the generated Postfix and Dovecot
 * configuration, as the reader role and with the daemons' own text, from `concurrency`
 * connections; shows each plan; then, as root with Dovecot installed, measures IMAP
 * logins per second with and without auth worker verification. Writes
 * bench/results-daemons.md.
 */
interface Options {
  domains: number;
  samples: number;
  concurrency: number;
  loginSeconds: number;
  loginConcurrency: number;
  reuse: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number): number =>
    positiveIntegerOption(argv, name, fallback);
  return {
    domains: value('domains', 100_000),
    samples: value('samples', 20_000),
    concurrency: value('concurrency', 4),
    loginSeconds: value('login-seconds', 10),
    loginConcurrency: value('login-concurrency', 8),
    reuse: argv.includes('--reuse'),
  };
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function random(n: number): number {
  return 1 + Math.floor(Math.random() * n);
}

/** Postfix's expansion of a lookup key into its query text: %s, %u, %d, SQL-quoted. */
function expand(template: string, key: string): string {
  const quote = (value: string) => value.replaceAll("'", "''");
  const at = key.lastIndexOf('@');
  return template
    .replaceAll('%s', quote(key))
    .replaceAll('%u', quote(key.slice(0, at)))
    .replaceAll('%d', quote(key.slice(at + 1)));
}

interface Lookup {
  name: string;
  daemon: 'Postfix' | 'Dovecot';
  /** The query as the daemon sends it for one random key that exists. */
  sample(): string;
}

function lookups(plan: DaemonSeedPlan): Lookup[] {
  const d = () => random(plan.domains);
  const m = () => random(plan.mailboxesPerDomain);
  const a = () => random(plan.aliasesPerDomain - 1);
  const ad = () => random(plan.aliasDomains);
  const postfix = POSTFIX_LOOKUPS;
  const dovecot = dovecotQueries('/var/vmail');
  const passdb = (key: string) =>
    dovecot.password_query.replaceAll('%u', key).replaceAll("'%s'", "'imap'");
  return [
    {
      name: 'virtual-mailbox-domains',
      daemon: 'Postfix',
      sample: () => expand(postfix['virtual-mailbox-domains'], keys.domain(d())),
    },
    {
      name: 'virtual-mailbox-maps',
      daemon: 'Postfix',
      sample: () => expand(postfix['virtual-mailbox-maps'], keys.mailbox(d(), m())),
    },
    {
      name: 'virtual-alias-maps (alias)',
      daemon: 'Postfix',
      sample: () => expand(postfix['virtual-alias-maps'], keys.alias(d(), a())),
    },
    {
      name: 'virtual-alias-maps (mailbox)',
      daemon: 'Postfix',
      sample: () => expand(postfix['virtual-alias-maps'], keys.mailbox(d(), m())),
    },
    {
      name: 'virtual-alias-maps (@domain)',
      daemon: 'Postfix',
      sample: () => expand(postfix['virtual-alias-maps'], `@${keys.domain(d())}`),
    },
    {
      name: 'alias-domain-maps',
      daemon: 'Postfix',
      sample: () => expand(postfix['alias-domain-maps'], `u${m()}@${keys.aliasDomain(ad())}`),
    },
    {
      name: 'alias-domain-catchall-maps',
      daemon: 'Postfix',
      sample: () =>
        expand(
          postfix['alias-domain-catchall-maps'],
          `@${keys.aliasDomain(10 * random(plan.aliasDomains / 10))}`,
        ),
    },
    {
      name: 'sender-login-maps',
      daemon: 'Postfix',
      sample: () => expand(postfix['sender-login-maps'], keys.alias(d(), a())),
    },
    {
      name: 'alias-domain-sender-login-maps',
      daemon: 'Postfix',
      sample: () =>
        expand(postfix['alias-domain-sender-login-maps'], `a${a()}@${keys.aliasDomain(ad())}`),
    },
    {
      name: 'passdb (password_query)',
      daemon: 'Dovecot',
      sample: () => passdb(keys.mailbox(d(), m())),
    },
    {
      name: 'app passwords (app_password_query)',
      daemon: 'Dovecot',
      sample: () => {
        const i = d();
        return dovecot.app_password_query
          .replaceAll('%u', keys.mailbox(i, 1))
          .replaceAll("'%s'", "'imap'")
          .replaceAll('%{sha256:password}', keys.appPasswordKey(i));
      },
    },
    {
      name: 'userdb (user_query)',
      daemon: 'Dovecot',
      sample: () => dovecot.user_query.replaceAll('%u', keys.mailbox(d(), m())),
    },
  ];
}

interface LookupResult {
  name: string;
  daemon: string;
  query: string;
  /** Planning + execution inside PostgreSQL (EXPLAIN ANALYZE), over `serverSamples` runs. */
  server: { p50: number; p99: number; planningP50: number };
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  rowsFound: number;
  samples: number;
  plan: string[];
  indexOnly: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measureLookup(
  readerUrl: string,
  lookup: Lookup,
  options: Options,
): Promise<LookupResult> {
  const clients = await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      const client = new pg.Client({ connectionString: readerUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    // Warm-up: the daemons keep their connections, and their pages are cached.
    await Promise.all(
      clients.map(async (c) => {
        for (let i = 0; i < 200; i++) await c.query(lookup.sample());
      }),
    );
    const latencies: number[] = [];
    let found = 0;
    const perClient = Math.ceil(options.samples / options.concurrency);
    const started = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (client) => {
        for (let i = 0; i < perClient; i++) {
          const text = lookup.sample();
          const t0 = process.hrtime.bigint();
          const result = await client.query(text);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if ((result.rowCount ?? 0) > 0) found++;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((x, y) => x - y);
    const example = lookup.sample();
    const [first] = clients;
    if (first === undefined) throw new Error('no connection');
    const serverTimes: number[] = [];
    const planningTimes: number[] = [];
    for (let i = 0; i < SERVER_SAMPLES; i++) {
      const { rows } = await first.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${lookup.sample()}`,
      );
      const time = (label: string) =>
        Number(
          new RegExp(`${label} Time: ([\\d.]+) ms`).exec(
            rows.map((row) => row['QUERY PLAN']).join('\n'),
          )?.[1] ?? NaN,
        );
      planningTimes.push(time('Planning'));
      serverTimes.push(time('Planning') + time('Execution'));
    }
    serverTimes.sort((x, y) => x - y);
    planningTimes.sort((x, y) => x - y);
    const plan = (
      await first.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${example}`)
    ).rows.map((row) => row['QUERY PLAN']);
    return {
      name: lookup.name,
      daemon: lookup.daemon,
      query: example,
      server: {
        p50: percentile(serverTimes, 50),
        p99: percentile(serverTimes, 99),
        planningP50: percentile(planningTimes, 50),
      },
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? 0,
      perSecond: latencies.length / seconds,
      rowsFound: found,
      samples: latencies.length,
      plan,
      indexOnly: !plan.some((line) => /Seq Scan/.test(line)),
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function startDaemon(command: string, args: string[], output: string): Promise<void> {
  const file = await open(output, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', file.fd, file.fd] });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0)
      throw new Error(`${command} exited with ${code}: ${await readFile(output, 'utf8')}`);
  } finally {
    await file.close();
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One IMAP LOGIN and LOGOUT on a fresh connection; true when the login succeeded. */
function imapLogin(port: number, user: string, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    let buffer = '';
    let state: 'greeting' | 'login' | 'logout' = 'greeting';
    let ok = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (state === 'greeting' && buffer.includes('\r\n')) {
        buffer = '';
        state = 'login';
        socket.write(`a LOGIN "${user}" "${password}"\r\n`);
      } else if (state === 'login' && /^a (OK|NO|BAD)/m.test(buffer)) {
        ok = /^a OK/m.test(buffer);
        buffer = '';
        state = 'logout';
        socket.write('b LOGOUT\r\n');
      } else if (state === 'logout' && /^b (OK|NO|BAD)/m.test(buffer)) {
        socket.end();
      }
    });
    socket.on('close', () => resolve(ok));
    socket.on('error', () => resolve(false));
  });
}

interface LoginResult {
  setting: string;
  loginsPerSecond: number;
  failures: number;
  p50: number;
  p99: number;
}

async function measureLogins(
  databaseUrl: string,
  passwords: { reader: string; writer: string },
  plan: DaemonSeedPlan,
  options: Options,
  workers: boolean,
  cache: boolean,
): Promise<LoginResult> {
  const root = await mkdtemp(join(tmpdir(), 'yubin-bench-dovecot-'));
  await chmod(root, 0o755);
  try {
    const imapPort = await freePort();
    const rendered = join(root, 'yubin');
    await run(
      process.execPath,
      [
        join(ROOT, 'dist/apps/api/src/cli/daemon-config.js'),
        '--out',
        rendered,
        '--lmtp',
        `inet:127.0.0.1:${await freePort()}`,
        '--sasl',
        `inet:127.0.0.1:${await freePort()}`,
        '--storage-dir',
        join(root, 'vmail'),
        '--storage-user',
        'mail',
        ...(workers ? [] : ['--no-auth-workers']),
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          MAIL_READER_PASSWORD: passwords.reader,
          MAIL_QUOTA_WRITER_PASSWORD: passwords.writer,
        },
      },
    );
    const { stdout: gid } = await run('id', ['-g', 'dovecot']);
    await chown(join(rendered, 'dovecot/yubin-dict-sql.conf.ext'), 0, Number(gid.trim()));
    await mkdir(join(root, 'vmail'), { mode: 0o750 });
    const { stdout: mailUid } = await run('id', ['-u', 'mail']);
    await chown(join(root, 'vmail'), Number(mailUid.trim()), Number(mailUid.trim()));
    await mkdir(join(root, 'run'));
    const conf = join(root, 'dovecot.conf');
    await writeFile(
      conf,
      `instance_name = yubin-bench-${randomBytes(3).toString('hex')}
base_dir = ${root}/run
state_dir = ${root}/run
protocols = imap lmtp
listen = 127.0.0.1
log_path = ${root}/dovecot.log
ssl = no
disable_plaintext_auth = no
first_valid_uid = 1
postmaster_address = postmaster@bench.test
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
!include ${rendered}/dovecot/yubin.conf
${cache ? '# Bench variant: a credential cache (not what Yubin ships).\nauth_cache_size = 10M\nauth_cache_ttl = 1 hour\n' : ''}`,
    );
    await startDaemon('dovecot', ['-c', conf], join(root, 'start.log'));
    try {
      // With a cache, the same 50 users log in again and again (webmail-like); without
      // one, anyone of the million.
      const user = cache
        ? () => keys.mailbox(random(5), random(plan.mailboxesPerDomain))
        : () => keys.mailbox(random(plan.domains), random(plan.mailboxesPerDomain));
      // Warm-up: processes forked, connections open.
      await Promise.all(
        Array.from({ length: options.loginConcurrency }, () =>
          imapLogin(imapPort, user(), MAILBOX_PASSWORD),
        ),
      );
      const latencies: number[] = [];
      let failures = 0;
      const deadline = Date.now() + options.loginSeconds * 1000;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: options.loginConcurrency }, async () => {
          while (Date.now() < deadline) {
            const t0 = process.hrtime.bigint();
            const ok = await imapLogin(imapPort, user(), MAILBOX_PASSWORD);
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            if (!ok) failures++;
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      latencies.sort((x, y) => x - y);
      return {
        setting: `auth_cache_verify_password_with_worker = ${workers ? 'yes' : 'no'}${cache ? ', auth_cache_size = 10M (50 users)' : ' (no cache: as shipped)'}`,
        loginsPerSecond: (latencies.length - failures) / seconds,
        failures,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      };
    } finally {
      await run('doveadm', ['-c', conf, 'stop']).catch(() => undefined);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
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
  const server = await resolveDatabase(config, log);
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
  };
  for (const [role, password] of [
    [MAIL_READER_ROLE, passwords.reader],
    [MAIL_QUOTA_WRITER_ROLE, passwords.writer],
  ] as const) {
    const { rows } = await sql.query<{ statement: string }>(
      `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS statement`,
      [role, scramSha256Verifier(password)],
    );
    const statement = rows[0]?.statement;
    if (statement === undefined) throw new Error('format() returned nothing');
    await sql.query(statement);
  }
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
  await sql.end();

  const readerUrl = new URL(databaseUrl);
  readerUrl.username = MAIL_READER_ROLE;
  readerUrl.password = passwords.reader;
  const results: LookupResult[] = [];
  for (const lookup of lookups(plan)) {
    log(`Lookup: ${lookup.name}`);
    const result = await measureLookup(readerUrl.toString(), lookup, options);
    log(
      `  server p50 ${result.server.p50.toFixed(3)} ms, p99 ${result.server.p99.toFixed(3)} ms (planning p50 ${result.server.planningP50.toFixed(3)}); client p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms, ${result.perSecond.toFixed(0)}/s, found ${result.rowsFound}/${result.samples}, ${result.indexOnly ? 'index scans only' : 'SEQ SCAN'}`,
    );
    results.push(result);
  }

  const logins: LoginResult[] = [];
  const dovecotReady = userInfo().uid === 0 && existsSync('/usr/sbin/dovecot');
  if (dovecotReady) {
    for (const [workers, cache] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      log(`IMAP logins, workers ${workers ? 'yes' : 'no'}, cache ${cache ? 'on' : 'off'}`);
      const result = await measureLogins(databaseUrl, passwords, plan, options, workers, cache);
      log(
        `  ${result.loginsPerSecond.toFixed(1)} logins/s, p50 ${result.p50.toFixed(0)} ms, failures ${result.failures}`,
      );
      logins.push(result);
    }
  } else {
    log(
      'IMAP logins skipped: run as root with Dovecot installed (scripts/install-mail-daemons.sh).',
    );
  }
  await server.stop();

  const load = { before: loadBefore, after: loadavg()[0] ?? 0 };
  const report = renderReport(options, plan, totals, pgVersion, seedSeconds, results, logins, load);
  const out = new URL('../../bench/results-daemons.md', import.meta.url);
  await writeFile(out, report);
  log(`Wrote ${out.pathname}`);
}

function renderReport(
  options: Options,
  plan: DaemonSeedPlan,
  totals: { domains: string; mailboxes: string; aliases: string; alias_domains: string },
  pgVersion: string,
  seedSeconds: number | undefined,
  results: LookupResult[],
  logins: LoginResult[],
  load: { before: number; after: number },
): string {
  const n = (value: string) => Number(value).toLocaleString('en');
  const ms = (value: number) => value.toFixed(3);
  const lookupRows = results.map(
    (r) =>
      `| ${r.daemon} | ${r.name} | ${ms(r.server.p50)} | ${ms(r.server.p99)} | ${ms(r.server.planningP50)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.perSecond.toFixed(0)} | ${r.rowsFound}/${r.samples} | ${r.indexOnly ? 'yes' : '**no**'} |`,
  );
  const loginRows = logins.map(
    (l) =>
      `| ${l.setting} | ${l.loginsPerSecond.toFixed(1)} | ${l.p50.toFixed(0)} | ${l.p99.toFixed(0)} | ${l.failures} |`,
  );
  const plans = results
    .map(
      (r) =>
        `### ${r.daemon}: ${r.name}\n\n\`\`\`sql\n${r.query}\n\`\`\`\n\n\`\`\`\n${r.plan.join('\n')}\n\`\`\``,
    )
    .join('\n\n');
  return `# Mail daemon lookups benchmark

Run with \`npm run bench -- --daemons --domains ${options.domains} --samples ${options.samples} --concurrency ${options.concurrency}\` on ${new Date().toISOString().slice(0, 10)}.

- Data: ${n(totals.domains)} domains, ${n(totals.mailboxes)} mailboxes (${plan.mailboxesPerDomain} a domain), ${n(totals.aliases)} aliases (${plan.aliasesPerDomain} a domain; every tenth domain's last one is its catch-all), ${n(totals.alias_domains)} alias domains.${seedSeconds === undefined ? '' : ` Seeded in ${seedSeconds.toFixed(0)} s.`}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}, PostgreSQL ${pgVersion}; client and server share it. One-minute load average ${load.before.toFixed(1)} before and ${load.after.toFixed(1)} after the run (other work on the machine shows here).
- Each query is the text Postfix or Dovecot sends (the generated configuration's template with a random existing key), run as \`yubin_mail_reader\` from ${options.concurrency} connections, ${options.samples.toLocaleString('en')} times after a warm-up. *Server* is PostgreSQL's own planning plus execution time for the same text (EXPLAIN ANALYZE, ${SERVER_SAMPLES} random keys, one connection); the daemons send plain text, so every lookup is planned. *Client* is a full loopback round trip under ${options.concurrency}-way concurrency.

| Daemon | Lookup | server p50 ms | server p99 ms | of which planning (p50) | client p50 ms | client p99 ms | queries/s | rows found | index scans only |
|---|---|---|---|---|---|---|---|---|---|
${lookupRows.join('\n')}

## IMAP logins per second

${
  logins.length === 0
    ? 'Not measured (needs root and Dovecot).'
    : `Dovecot 2.3 with the generated configuration (SQL passdb and userdb, argon2id m=32 MiB t=3 p=1; shipped without a credential cache, the last two rows add one), ${options.loginConcurrency} concurrent clients each doing connect, LOGIN, LOGOUT for ${options.loginSeconds} s.

| Setting | logins/s | p50 ms | p99 ms | failures |
|---|---|---|---|---|
${loginRows.join('\n')}`
}

## Query plans

${plans}
`;
}
