import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { format, resolveConfig } from 'prettier';
import { createApp } from '../apps/api/src/app/create-app.js';
import { loadConfig } from '../apps/api/src/infra/config/app-config.js';
import { resolveDatabase } from '../apps/api/src/infra/database/embedded-postgres.js';
import { positiveIntegerOption } from './options.js';

/**
 * `npm run bench -- --spam-maps [--rules 100000] [--samples 200] [--rebuilds 30]`
 *
 * Seeds 1,000 domains with 10 mailboxes each, a spam policy for every domain and an
 * override for every mailbox, and `--rules` sender rules (10% global, 40% per domain, 50%
 * per mailbox, allow and block), then fetches Rspamd's three maps as Rspamd does, from a
 * loopback client: the whole body, a 304 to its ETag, and the first answer after a rule
 * changed (the body rebuilt). Writes bench/results-spam-maps.md.
 */
const KEY = 'benchmark-map-key-0123456789abcdef0123';
const DOMAINS = 1000;
const PER_DOMAIN = 10;
const MAPS = ['sender-rules/allow', 'sender-rules/block', 'settings'] as const;

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Row {
  map: string;
  what: string;
  bytes: number;
  times: number[];
}

async function seed(sql: pg.Client, rules: number): Promise<void> {
  await sql.query(
    `INSERT INTO domain (name, description)
     SELECT 'spam' || i || '.bench', 'benchmark' FROM generate_series(1, $1::int) AS i`,
    [DOMAINS],
  );
  await sql.query(
    `INSERT INTO mailbox (domain_id, local_part, address, display_name, password_hash, quota_bytes)
     SELECT d.id, 'u' || j, 'u' || j || '@' || d.name, 'User ' || j, '{ARGON2ID}x', 0
       FROM domain d CROSS JOIN generate_series(1, $1::int) AS j WHERE d.name LIKE 'spam%.bench'`,
    [PER_DOMAIN],
  );
  await sql.query(
    `INSERT INTO spam_policy (domain_id, junk_score, reject_score)
     SELECT id, 7, 18 FROM domain WHERE name LIKE 'spam%.bench'`,
  );
  await sql.query(
    `INSERT INTO spam_policy (mailbox_id, add_header_score, virus_action)
     SELECT m.id, 4, 'junk' FROM mailbox m JOIN domain d ON d.id = m.domain_id
      WHERE d.name LIKE 'spam%.bench'`,
  );
  const global = Math.floor(rules / 10);
  const perDomain = Math.floor((rules * 4) / 10);
  const perMailbox = rules - global - perDomain;
  // Every third rule a network, then senders and sender domains; every other one allows.
  const match = `CASE i % 3 WHEN 0 THEN 'clientIp' WHEN 1 THEN 'sender' ELSE 'senderDomain' END,
    CASE i % 3 WHEN 0 THEN network(set_masklen(('10.0.0.0'::inet + i * 256), 24))::text
               WHEN 1 THEN 'news' || i || '@sender' || (i % 997) || '.example'
               ELSE 'sender' || i || '.example' END,
    CASE i % 3 WHEN 0 THEN network(set_masklen(('10.0.0.0'::inet + i * 256), 24)) END`;
  const kind = `CASE i % 2 WHEN 0 THEN 'allow' ELSE 'block' END`;
  await sql.query(
    `INSERT INTO sender_rule (level, kind, match_type, match_value, client_ip)
     SELECT 'global', ${kind}, ${match} FROM generate_series(1, $1::int) AS i`,
    [global],
  );
  await sql.query(
    `INSERT INTO sender_rule (level, domain_id, kind, match_type, match_value, client_ip)
     SELECT 'domain', d.id, ${kind}, ${match}
       FROM generate_series(1, $1::int) AS i
       JOIN domain d ON d.name = 'spam' || (i % ${DOMAINS} + 1) || '.bench'`,
    [perDomain],
  );
  await sql.query(
    `INSERT INTO sender_rule (level, domain_id, mailbox_id, kind, match_type, match_value, client_ip)
     SELECT 'mailbox', m.domain_id, m.id, ${kind}, ${match}
       FROM generate_series(1, $1::int) AS i
       JOIN mailbox m ON m.address = 'u' || (i % ${PER_DOMAIN} + 1) || '@spam' || (i % ${DOMAINS} + 1) || '.bench'`,
    [perMailbox],
  );
  await sql.query('ANALYZE');
}

