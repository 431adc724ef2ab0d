import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Debian's DNS tools the DNS specs use, with the package that brings each. */
const TOOLS = {
  kzonecheck: { path: '/usr/bin/kzonecheck', pkg: 'knot-dnssecutils' },
  'named-checkzone': { path: '/usr/bin/named-checkzone', pkg: 'bind9-utils' },
  knotd: { path: '/usr/sbin/knotd', pkg: 'knot' },
  knotc: { path: '/usr/sbin/knotc', pkg: 'knot' },
} as const;
export type DnsTool = keyof typeof TOOLS;

/**
 * Why a spec needing these tools cannot run, or undefined when it can. In CI a
 * missing tool is a failure, not a skip (scripts/install-mail-daemons.sh installs them).
 */
export function missingDnsTools(...tools: DnsTool[]): string | undefined {
  const missing = tools.filter((tool) => !existsSync(TOOLS[tool].path));
  if (missing.length === 0) return undefined;
  const reason = `missing ${missing.join(', ')}: apt-get install ${[
    ...new Set(missing.map((tool) => TOOLS[tool].pkg)),
  ].join(' ')} (scripts/install-mail-daemons.sh)`;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    throw new Error(`The DNS specs cannot run: ${reason}`);
  }
  process.stderr.write(`Skipping DNS tool tests: ${reason}\n`);
  return reason;
}

/** A complete zone around a fragment: the SOA and NS a zone file needs to load. */
export function zoneAround(origin: string, fragment: string): string {
  const apex = origin.endsWith('.') ? origin : `${origin}.`;
  return [
    `$ORIGIN ${apex}`,
    '$TTL 300',
    `@ IN SOA ns.${apex} hostmaster.${apex} 1 3600 600 86400 300`,
    `@ IN NS ns.${apex}`,
    'ns IN A 127.0.0.1',
    fragment,
  ].join('\n');
}

export interface CheckResult {
  ok: boolean;
  output: string;
}

async function check(command: string, args: string[]): Promise<CheckResult> {
  try {
    const { stdout, stderr } = await run(command, args);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? failed.message}` };
  }
}

/** Writes the zone and runs both checkers on it. */
export async function checkZone(
  origin: string,
  zone: string,
): Promise<{ knot: CheckResult; bind: CheckResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'yubin-zone-'));
  const file = join(dir, 'zone');
  await writeFile(file, zone);
  try {
    const knot = await check(TOOLS.kzonecheck.path, ['-o', origin, file]);
    // `-i local`: targets outside the zone are not looked up (nothing leaves loopback).
    const bind = await check(TOOLS['named-checkzone'].path, [
      '-i',
      'local',
      '-k',
      'fail',
      '-m',
      'fail',
      '-M',
      'fail',
      '-n',
      'fail',
      '-S',
      'fail',
      origin,
      file,
    ]);
    return { knot, bind };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface KnotOptions {
  /** Allow RFC 2136 updates signed with this TSIG key (secret in base64) to every zone. */
  updateKey?: { name: string; algorithm: string; secret: string };
}

/**
 * A Knot DNS server on a free loopback port serving zone files the test writes, with
 * its control socket for `knotc` changes at runtime.
 */
export class KnotServer {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly process: ChildProcess,
  ) {}

  static async start(
    zones: Record<string, string>,
    options: KnotOptions = {},
  ): Promise<KnotServer> {
    const dir = await mkdtemp(join(tmpdir(), 'yubin-knot-'));
    const port = await freePort();
    const zoneConfig = [];
    for (const [origin, text] of Object.entries(zones)) {
      const name = origin.replace(/\.$/, '');
      await writeFile(join(dir, `${name}.zone`), text);
      zoneConfig.push(
        `  - domain: ${name}\n    file: ${join(dir, `${name}.zone`)}` +
          (options.updateKey === undefined ? '' : '\n    acl: update'),
      );
    }
    await writeFile(
      join(dir, 'knot.conf'),
      [
        'server:',
        `  rundir: ${dir}`,
        `  listen: 127.0.0.1@${port}`,
        'database:',
        `  storage: ${dir}`,
        'log:',
        '  - target: stderr',
        '    any: warning',
        'template:',
        '  - id: default',
        `    storage: ${dir}`,
        '    zonefile-sync: -1',
        '    journal-content: none',
        ...(options.updateKey === undefined
          ? []
          : [
              'key:',
              `  - id: ${options.updateKey.name}`,
              `    algorithm: ${options.updateKey.algorithm}`,
              `    secret: ${options.updateKey.secret}`,
              'acl:',
              '  - id: update',
              `    key: ${options.updateKey.name}`,
              '    action: update',
            ]),
        'zone:',
        ...zoneConfig,
        '',
      ].join('\n'),
    );
    const child = spawn(TOOLS.knotd.path, ['-c', join(dir, 'knot.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const server = new KnotServer(port, dir, child);
    for (let attempt = 0; ; attempt++) {
      const status = await server.knotc('zone-status').catch((error: unknown) => error);
      if (typeof status === 'string' && !/not loaded|error/i.test(status)) break;
      if (child.exitCode !== null || attempt > 100) {
        child.kill();
        throw new Error(`knotd did not start: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  /** `address:port`, as DNS_RESOLVER takes it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async knotc(...args: string[]): Promise<string> {
    const { stdout } = await run(TOOLS.knotc.path, ['-s', join(this.dir, 'knot.sock'), ...args]);
    return stdout;
  }

  /** Replaces a zone's file and has Knot load it again. */
  async reload(origin: string, text: string): Promise<void> {
    const name = origin.replace(/\.$/, '');
    await writeFile(join(this.dir, `${name}.zone`), text);
    await this.knotc('-b', 'zone-reload', name);
  }

  /** Sets one record (`knotc zone-set`) in a transaction. */
  async set(zone: string, owner: string, ttl: string, type: string, data: string): Promise<void> {
    await this.knotc('zone-begin', zone);
    try {
      await this.knotc('zone-set', zone, owner, ttl, type, data);
      await this.knotc('zone-commit', zone);
    } catch (error) {
      await this.knotc('zone-abort', zone).catch(() => undefined);
      throw error;
    }
  }

  /** Removes one record (`knotc zone-unset`) in a transaction. */
  async unset(zone: string, owner: string, type: string, data?: string): Promise<void> {
    await this.knotc('zone-begin', zone);
    try {
      await this.knotc('zone-unset', zone, owner, type, ...(data === undefined ? [] : [data]));
      await this.knotc('zone-commit', zone);
    } catch (error) {
      await this.knotc('zone-abort', zone).catch(() => undefined);
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.process.kill('SIGTERM');
    await new Promise((resolve) => {
      if (this.process.exitCode !== null) resolve(undefined);
      else this.process.once('exit', resolve);
    });
    await rm(this.dir, { recursive: true, force: true });
  }
}
