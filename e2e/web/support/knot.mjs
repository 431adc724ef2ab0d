// The web suite's DNS server: Debian's Knot on loopback, authoritative for the top-level
// zones the suite's domains live in (empty but for SOA and NS), so verification gets real
// answers (a name under them that has no records is NXDOMAIN) and no query leaves loopback.
// The `publish.example.` zone takes RFC 2136 updates signed with KNOT_UPDATE_KEY, so a test
// can publish the records of a domain under it from the DNS tab and verify them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KNOTD = '/usr/sbin/knotd';
const KNOTC = '/usr/sbin/knotc';

/** The zone that takes updates: Yubin publishes to a zone of two labels or more. */
export const PUBLISH_ZONE = 'publish.example';

/** The zones served. A domain outside them gets REFUSED, which Yubin reports as unverifiable. */
export const KNOT_ZONES = ['example', 'test', 'org', 'jp', PUBLISH_ZONE];

/** Its port: next to the app's, so the tests know it without being told. */
export function knotPort(appPort) {
  return Number(appPort) + 1;
}

/** The TSIG key PUBLISH_ZONE accepts updates with (a test value, not a secret). */
export const KNOT_UPDATE_KEY = {
  name: 'yubin-e2e-web',
  algorithm: 'hmac-sha256',
  secret: Buffer.alloc(32, 7).toString('base64'),
};

function zoneFile(zone) {
  return [
    `$ORIGIN ${zone}.`,
    '$TTL 300',
    '@ SOA ns.invalid. hostmaster.invalid. 1 3600 600 86400 60',
    '@ NS ns.invalid.',
    '',
  ].join('\n');
}

function config(dir, port) {
  return [
    'server:',
    `  rundir: ${dir}`,
    `  listen: 127.0.0.1@${port}`,
    'database:',
    `  storage: ${dir}`,
    'log:',
    '  - target: stderr',
    '    any: warning',
    'key:',
    `  - id: ${KNOT_UPDATE_KEY.name}`,
    `    algorithm: ${KNOT_UPDATE_KEY.algorithm}`,
    `    secret: ${KNOT_UPDATE_KEY.secret}`,
    'acl:',
    '  - id: update',
    `    key: ${KNOT_UPDATE_KEY.name}`,
    '    action: update',
    'template:',
    '  - id: default',
    `    storage: ${dir}`,
    '    zonefile-sync: -1',
    '    journal-content: none',
    'zone:',
    ...KNOT_ZONES.flatMap((zone) => [
      `  - domain: ${zone}`,
      `    file: ${join(dir, `${zone}.zone`)}`,
      ...(zone === PUBLISH_ZONE ? ['    acl: update'] : []),
    ]),
    '',
  ].join('\n');
}

/** Starts knotd and waits until every zone is loaded; resolves to `127.0.0.1:<port>` and a stop(). */
export async function startKnot(port) {
  if (!existsSync(KNOTD)) {
    throw new Error(`The web suite needs Knot (${KNOTD}): sudo apt-get install knot`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'yubin-e2e-knot-'));
  for (const zone of KNOT_ZONES) writeFileSync(join(dir, `${zone}.zone`), zoneFile(zone));
  writeFileSync(join(dir, 'knot.conf'), config(dir, port));
  const child = spawn(KNOTD, ['-c', join(dir, 'knot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk.toString()));
  for (let attempt = 0; ; attempt++) {
    const status = spawnSync(KNOTC, ['-s', join(dir, 'knot.sock'), 'zone-status'], {
      encoding: 'utf8',
    });
    if (status.status === 0 && !/not loaded|error/i.test(status.stdout)) break;
    if (child.exitCode !== null || attempt > 100) {
      child.kill();
      throw new Error(`knotd did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
