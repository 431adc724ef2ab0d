import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { encrypt } from 'unixcrypt';
import { CONFIG_VARIABLES } from '../apps/api/src/infra/config/config-schema.js';
import type { Argon2Parameters } from '../apps/api/src/infra/crypto/argon2-phc.js';
import { hashCostBounds } from '../apps/api/src/infra/crypto/hash-cost.js';
import {
  normaliseImportedHash,
  verifyStoredHash,
} from '../apps/api/src/infra/crypto/imported-hashes.js';

/**
 * `npm run build:api && node dist/bench/hash-costs.js [runs]`
 *
 * What one wrong-password verification costs per scheme, in node (as Yubin verifies at
 * web sign-in) and in Dovecot (`doveadm pw -t`, minus the cost of a `{SSHA512}` check,
 * which is the process start). First at the configured argon2id parameters and at small
 * units of each scheme (the conversion factors in hash-cost.ts), then at the bounds that
 * hash-cost.ts derives from the default configuration. Prints the fastest of the runs (the
 * machine may be shared: other work only adds time), in milliseconds.
 */
const RUNS = Number(process.argv[2] ?? 7);
const WRONG = 'not the password';

const configured: Argon2Parameters = {
  memoryKib: CONFIG_VARIABLES.ARGON2_MEMORY_KIB.default,
  iterations: CONFIG_VARIABLES.ARGON2_ITERATIONS.default,
  parallelism: CONFIG_VARIABLES.ARGON2_PARALLELISM.default,
};

function fastest(values: number[]): number {
  return Math.min(...values);
}

async function nodeMs(stored: string): Promise<number> {
  await verifyStoredHash(stored, WRONG);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await verifyStoredHash(stored, WRONG);
    times.push(performance.now() - started);
  }
  return fastest(times);
}

function doveadmOnce(stored: string): number {
  const started = performance.now();
  try {
    execFileSync('doveadm', ['pw', '-t', stored, '-p', WRONG], { stdio: 'ignore' });
  } catch {
    // A mismatch exits non-zero: that is the case being measured.
  }
  return performance.now() - started;
}

function doveadmMs(stored: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(doveadmOnce(stored));
  return fastest(times);
}

function argon2Hash(memoryKib: number, iterations: number, parallelism: number): Promise<string> {
  return argon2
    .hash('x', { type: argon2.argon2id, memoryCost: memoryKib, timeCost: iterations, parallelism })
    .then((phc) => normaliseImportedHash(`{ARGON2ID}${phc}`) ?? '');
}

async function main(): Promise<void> {
  const bounds = hashCostBounds(configured);
  const own = configured.memoryKib * configured.iterations;
  const ssha = `{SSHA512}${Buffer.alloc(80, 7).toString('base64')}`;
  const hashes: [string, string, number][] = [
    [
      `argon2id m=${configured.memoryKib},t=${configured.iterations},p=${configured.parallelism} (own)`,
      await argon2Hash(configured.memoryKib, configured.iterations, configured.parallelism),
      own,
    ],
    [
      'SHA512-CRYPT 50000 rounds',
      `{SHA512-CRYPT}${encrypt('x', '$6$rounds=50000$saltsalt')}`,
      50_000,
    ],
    [
      'SHA256-CRYPT 50000 rounds',
      `{SHA256-CRYPT}${encrypt('x', '$5$rounds=50000$saltsalt')}`,
      50_000,
    ],
    ['BLF-CRYPT cost 9', `{BLF-CRYPT}${await bcrypt.hash('x', 9)}`, 2 ** 9],
  ];
  const atBound: [string, string][] = [
    [
      `argon2id m=${bounds.argon2.maxMemoryKib},t=${Math.floor(bounds.argon2.maxBlockPasses / bounds.argon2.maxMemoryKib)},p=1`,
      await argon2Hash(
        bounds.argon2.maxMemoryKib,
        Math.floor(bounds.argon2.maxBlockPasses / bounds.argon2.maxMemoryKib),
        1,
      ),
    ],
    [
      `SHA512-CRYPT ${bounds.sha512CryptMaxRounds} rounds`,
      `{SHA512-CRYPT}${encrypt('x', `$6$rounds=${bounds.sha512CryptMaxRounds}$saltsalt`)}`,
    ],
    [
      `SHA256-CRYPT ${bounds.sha256CryptMaxRounds} rounds`,
      `{SHA256-CRYPT}${encrypt('x', `$5$rounds=${bounds.sha256CryptMaxRounds}$saltsalt`)}`,
    ],
    [
      `BLF-CRYPT cost ${bounds.bcryptMaxCost}`,
      `{BLF-CRYPT}${await bcrypt.hash('x', bounds.bcryptMaxCost)}`,
    ],
  ];
  const start = doveadmMs(ssha);
  console.log(`bounds for the default configuration: ${JSON.stringify(bounds)}`);
  console.log(`doveadm process start: ${start.toFixed(1)} ms (subtracted below)\n`);
  console.log('| hash | node ms | node µs per unit | block passes per unit | Dovecot ms |');
  console.log('| --- | --- | --- | --- | --- |');
  let perBlockPass = Number.NaN;
  for (const [label, stored, units] of hashes) {
    const ms = await nodeMs(stored);
    const perUnit = (ms * 1000) / units;
    if (Number.isNaN(perBlockPass)) perBlockPass = perUnit;
    const dovecot = doveadmMs(stored) - start;
    console.log(
      `| ${label} | ${ms.toFixed(1)} | ${perUnit.toFixed(3)} | ${(perUnit / perBlockPass).toFixed(1)} | ${dovecot.toFixed(1)} |`,
    );
  }
  console.log('\n| at the bound | node ms | Dovecot ms |');
  console.log('| --- | --- | --- |');
  for (const [label, stored] of atBound) {
    const ms = await nodeMs(stored);
    const dovecot = doveadmMs(stored) - start;
    console.log(`| ${label} | ${ms.toFixed(1)} | ${dovecot.toFixed(1)} |`);
  }
}

await main();
