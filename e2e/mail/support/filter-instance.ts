import { existsSync } from 'node:fs';
import { appendFile, chown, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { idOf, run, startDaemon } from './daemons.js';

/**
 * Rspamd's first start compiles about 90 MB of Hyperscan and URL caches (about 30 s,
 * more on a busy machine); later starts with the cache take about half a second. The
 * cache lives here between runs of the suite; nothing else in it outlives a run that
 * matters (statistics are in the run's own Redis).
 */
export const RSPAMD_CACHE_DIR = '/var/tmp/yubin-e2e-rspamd-cache';

/** The EICAR test file: every virus scanner's agreed harmless test signature. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface FilterPorts {
  milter: number;
  worker: number;
  controller: number;
  redis: number;
  dns: number;
}

export interface FilterInstance {
  clamavSocket: string;
  rspamdLog: string;
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function pidFrom(file: string): Promise<number | undefined> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

function kill(pid: number | undefined) {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/**
 * The loopback DNS server Rspamd resolves through: Knot, authoritative for the suite's
 * test zone only, so every other name is refused and no query leaves the machine.
 */
async function startKnot(dir: string, port: number, outputFile: string) {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await writeFile(
    join(dir, 'yubin.test.zone'),
    `$ORIGIN yubin.test.
$TTL 300
@ SOA ns.yubin.test. hostmaster.yubin.test. 1 3600 600 86400 300
@ NS ns
ns A 127.0.0.1
mail A 127.0.0.1
`,
  );
  await writeFile(
    join(dir, 'knot.conf'),
    `server:
    rundir: "${dir}"
    pidfile: "${dir}/knot.pid"
    listen: 127.0.0.1@${port}
database:
    storage: "${dir}"
log:
  - target: "${dir}/knot.log"
    any: info
zone:
  - domain: yubin.test
    file: "${dir}/yubin.test.zone"
`,
  );
  const socket = join(dir, 'knot.sock');
  await startDaemon('knotd', ['-c', join(dir, 'knot.conf'), '-s', socket, '-d'], outputFile);
  await waitFor(
    'Knot',
    async () => {
      const answer = await run('kdig', [
        `@127.0.0.1`,
        '-p',
        String(port),
        '+short',
        'ns.yubin.test',
      ]).catch(() => ({ stdout: '' }));
      return answer.stdout.trim() === '127.0.0.1';
    },
    15_000,
  );
  return async () => {
    const pid = await pidFrom(join(dir, 'knot.pid'));
    await run('knotc', ['-s', socket, 'stop']).catch(() => kill(pid));
  };
}

async function startRedis(dir: string, port: number, outputFile: string) {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const pidFile = join(dir, 'redis.pid');
  await startDaemon(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      pidFile,
      '--dir',
      dir,
      '--logfile',
      join(dir, 'redis.log'),
    ],
    outputFile,
  );
  await waitFor('Redis', () => accepts(port), 15_000);
  return async () => kill(await pidFrom(pidFile));
}

/**
 * clamd on a UNIX socket with a signature database written here: signatures cannot be
 * downloaded on these machines, and the suite needs only EICAR's (by its MD5 and size).
 */
async function startClamd(dir: string, outputFile: string) {
  const db = join(dir, 'db');
  await mkdir(db, { recursive: true, mode: 0o755 });
  const md5 = (await run('sh', ['-c', 'printf %s "$1" | md5sum', 'md5', EICAR])).stdout.split(
    ' ',
  )[0] as string;
  await writeFile(join(db, 'yubin-test.hdb'), `${md5}:${EICAR.length}:Yubin-Test.EICAR\n`);
  const socket = join(dir, 'clamd.sock');
  const pidFile = join(dir, 'clamd.pid');
  await writeFile(
    join(dir, 'clamd.conf'),
    `LocalSocket ${socket}
LocalSocketMode 666
DatabaseDirectory ${db}
PidFile ${pidFile}
LogFile ${dir}/clamd.log
User clamav
Foreground no
`,
  );
  const uid = await idOf('-u', 'clamav');
  const gid = await idOf('-g', 'clamav');
  for (const path of [dir, db]) await chown(path, uid, gid);
  await startDaemon('clamd', ['-c', join(dir, 'clamd.conf')], outputFile);
  await waitFor('clamd', () => Promise.resolve(existsSync(socket)), 60_000);
  return { socket, stop: async () => kill(await pidFrom(pidFile)) };
}

/**
 * Rspamd from Debian's /etc/rspamd with the rendered local.d and override.d exactly as
 * the README installs them; the harness adds only where it logs, and keeps fuzzy_check
 * (rspamd.com's public hash servers, looked up at start with the system resolver) off.
 */
async function startRspamd(options: {
  dir: string;
  rendered: string;
  ports: FilterPorts;
  outputFile: string;
}) {
  const { dir } = options;
  const conf = join(dir, 'etc');
  await cp(join(options.rendered, 'rspamd'), conf, { recursive: true });
  await writeFile(
    join(conf, 'local.d/logging.inc'),
    `type = "file";
level = "info";
`,
  );
  await writeFile(join(conf, 'override.d/fuzzy_check.conf'), 'enabled = false;\n');
  // Each scanning process polls Yubin's maps on its own: with one, the specs' probe of
  // the scanner (checkv2) and the milter's scans see the same map version.
  await appendFile(join(conf, 'local.d/worker-normal.inc'), 'count = 1;\n');
  const uid = await idOf('-u', '_rspamd');
  const gid = await idOf('-g', '_rspamd');
  for (const path of [join(dir, 'run'), join(dir, 'log'), RSPAMD_CACHE_DIR]) {
    await mkdir(path, { recursive: true, mode: 0o755 });
    await chown(path, uid, gid);
  }
  const logFile = join(dir, 'log/rspamd.log');
  await startDaemon(
    'rspamd',
    [
      '-c',
      '/etc/rspamd/rspamd.conf',
      '-u',
      '_rspamd',
      '-g',
      '_rspamd',
      '--var',
      `LOCAL_CONFDIR=${conf}`,
      '--var',
      `DBDIR=${RSPAMD_CACHE_DIR}`,
      '--var',
      `RUNDIR=${join(dir, 'run')}`,
      '--var',
      `LOGDIR=${join(dir, 'log')}`,
    ],
    options.outputFile,
  );
  const { milter, worker, controller } = options.ports;
  await waitFor(
    'Rspamd',
    async () => (await accepts(milter)) && (await accepts(worker)) && (await accepts(controller)),
    180_000,
  );
  return {
    logFile,
    stop: async () => kill(await pidFrom(join(dir, 'run/rspamd.pid'))),
  };
}

/** Knot, Redis, clamd, then Rspamd (which needs the other three, and Yubin's maps). */
export async function startFilter(options: {
  dir: string;
  rendered: string;
  ports: FilterPorts;
  outputFile: string;
}): Promise<FilterInstance> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    stops.push(await startKnot(join(options.dir, 'knot'), options.ports.dns, options.outputFile));
    stops.push(
      await startRedis(join(options.dir, 'redis'), options.ports.redis, options.outputFile),
    );
    const clamd = await startClamd(join(options.dir, 'clamav'), options.outputFile);
    stops.push(clamd.stop);
    const rspamd = await startRspamd({ ...options, dir: join(options.dir, 'rspamd') });
    stops.push(rspamd.stop);
    return { clamavSocket: clamd.socket, rspamdLog: rspamd.logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The clamd socket path the rendering needs before clamd starts. */
export function clamavSocketPath(dir: string): string {
  return join(dir, 'clamav', 'clamd.sock');
}
