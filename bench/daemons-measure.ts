import pg from 'pg';
import type { Lookup, Query } from './daemons-lookups.js';

export type Target = 'yubin' | 'baseline';
/** `simple`: literal SQL over the simple query protocol, as the daemons send it. */
export type Protocol = 'simple' | 'prepared';

export interface Stats {
  p50: number;
  p99: number;
  /** Questions answered per second over the measured blocks, all connections together. */
  perSecond: number;
  /** Questions that found a row. */
  found: number;
  samples: number;
}

export interface Cell {
  protocol: Protocol;
  connections: number;
  lookup: string;
  target: Target;
  stats: Stats;
}

export interface MeasureOptions {
  samples: number;
  rounds: number;
  connectionCounts: number[];
  protocols: Protocol[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sends one question's queries in order until one finds a row; true when one did. */
async function ask(client: pg.Client, queries: Query[], protocol: Protocol): Promise<boolean> {
  for (const query of queries) {
    const result =
      protocol === 'simple'
        ? await client.query(query.literal)
        : await client.query({ ...query.prepared });
    if ((result.rowCount ?? 0) > 0) return true;
  }
  return false;
}

interface Block {
  latencies: number[];
  seconds: number;
  found: number;
}

/** Every connection asks `perConnection` questions one after another, all at once. */
async function block(
  clients: pg.Client[],
  perConnection: number,
  next: () => Query[],
  protocol: Protocol,
): Promise<Block> {
  const latencies: number[] = [];
  let found = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < perConnection; i++) {
        const queries = next();
        const t0 = process.hrtime.bigint();
        if (await ask(client, queries, protocol)) found++;
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9, found };
}

async function connectAll(url: string, count: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
}

/**
 * Measures every lookup on both targets in one run, client-side: per protocol and number
 * of connections, each lookup runs in `rounds` rounds that alternate the targets (and
 * which goes first), so load from the rest of the machine falls on both alike.
 */
export async function measureLookups(
  urls: Record<Target, string>,
  all: Lookup[],
  options: MeasureOptions,
  log: (line: string) => void,
): Promise<Cell[]> {
  const most = Math.max(...options.connectionCounts);
  const pools = {
    yubin: await connectAll(urls.yubin, most),
    baseline: await connectAll(urls.baseline, most),
  };
  const cells: Cell[] = [];
  try {
    for (const protocol of options.protocols) {
      for (const connections of options.connectionCounts) {
        for (const lookup of all) {
          const targets: Target[] = lookup.sample().baseline ? ['yubin', 'baseline'] : ['yubin'];
          const next = (target: Target) => () => lookup.sample()[target] ?? [];
          const perRound = Math.max(1, Math.ceil(options.samples / options.rounds / connections));
          const blocks: Record<Target, Block[]> = { yubin: [], baseline: [] };
          for (const target of targets) {
            await block(pools[target].slice(0, connections), 50, next(target), protocol);
          }
          for (let round = 0; round < options.rounds; round++) {
            const order = round % 2 === 0 ? targets : [...targets].reverse();
            for (const target of order) {
              blocks[target].push(
                await block(pools[target].slice(0, connections), perRound, next(target), protocol),
              );
            }
          }
          const line: string[] = [];
          for (const target of targets) {
            const latencies = blocks[target].flatMap((b) => b.latencies).sort((x, y) => x - y);
            const seconds = blocks[target].reduce((sum, b) => sum + b.seconds, 0);
            const stats: Stats = {
              p50: percentile(latencies, 50),
              p99: percentile(latencies, 99),
              perSecond: latencies.length / seconds,
              found: blocks[target].reduce((sum, b) => sum + b.found, 0),
              samples: latencies.length,
            };
            cells.push({ protocol, connections, lookup: lookup.name, target, stats });
            line.push(
              `${target} p50 ${stats.p50.toFixed(3)} p99 ${stats.p99.toFixed(3)} ms ${stats.perSecond.toFixed(0)}/s found ${stats.found}/${stats.samples}`,
            );
          }
          log(`  ${protocol} ×${connections} ${lookup.name}: ${line.join(' | ')}`);
        }
      }
    }
  } finally {
    await Promise.all([...pools.yubin, ...pools.baseline].map((c) => c.end()));
  }
  return cells;
}

export interface ServerTimes {
  lookup: string;
  target: Target;
  planningP50: number;
  executionP50: number;
  /** Plans of the question's queries, for the report. */
  plan: string[];
  queries: string[];
}

/**
 * What PostgreSQL itself spends on each query (EXPLAIN ANALYZE over the simple protocol,
 * one connection): the explanation for the client-side figures, not the headline.
 */
export async function serverTimes(
  urls: Record<Target, string>,
  all: Lookup[],
  samples: number,
): Promise<ServerTimes[]> {
  const out: ServerTimes[] = [];
  for (const target of ['yubin', 'baseline'] as const) {
    const [client] = await connectAll(urls[target], 1);
    if (client === undefined) throw new Error('no connection');
    try {
      for (const lookup of all) {
        if (lookup.sample()[target] === undefined) continue;
        const planning: number[] = [];
        const execution: number[] = [];
        const explain = async (text: string, options: string) =>
          (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (${options}) ${text}`)).rows.map(
            (row) => row['QUERY PLAN'],
          );
        for (let i = 0; i < samples; i++) {
          let plan = 0;
          let exec = 0;
          for (const query of lookup.sample()[target] ?? []) {
            const lines = (
              await explain(query.literal, 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON')
            ).join('\n');
            const time = (label: string) =>
              Number(new RegExp(`${label} Time: ([\\d.]+) ms`).exec(lines)?.[1] ?? NaN);
            plan += time('Planning');
            exec += time('Execution');
          }
          planning.push(plan);
          execution.push(exec);
        }
        planning.sort((x, y) => x - y);
        execution.sort((x, y) => x - y);
        const example = lookup.sample()[target] ?? [];
        const plan: string[] = [];
        for (const query of example) {
          plan.push(...(await explain(query.literal, 'ANALYZE, COSTS OFF')), '');
        }
        out.push({
          lookup: lookup.name,
          target,
          planningP50: percentile(planning, 50),
          executionP50: percentile(execution, 50),
          plan: plan.slice(0, -1),
          queries: example.map((q) => q.literal),
        });
      }
    } finally {
      await client.end();
    }
  }
  return out;
}
