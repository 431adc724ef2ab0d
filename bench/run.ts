import { spawnSync } from 'node:child_process';
import 'reflect-metadata';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { format, resolveConfig } from 'prettier';
import { createApp } from '../apps/api/src/app/create-app.js';
import { encodeCursor } from '../apps/api/src/common/pagination/cursor.js';
import { loadConfig } from '../apps/api/src/infra/config/app-config.js';
import { resolveDatabase } from '../apps/api/src/infra/database/embedded-postgres.js';
import { PasswordHasher } from '../apps/api/src/infra/crypto/password-hasher.js';
import { runScenario, type ScenarioResult } from './load.js';
import { runDaemonBenchmark } from './daemons.js';
import { runSpamMapsBenchmark } from './spam-maps.js';
import { BIG_DOMAIN, seed, type SeedResult } from './seed.js';
import { measureMailboxList, percentile, type WebBenchResult } from './web.js';
import { positiveIntegerOption } from './options.js';

/**
 * `npm run bench -- [--mailboxes 100000] [--seconds 10] [--concurrency 8] [--reuse]`
 * `npm run bench -- --web [--mailboxes 200000] [--runs 10]`
 *
 * Seeds a fresh database (on DATABASE_URL's server, or the embedded one under
 * DATA_DIR/bench), starts Yubin in this process and measures the directory API from a
 * loopback client. Writes bench/results.md.
 *
 * With `--spam-maps`, measures Rspamd's map endpoints (bench/spam-maps.ts). With
 * `--spam-delivery`, SMTP-to-IMAP delivery with and without Rspamd, and how long a sender
 * rule takes to be enforced, in the mail suite's stack (e2e/mail/spam-delivery.mail-bench.ts).
 * With `--dkim-signing`, what an authenticated submission pays for DKIM signing with Rspamd
 * (as shipped) and with OpenDKIM reading its keys from PostgreSQL, against no signing, in
 * the same stack (e2e/mail/dkim-signing.mail-bench.ts; writes bench/results-dkim-signing.md).
 * With `--daemons`, measures the mail daemons' lookups and IMAP logins instead
 * (bench/daemons.ts). With `--web`, measures the built UI: how long the mailbox list of
 * the big domain (half the mailboxes: 100,000 by default) takes to show its first page
 * in Chromium. Writes bench/web-results.md.
 */

interface Options {
  mailboxes: number;
  seconds: number;
  concurrency: number;
  reuse: boolean;
  web: boolean;
  runs: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number): number =>
    positiveIntegerOption(argv, name, fallback);
  const web = argv.includes('--web');
  return {
    mailboxes: value('mailboxes', web ? 200_000 : 100_000),
    seconds: value('seconds', 10),
    concurrency: value('concurrency', 8),
    reuse: argv.includes('--reuse'),
    web,
    runs: value('runs', 10),
  };
}

