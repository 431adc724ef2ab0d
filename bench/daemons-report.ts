import { cpus, release, totalmem } from 'node:os';
import type { DaemonBenchOptions } from './daemons.js';
import type { LoginResult } from './daemons-logins.js';
import type { Lookup } from './daemons-lookups.js';
import type { Cell, Protocol, ServerTimes, Stats, Target } from './daemons-measure.js';
import type { DaemonSeedPlan } from './daemons-seed.js';

export interface DaemonReport {
  options: DaemonBenchOptions;
  plan: DaemonSeedPlan;
  totals: { domains: string; mailboxes: string; aliases: string; alias_domains: string };
  pgVersion: string;
  seedSeconds: number | undefined;
  lookups: Lookup[];
  cells: Cell[];
  server: ServerTimes[];
  logins: LoginResult[];
  load: { before: number; after: number };
}

const ms = (value: number) => value.toFixed(3);
const ratio = (value: number) => `${value.toFixed(2)}×`;

function geometricMean(values: number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** The figures for one protocol and number of connections, by lookup and target. */
function cellsOf(report: DaemonReport, protocol: Protocol, connections: number) {
  return (lookup: string, target: Target): Stats | undefined =>
    report.cells.find(
      (c) =>
        c.protocol === protocol &&
        c.connections === connections &&
        c.lookup === lookup &&
        c.target === target,
    )?.stats;
}

export interface Summary {
  p50Ratio: number;
  p99Ratio: number;
  /** The same at 8 connections. */
  p50Ratio8: number;
  p99Ratio8: number;
  throughputRatio: number;
  /** The highest Yubin p99 at one connection over every lookup (noise floor aside). */
  worstP99: number;
}

/** Geometric means over the paired lookups: Yubin / baseline (latency), Yubin / baseline (lookups/s). */
export function summarise(report: DaemonReport, protocol: Protocol): Summary {
  const one = cellsOf(report, protocol, 1);
  const eight = cellsOf(report, protocol, 8);
  const paired = report.lookups.filter((l) => l.paired).map((l) => l.name);
  const ratios = (pick: (s: Stats) => number, get: typeof one) =>
    paired.map((name) => {
      const y = get(name, 'yubin');
      const b = get(name, 'baseline');
      return y && b ? pick(y) / pick(b) : NaN;
    });
  const measured = report.lookups.filter((l) => l.daemon !== 'none').map((l) => l.name);
  return {
    p50Ratio: geometricMean(ratios((s) => s.p50, one)),
    p99Ratio: geometricMean(ratios((s) => s.p99, one)),
    p50Ratio8: geometricMean(ratios((s) => s.p50, eight)),
    p99Ratio8: geometricMean(ratios((s) => s.p99, eight)),
    throughputRatio: geometricMean(ratios((s) => s.perSecond, eight)),
    worstP99: Math.max(...measured.map((name) => one(name, 'yubin')?.p99 ?? NaN)),
  };
}

/** One row per lookup: its daemon and name, then `columns` of Yubin's and the baseline's figures. */
function lookupTable(
  report: DaemonReport,
  protocol: Protocol,
  connections: number,
  header: string[],
  columns: (y: Stats | undefined, b: Stats | undefined) => string[],
): string {
  const get = cellsOf(report, protocol, connections);
  const rows = report.lookups.map((l) => {
    const cells = [
      l.daemon === 'none' ? '' : l.daemon,
      l.paired || l.daemon === 'none' ? l.name : `${l.name} (Yubin only)`,
      ...columns(get(l.name, 'yubin'), get(l.name, 'baseline')),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const head = ['Daemon', 'Lookup', ...header];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n');
}

function latencyTable(report: DaemonReport, protocol: Protocol, connections: number): string {
  return lookupTable(
    report,
    protocol,
    connections,
    [
      'Yubin p50 ms',
      'baseline p50 ms',
      'p50 ratio',
      'Yubin p99 ms',
      'baseline p99 ms',
      'p99 ratio',
      'Yubin found',
      'baseline found',
    ],
    (y, b) => [
      y ? ms(y.p50) : '',
      b ? ms(b.p50) : '—',
      y && b ? ratio(y.p50 / b.p50) : '',
      y ? ms(y.p99) : '',
      b ? ms(b.p99) : '—',
      y && b ? ratio(y.p99 / b.p99) : '',
      y ? `${y.found}/${y.samples}` : '',
      b ? `${b.found}/${b.samples}` : '',
    ],
  );
}

function throughputTable(report: DaemonReport, protocol: Protocol, connections: number): string {
  return lookupTable(
    report,
    protocol,
    connections,
    [
      'Yubin lookups/s',
      'baseline lookups/s',
      'ratio',
      'Yubin p50 ms',
      'baseline p50 ms',
      'Yubin p99 ms',
      'baseline p99 ms',
    ],
    (y, b) => [
      y ? y.perSecond.toFixed(0) : '',
      b ? b.perSecond.toFixed(0) : '—',
      y && b ? ratio(y.perSecond / b.perSecond) : '',
      y ? ms(y.p50) : '',
      b ? ms(b.p50) : '—',
      y ? ms(y.p99) : '',
      b ? ms(b.p99) : '—',
    ],
  );
}

function serverTable(report: DaemonReport): string {
  const rows = report.lookups
    .filter((l) => l.daemon !== 'none')
    .map((l) => {
      const y = report.server.find((s) => s.lookup === l.name && s.target === 'yubin');
      const b = report.server.find((s) => s.lookup === l.name && s.target === 'baseline');
      return `| ${l.daemon} | ${l.name} | ${y ? ms(y.planningP50) : ''} | ${y ? ms(y.executionP50) : ''} | ${b ? ms(b.planningP50) : '—'} | ${b ? ms(b.executionP50) : '—'} |`;
    });
  return `| Daemon | Lookup | Yubin planning p50 ms | Yubin execution p50 ms | baseline planning p50 ms | baseline execution p50 ms |
|---|---|---|---|---|---|
${rows.join('\n')}`;
}

/** SELECT 1's p50/p99 at 1 and 8 connections, over Yubin's and the baseline's connections. */
function floor(report: DaemonReport): string {
  const name = report.lookups.find((l) => l.daemon === 'none')?.name ?? '';
  return [1, 8]
    .map((connections) => {
      const get = cellsOf(report, 'simple', connections);
      const y = get(name, 'yubin');
      const b = get(name, 'baseline');
      return `${connections} connection${connections === 1 ? '' : 's'} p50 ${y ? ms(y.p50) : '?'} / ${b ? ms(b.p50) : '?'} ms, p99 ${y ? ms(y.p99) : '?'} / ${b ? ms(b.p99) : '?'} ms (Yubin's / the baseline's role)`;
    })
    .join('; ');
}

export function renderDaemonReport(report: DaemonReport): string {
  const { options, plan, totals } = report;
  const n = (value: string) => Number(value).toLocaleString('en');
  const simple = summarise(report, 'simple');
  const prepared = summarise(report, 'prepared');
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const loginRows = report.logins.map(
    (l) =>
      `| ${l.setting} | ${l.loginsPerSecond.toFixed(1)} | ${l.p50.toFixed(0)} | ${l.p99.toFixed(0)} | ${l.failures} |`,
  );
  const plans = report.server
    .filter((s) => s.target === 'yubin')
    .map(
      (s) =>
        `### ${s.lookup}\n\n\`\`\`sql\n${s.queries.join('\n')}\n\`\`\`\n\n\`\`\`\n${s.plan.join('\n')}\n\`\`\``,
    )
    .join('\n\n');
  return `# Mail daemon lookups benchmark

Run with \`npm run bench -- --daemons --domains ${options.domains} --samples ${options.samples} --rounds ${options.rounds}\` on ${new Date().toISOString().slice(0, 10)}.

- Data: ${n(totals.domains)} domains, ${n(totals.mailboxes)} mailboxes (${plan.mailboxesPerDomain} a domain), ${n(totals.aliases)} aliases (${plan.aliasesPerDomain} a domain; every tenth domain's last one is its catch-all), ${n(totals.alias_domains)} alias domains, an app password for each domain's first mailbox.${report.seedSeconds === undefined ? '' : ` Seeded in ${report.seedSeconds.toFixed(0)} s.`}
- Baseline: the same data copied into PostfixAdmin's documented layout (its \`domain\`, \`mailbox\`, \`alias\` and \`alias_domain\` tables and indexes, an alias row at every mailbox's own address), asked with PostfixAdmin's documented Postfix \`pgsql\` queries and Dovecot \`password_query\`/\`user_query\` in their PostgreSQL form (\`bench/daemons-baseline.ts\`), as a read-only role.
- Yubin: the text the generated configuration sends (\`npm run daemon-config\`), as the database's reader role (\`<database>_mail_reader\`).
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}, PostgreSQL ${report.pgVersion}; client and server share it. One-minute load average ${report.load.before.toFixed(1)} before and ${report.load.after.toFixed(1)} after the run (other work on the machine shows here, on both targets alike).
- Server: the bench's embedded PostgreSQL with \`shared_buffers\` ${options.sharedBuffersMb.toLocaleString('en')} MB and every table and index of both layouts read in first (\`pg_prewarm\`), as on a mail server whose lookup tables stay in memory; with \`DATABASE_URL\` set, that server's own settings.
- Method: client-side round trips from Node's \`pg\`, ${options.samples.toLocaleString('en')} questions per lookup and target in each setting, in ${options.rounds} rounds that alternate Yubin and the baseline (and which goes first), each key drawn at random from the seeded data. _Simple_ is literal SQL over the simple query protocol, as Postfix and Dovecot send it (PQexec with escaped literals), so every query is parsed and planned; _prepared_ is the same query as a named prepared statement, the floor. A question is what one daemon lookup costs (Yubin's passdb answers the main and the app passwords in one query, ADR 0011). \`SELECT 1\` is the round trip alone.

## Summary

Geometric means over the ${report.lookups.filter((l) => l.paired).length} lookups both layouts answer, Yubin / baseline:

| Protocol | p50 ratio (1 connection) | p99 ratio (1 connection) | p50 ratio (8 connections) | p99 ratio (8 connections) | lookups/s ratio (8 connections) | worst Yubin p99 (1 connection) |
|---|---|---|---|---|---|---|
| simple (as the daemons send it) | ${ratio(simple.p50Ratio)} | ${ratio(simple.p99Ratio)} | ${ratio(simple.p50Ratio8)} | ${ratio(simple.p99Ratio8)} | ${ratio(simple.throughputRatio)} | ${ms(simple.worstP99)} ms |
| prepared (floor) | ${ratio(prepared.p50Ratio)} | ${ratio(prepared.p99Ratio)} | ${ratio(prepared.p50Ratio8)} | ${ratio(prepared.p99Ratio8)} | ${ratio(prepared.throughputRatio)} | ${ms(prepared.worstP99)} ms |

The noise floor (\`SELECT 1\`, simple protocol): ${floor(report)}.

Goal over the simple protocol: p50 ratio ≤ 1.0 ${verdict(simple.p50Ratio <= 1)}, p99 ratio ≤ 1.0 ${verdict(simple.p99Ratio <= 1)}, lookups/s ratio ≥ 1.0 ${verdict(simple.throughputRatio >= 1)}, every p99 ≤ 1 ms ${verdict(simple.worstP99 <= 1)}.

## Simple protocol, 1 connection

${latencyTable(report, 'simple', 1)}

## Simple protocol, 8 connections

${throughputTable(report, 'simple', 8)}

## Prepared statements (the floor), 1 connection

${latencyTable(report, 'prepared', 1)}

## Prepared statements (the floor), 8 connections

${throughputTable(report, 'prepared', 8)}

## Where the time goes (server side)

PostgreSQL's own planning and execution time for the same literal text (EXPLAIN ANALYZE, ${options.serverSamples} random keys, one connection; a question of several queries adds them up). This explains the client-side figures; it is not what the daemons pay.

${serverTable(report)}

## IMAP logins per second

${
  report.logins.length === 0
    ? 'Not measured in this run (needs root and Dovecot).'
    : `Dovecot 2.3 with the generated configuration (SQL passdb and userdb, argon2id m=32 MiB t=3 p=1; shipped without a credential cache, the last two rows add one; without the login throttle's call to the API, ADR 0005), ${options.loginConcurrency} concurrent clients each doing connect, LOGIN, LOGOUT for ${options.loginSeconds} s.

| Setting | logins/s | p50 ms | p99 ms | failures |
|---|---|---|---|---|
${loginRows.join('\n')}`
}

## Yubin's query plans

${plans}
`;
}