export async function runSpamMapsBenchmark(argv: string[]): Promise<void> {
  const rules = positiveIntegerOption(argv, 'rules', 100_000);
  const samples = positiveIntegerOption(argv, 'samples', 200);
  const rebuilds = positiveIntegerOption(argv, 'rebuilds', 30);
  const base = loadConfig();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: join(base.dataDir, 'bench'),
    BOOTSTRAP_ADMIN_EMAIL: 'bench@yubin.test',
    BOOTSTRAP_ADMIN_PASSWORD: 'benchmark-admin-passphrase',
    SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    MAIL_AUTH_POLICY_SECRET: KEY,
    LOG_LEVEL: 'warn',
  });
  const server = await resolveDatabase(config, log);
  const name = `yubin_bench_spam_maps_${rules}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;

  const app = await createApp(config, url.toString());
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer() as { address(): { port: number } }).address().port;
  const sql = new pg.Client({ connectionString: url.toString() });
  await sql.connect();
  const started = performance.now();
  await seed(sql, rules);
  log(
    `Seeded ${rules.toLocaleString('en')} rules in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const authorization = `Basic ${Buffer.from(`rspamd:${KEY}`).toString('base64')}`;
  const get = async (map: string, headers: Record<string, string> = {}) => {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/internal/rspamd/${map}`, {
      headers: { authorization, ...headers },
    });
    const body = await response.arrayBuffer();
    return {
      ms: performance.now() - t0,
      status: response.status,
      bytes: body.byteLength,
      etag: response.headers.get('etag') ?? '',
    };
  };
  const expectStatus = (status: number, wanted: number, what: string) => {
    if (status !== wanted) throw new Error(`${what}: ${status}, expected ${wanted}`);
  };

  const rows: Row[] = [];
  for (const map of MAPS) {
    // The first answer after a rule or policy changed builds the body.
    const rebuilt: number[] = [];
    let bytes = 0;
    for (let i = 0; i < rebuilds; i++) {
      if (map === 'settings') {
        await sql.query(
          `UPDATE spam_policy SET junk_score = 7 + ($1::int % 2) WHERE domain_id = (SELECT id FROM domain WHERE name = 'spam1.bench')`,
          [i],
        );
      } else {
        await sql.query(
          `INSERT INTO sender_rule (level, kind, match_type, match_value)
           VALUES ('global', $1, 'sender', $2)`,
          [map.endsWith('allow') ? 'allow' : 'block', `late${i}.${Date.now()}@bench.example`],
        );
      }
      const answer = await get(map);
      expectStatus(answer.status, 200, `${map} after a change`);
      rebuilt.push(answer.ms);
      bytes = answer.bytes;
    }
    const full: number[] = [];
    const notModified: number[] = [];
    let etag = '';
    for (let i = 0; i < samples; i++) {
      const answer = await get(map);
      expectStatus(answer.status, 200, map);
      full.push(answer.ms);
      etag = answer.etag;
    }
    for (let i = 0; i < samples; i++) {
      const answer = await get(map, { 'if-none-match': etag });
      expectStatus(answer.status, 304, `${map} with its ETag`);
      notModified.push(answer.ms);
    }
    rows.push({ map, what: 'first answer after a change (built)', bytes, times: rebuilt });
    rows.push({ map, what: 'whole body, unchanged', bytes, times: full });
    rows.push({ map, what: '304 (If-None-Match)', bytes: 0, times: notModified });
    log(`${map}: ${(bytes / 1e6).toFixed(2)} MB`);
  }
  const load = loadavg()[0] ?? 0;
  await sql.end();
  await app.close();
  await server.stop();

  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
  const table = rows
    .map((row) => {
      const sorted = [...row.times].sort((a, b) => a - b);
      return `| \`${row.map}\` | ${row.what} | ${row.bytes === 0 ? '–' : `${(row.bytes / 1e6).toFixed(2)} MB`} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} |`;
    })
    .join('\n');
  const report = `# Rspamd map endpoints at ${rules.toLocaleString('en')} sender rules

\`npm run bench -- --spam-maps --rules ${rules}\`: ${DOMAINS.toLocaleString('en')} domains with ${PER_DOMAIN} mailboxes each, a spam policy for every domain and an override for every mailbox (the settings map has ${(DOMAINS * (PER_DOMAIN + 1)).toLocaleString('en')} rules), and ${rules.toLocaleString('en')} sender rules (10% global, 40% per domain, 50% per mailbox; allow and block). Client-side from loopback with HTTP Basic as Rspamd sends it, one request at a time, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load.toFixed(1)} at the end.

| Map | Request | Body | Samples | Median ms | p95 ms |
| --- | ------- | ---- | ------- | --------- | ------ |
${table}

A body is built by PostgreSQL as one \`string_agg\` row at the first request after a change and kept for that change's version: an unchanged map costs one primary-key read of its change counter and the copy of the kept body; a 304 costs the read alone.
`;
  const out = new URL('../../bench/results-spam-maps.md', import.meta.url);
  const prettier = (await resolveConfig(out.pathname)) ?? {};
  await writeFile(out, await format(report, { ...prettier, parser: 'markdown' }));
  log(report);
  log(`Wrote ${out.pathname}`);
}