/** The benchmarks that run in the mail suite's stack (the `mail-bench` project), one file each. */
const MAIL_BENCHES = [
  { flag: '--spam-delivery', file: 'e2e/mail/spam-delivery.mail-bench.ts' },
  { flag: '--dkim-signing', file: 'e2e/mail/dkim-signing.mail-bench.ts' },
];

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function prepareDatabase(
  options: Options,
): Promise<{ url: string; seeded: SeedResult | undefined; stop(): Promise<void> }> {
  const base = loadConfig();
  const config = loadConfig({ ...process.env, DATA_DIR: join(base.dataDir, 'bench') });
  const server = await resolveDatabase(config, log);
  const database = `yubin_bench_${options.mailboxes}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const exists =
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
  if (exists && !options.reuse) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
  if (!exists || !options.reuse) await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return { url: url.toString(), seeded: undefined, stop: () => server.stop() };
}

async function main(): Promise<void> {
  const mailBench = MAIL_BENCHES.find((bench) => process.argv.includes(bench.flag));
  if (mailBench !== undefined) {
    // In the mail suite's stack of real daemons: only this benchmark's file.
    const vitest = spawnSync('npx', ['vitest', 'run', '--project', 'mail-bench', mailBench.file], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    process.exitCode = vitest.status ?? 1;
    return;
  }
  if (process.argv.includes('--spam-maps')) {
    await runSpamMapsBenchmark(process.argv.slice(2));
    return;
  }
  if (process.argv.includes('--daemons')) {
    await runDaemonBenchmark(process.argv.slice(2));
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  log(`Benchmark with ${options.mailboxes.toLocaleString('en')} mailboxes`);
  const database = await prepareDatabase(options);
  const config = loadConfig({
    ...process.env,
    BOOTSTRAP_ADMIN_EMAIL: 'bench@yubin.test',
    BOOTSTRAP_ADMIN_PASSWORD: 'benchmark-admin-passphrase',
    SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '20',
  });
  const app = await createApp(config, database.url);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer() as { address(): { port: number } }).address().port;
  const base = `http://127.0.0.1:${port}/api/v1`;

  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  let seeded = database.seeded;
  const count = await sql.query<{ n: string }>('SELECT count(*) AS n FROM mailbox');
  if (Number(count.rows[0]?.n) === 0) {
    log('Seeding ...');
    const hash = await app.get(PasswordHasher).hash('benchmark-mailbox-password');
    seeded = await seed(sql, { mailboxes: options.mailboxes }, hash, log);
    log(
      `Seeded ${seeded.mailboxes.toLocaleString('en')} mailboxes in ${seeded.domains.toLocaleString('en')} domains in ${seeded.seconds.toFixed(1)} s`,
    );
  }

  if (options.web) {
    const big = await sql.query<{ n: number }>(
      'SELECT mailbox_count AS n FROM domain WHERE name = $1',
      [BIG_DOMAIN],
    );
    await sql.end();
    log(`Measuring the web UI: mailbox list of ${BIG_DOMAIN} in Chromium ...`);
    const result = await measureMailboxList({
      origin: `http://127.0.0.1:${port}`,
      webRoot: config.webRoot,
      email: 'bench@yubin.test',
      password: 'benchmark-admin-passphrase',
      domain: BIG_DOMAIN,
      mailboxes: big.rows[0]?.n ?? 0,
      runs: options.runs,
    });
    await app.close();
    await database.stop();
    const report = renderWebReport(options, result);
    const out = new URL('../../bench/web-results.md', import.meta.url);
    await writeFile(out, await asMarkdown(report, out));
    log(report);
    log(`Wrote ${out.pathname}`);
    return;
  }

  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@yubin.test', password: 'benchmark-admin-passphrase' }),
  });
  const cookies = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookies)?.[1] ?? '';
  const tokenResponse = await fetch(`${base}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies, 'x-xsrf-token': xsrf },
    body: JSON.stringify({
      name: `bench ${Date.now()}`,
      scopes: ['domains:read', 'mailboxes:write'],
    }),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const big = (
    await sql.query<{ id: string; n: number }>(
      'SELECT id, mailbox_count AS n FROM domain WHERE name = $1',
      [BIG_DOMAIN],
    )
  ).rows[0];
  if (big === undefined) throw new Error(`no domain ${BIG_DOMAIN}`);
  const bigMailboxes = big.n;
  const bigDomainId = big.id;
  // userN exist for N up to the seeded half; earlier runs may have added others.
  const seededBig = Math.ceil(options.mailboxes / 2);
  const deep = await sql.query<{ address: string; id: string }>(
    `SELECT m.address, m.id FROM mailbox m JOIN domain d ON d.id = m.domain_id
      WHERE d.name = $1 AND m.deleted_at IS NULL AND m.address LIKE 'user1%'
      ORDER BY m.address, m.id OFFSET $2 LIMIT 1`,
    [BIG_DOMAIN, Math.floor(bigMailboxes * 0.11 * 0.8)],
  );
  const deepRow = deep.rows[0];
  if (deepRow === undefined) throw new Error('no row for the deep cursor');
  const deepCursor = encodeCursor({ sort: 'address', value: deepRow.address, id: deepRow.id });

  const scenario = { seconds: options.seconds, warmupSeconds: 2, concurrency: options.concurrency };
  const results: ScenarioResult[] = [];
  const run = async (
    name: string,
    expectStatus: number,
    request: (i: number) => Promise<Response>,
  ): Promise<void> => {
    log(`Running: ${name}`);
    const result = await runScenario(name, { ...scenario, expectStatus }, request);
    log(
      `  ${result.requestsPerSecond.toFixed(0)} req/s, server p95 ${result.server?.p95.toFixed(2)} ms, errors ${result.errors} ${JSON.stringify(result.errorStatuses)}`,
    );
    results.push(result);
  };
  await run('List mailboxes, first page (limit 50)', 200, () =>
    fetch(`${base}/domains/${BIG_DOMAIN}/mailboxes?limit=50`, { headers }),
  );
  await run('List mailboxes, deep page with search (q=user1, 80% in)', 200, () =>
    fetch(`${base}/domains/${BIG_DOMAIN}/mailboxes?limit=50&q=user1&cursor=${deepCursor}`, {
      headers,
    }),
  );
  await run('Get mailbox by address', 200, () =>
    fetch(`${base}/mailboxes/user${1 + Math.floor(Math.random() * seededBig)}@${BIG_DOMAIN}`, {
      headers,
    }),
  );
  const runId = Date.now().toString(36);
  await run('Create mailbox (includes one argon2id hash)', 201, (i) =>
    fetch(`${base}/domains/${BIG_DOMAIN}/mailboxes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        localPart: `new-${runId}-${i}`,
        password: 'correct-Horse-battery-staple-9',
      }),
    }),
  );

  const plan = await sql.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
     SELECT m.* FROM mailbox m
      WHERE m.domain_id = $1 AND m.deleted_at IS NULL
        AND (m.address LIKE 'user1%' OR lower(m.display_name) LIKE 'user1%')
        AND (m.address, m.id) > ($2, $3::uuid)
      ORDER BY m.address, m.id LIMIT 51`,
    [bigDomainId, deepRow.address, deepRow.id],
  );
  const pgVersion =
    (await sql.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ??
    '?';
  const total = Number(
    (await sql.query<{ n: string }>('SELECT count(*) AS n FROM mailbox')).rows[0]?.n,
  );
  await sql.end();
  await app.close();
  await database.stop();

  const report = renderReport(
    options,
    { total, bigMailboxes, seeded, pgVersion },
    results,
    plan.rows.map((r) => r['QUERY PLAN']),
  );
  const out = new URL('../../bench/results.md', import.meta.url);
  await writeFile(out, await asMarkdown(report, out));
  log(`Wrote ${out.pathname}`);
}

function renderReport(
  options: Options,
  data: { total: number; bigMailboxes: number; seeded: SeedResult | undefined; pgVersion: string },
  results: ScenarioResult[],
  plan: string[],
): string {
  const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(2));
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${ms(r.server?.p50)} | ${ms(r.server?.p95)} | ${ms(r.server?.p99)} | ${ms(r.client.p50)} | ${ms(r.client.p95)} | ${ms(r.client.p99)} | ${r.requestsPerSecond.toFixed(0)} | ${r.errors} |`,
  );
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Directory API benchmark

