import { DOVECOT_ARGON2_MAX_MEMORY_KIB, type Argon2Parameters } from './argon2-phc.js';

/**
 * How much an imported password hash may cost to verify. Anyone who knows an address can
 * make Yubin (web sign-in) and Dovecot (IMAP, POP3, SMTP AUTH) verify its hash with a wrong
 * password, so a hash's parameters are a price set for the attacker's requests. The price is
 * bounded by Yubin's own: the configured argon2id parameters (ADR 0003).
 *
 * Work is counted in argon2 block passes (one KiB of memory, one pass: m·t of a hash).
 * The other schemes are converted with what one of their units costs in node, measured
 * against argon2 by `bench/hash-costs.ts` and rounded up (ADR 0003 has the figures).
 */

/**
 * Block passes one unit of each scheme costs in node: a SHA-crypt round, one of bcrypt's
 * 2^cost rounds. Measured against argon2id at 0.6 µs per block pass, rounded up.
 */
const BLOCK_PASSES_PER = {
  sha512Round: 4,
  sha256Round: 3,
  bcryptRound: 128,
} as const;

/** Any verification: at most this many verifications of Yubin's own hash. */
const BUDGET = 8;
/** SHA-crypt runs synchronously, blocking the event loop: at most one of our own verifications. */
const BLOCKING_BUDGET = 1;
/** argon2 memory and lanes: at most this multiple of our own. */
const ARGON2_SHAPE_FACTOR = 4;
/**
 * bcrypt in node runs on the event loop in slices; whatever the configuration, at most
 * cost 13 (about 0.6 s of the loop's time).
 */
const BCRYPT_MAX_COST = 13;
/** crypt(3)'s default, what `doveadm pw` and `mkpasswd` write: always accepted (about 6 ms). */
const SHA_CRYPT_DEFAULT_ROUNDS = 5000;
/** crypt(3) verifies fewer rounds as 1000, and prints them so: such a hash never matches. */
const SHA_CRYPT_MIN_ROUNDS = 1000;

export interface HashCostBounds {
  argon2: { maxMemoryKib: number; maxBlockPasses: number; maxParallelism: number };
  bcryptMaxCost: number;
  sha512CryptMaxRounds: number;
  sha256CryptMaxRounds: number;
}

export type HashCostVerdict =
  { kind: 'acceptable' } | { kind: 'malformed' } | { kind: 'tooCostly'; limit: string };

/** The bounds that follow from Yubin's own argon2id parameters. */
export function hashCostBounds(configured: Argon2Parameters): HashCostBounds {
  const own = configured.memoryKib * configured.iterations;
  const rounds = (perRound: number): number =>
    Math.max(SHA_CRYPT_DEFAULT_ROUNDS, Math.floor((BLOCKING_BUDGET * own) / perRound));
  return {
    argon2: {
      maxMemoryKib: Math.min(
        DOVECOT_ARGON2_MAX_MEMORY_KIB,
        ARGON2_SHAPE_FACTOR * configured.memoryKib,
      ),
      maxBlockPasses: BUDGET * own,
      maxParallelism: ARGON2_SHAPE_FACTOR * configured.parallelism,
    },
    bcryptMaxCost: Math.min(
      BCRYPT_MAX_COST,
      Math.floor(Math.log2((BUDGET * own) / BLOCK_PASSES_PER.bcryptRound)),
    ),
    sha512CryptMaxRounds: rounds(BLOCK_PASSES_PER.sha512Round),
    sha256CryptMaxRounds: rounds(BLOCK_PASSES_PER.sha256Round),
  };
}

const ACCEPTABLE: HashCostVerdict = { kind: 'acceptable' };
const MALFORMED: HashCostVerdict = { kind: 'malformed' };

/** A decimal as crypt and PHC strings write it: no sign, no leading zero. */
function decimal(text: string | undefined): number | undefined {
  return text !== undefined && /^(?:0|[1-9]\d{0,9})$/.test(text) ? Number(text) : undefined;
}

function judgeShaCrypt(hash: string, maxRounds: number): HashCostVerdict {
  const spec = /^\$[56]\$rounds=([^$]*)\$/.exec(hash);
  const rounds = spec === null ? SHA_CRYPT_DEFAULT_ROUNDS : decimal(spec[1]);
  if (rounds === undefined || rounds < SHA_CRYPT_MIN_ROUNDS) return MALFORMED;
  return rounds <= maxRounds ? ACCEPTABLE : { kind: 'tooCostly', limit: `rounds ≤ ${maxRounds}` };
}

function judgeBcrypt(hash: string, maxCost: number): HashCostVerdict {
  const cost = decimal(/^\$2[aby]\$(\d{2})\$/.exec(hash)?.[1]?.replace(/^0/, ''));
  if (cost === undefined || cost < 4 || cost > 31) return MALFORMED;
  return cost <= maxCost ? ACCEPTABLE : { kind: 'tooCostly', limit: `cost ≤ ${maxCost}` };
}

function judgeArgon2(hash: string, bounds: HashCostBounds['argon2']): HashCostVerdict {
  const params = /^\$argon2i?d?\$v=19\$m=([^,$]*),t=([^,$]*),p=([^,$]*)\$/.exec(hash);
  const [m, t, p] = [params?.[1], params?.[2], params?.[3]].map(decimal);
  if (m === undefined || t === undefined || p === undefined) return MALFORMED;
  // argon2's own rules: at least one pass and one lane, and 8 KiB of memory per lane.
  if (t < 1 || p < 1 || m < 8 * p) return MALFORMED;
  const limit = `m ≤ ${bounds.maxMemoryKib}, m·t ≤ ${bounds.maxBlockPasses}, p ≤ ${bounds.maxParallelism}`;
  return m <= bounds.maxMemoryKib && m * t <= bounds.maxBlockPasses && p <= bounds.maxParallelism
    ? ACCEPTABLE
    : { kind: 'tooCostly', limit };
}

/**
 * Whether verifying a stored `{SCHEME}hash` (as `normaliseImportedHash` writes it, argon2
 * parameters in m,t,p order) stays within the bounds, and which bound it passes if not.
 */
export function judgeHashCost(stored: string, bounds: HashCostBounds): HashCostVerdict {
  const match = /^\{([A-Z0-9-]+)\}(.*)$/s.exec(stored);
  const scheme = match?.[1];
  const hash = match?.[2] ?? '';
  switch (scheme) {
    case 'SHA512-CRYPT':
      return hash.startsWith('$6$') ? judgeShaCrypt(hash, bounds.sha512CryptMaxRounds) : MALFORMED;
    case 'SHA256-CRYPT':
      return hash.startsWith('$5$') ? judgeShaCrypt(hash, bounds.sha256CryptMaxRounds) : MALFORMED;
    case 'BLF-CRYPT':
      return judgeBcrypt(hash, bounds.bcryptMaxCost);
    case 'ARGON2I':
      return hash.startsWith('$argon2i$') ? judgeArgon2(hash, bounds.argon2) : MALFORMED;
    case 'ARGON2ID':
      return hash.startsWith('$argon2id$') ? judgeArgon2(hash, bounds.argon2) : MALFORMED;
    case 'SSHA512':
      // One SHA-512 over password and salt: no cost parameter to abuse.
      return ACCEPTABLE;
    default:
      return MALFORMED;
  }
}
