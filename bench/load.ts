/** A closed-loop load generator: `concurrency` clients, each sending its next request when the last returns. */

export interface Sample {
  clientMs: number;
  serverMs: number | undefined;
  status: number;
}

export interface ScenarioResult {
  name: string;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  errors: number;
  /** Unexpected statuses and how often each came. */
  errorStatuses: Record<number, number>;
  client: Percentiles;
  server: Percentiles | undefined;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function serverTiming(response: Response): number | undefined {
  const match = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export async function runScenario(
  name: string,
  options: { seconds: number; warmupSeconds: number; concurrency: number; expectStatus: number },
  request: (i: number) => Promise<Response>,
): Promise<ScenarioResult> {
  let counter = 0;
  const drive = async (untilMs: number, samples: Sample[] | undefined): Promise<void> => {
    while (Date.now() < untilMs) {
      const started = performance.now();
      const response = await request(counter++);
      await response.arrayBuffer();
      samples?.push({
        clientMs: performance.now() - started,
        serverMs: serverTiming(response),
        status: response.status,
      });
    }
  };
  const clients = Array.from({ length: options.concurrency });
  await Promise.all(clients.map(() => drive(Date.now() + options.warmupSeconds * 1000, undefined)));
  const samples: Sample[] = [];
  const started = Date.now();
  await Promise.all(clients.map(() => drive(started + options.seconds * 1000, samples)));
  const seconds = (Date.now() - started) / 1000;
  const server = samples.flatMap((s) => (s.serverMs === undefined ? [] : [s.serverMs]));
  return {
    name,
    requests: samples.length,
    seconds,
    requestsPerSecond: samples.length / seconds,
    errors: samples.filter((s) => s.status !== options.expectStatus).length,
    errorStatuses: samples
      .filter((s) => s.status !== options.expectStatus)
      .reduce<Record<number, number>>(
        (counts, s) => ({ ...counts, [s.status]: (counts[s.status] ?? 0) + 1 }),
        {},
      ),
    client: percentiles(samples.map((s) => s.clientMs)),
    server: server.length > 0 ? percentiles(server) : undefined,
  };
}