Run with \`npm run bench -- --mailboxes ${options.mailboxes} --seconds ${options.seconds} --concurrency ${options.concurrency}\` on ${new Date().toISOString().slice(0, 10)}.

- Data: ${data.total.toLocaleString('en')} mailboxes; the listed domain (\`${BIG_DOMAIN}\`) holds ${data.bigMailboxes.toLocaleString('en')}, the rest are ten to a domain.${data.seeded ? ` Seeded in ${data.seeded.seconds.toFixed(0)} s.` : ''}
- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}, PostgreSQL ${data.pgVersion}. Yubin and the load generator share the machine.
- Load: ${options.concurrency} concurrent clients on loopback with a Bearer token, ${options.seconds} s per scenario after a 2 s warm-up.
- *Server* is the \`Server-Timing\` Yubin reports (request arrival to response headers); *client* adds HTTP on loopback.

| Scenario | server p50 ms | server p95 ms | server p99 ms | client p50 ms | client p95 ms | client p99 ms | req/s | errors |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Creating a mailbox is bounded by its argon2id hash (about 60 ms of CPU each, see ADR 0003),
so its rate is the number of cores times about 17.

## Plan of the deep, searched page

\`\`\`
${plan.join('\n')}
\`\`\`
`;
}

/** Reports are committed: write them as Prettier would, so `npm run lint` stays green. */
async function asMarkdown(report: string, file: URL): Promise<string> {
  const config = (await resolveConfig(file.pathname)) ?? {};
  return format(report, { ...config, parser: 'markdown' });
}

function renderWebReport(options: Options, result: WebBenchResult): string {
  const ms = (value: number): string => value.toFixed(0);
  const row = (name: string, values: number[]): string =>
    `| ${name} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 95))} | ${ms(Math.max(...values))} |`;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Web UI benchmark: the mailbox list of a large domain

Run with \`npm run bench -- --web --mailboxes ${options.mailboxes} --runs ${options.runs}\` on ${new Date().toISOString().slice(0, 10)}.

- Data: the domain \`${result.domain}\` holds ${result.mailboxes.toLocaleString('en')} mailboxes; the list shows 50 per page.
- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}. Yubin, PostgreSQL and headless Chromium (software rendering) share the machine; its load average was ${result.loadAverage.map((n) => n.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end of the run.
- Measured in the page: from navigation start (or from the click) to the animation frame in which 50 rows are in the table.
- Budget: the first page shows within 1,000 ms.

| Scenario (${result.runs} runs) | p50 ms | p95 ms | max ms |
|---|---|---|---|
| Deep link /domains/${result.domain}/mailboxes in a new tab (scripts cached) | ${ms(percentile(result.loadMs, 50))} | ${ms(percentile(result.loadMs, 95))} | ${ms(Math.max(...result.loadMs))} |
${row('Click on the Mailboxes tab inside the app', result.navigationMs)}

The very first load in a fresh browser (nothing cached: HTML, scripts, styles, font) took ${ms(result.coldLoadMs)} ms.
`;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
