import { hashCostBounds, judgeHashCost, type HashCostVerdict } from './hash-cost.js';

const DEFAULTS = { memoryKib: 32768, iterations: 3, parallelism: 1 };
const bounds = hashCostBounds(DEFAULTS);

const CHECKSUM_512 = 'a'.repeat(86);
const CHECKSUM_256 = 'b'.repeat(43);
const BCRYPT_TAIL = 'c'.repeat(53);
const ARGON2_TAIL = 'c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

const sha512 = (rounds: number | string): string =>
  `{SHA512-CRYPT}$6$rounds=${rounds}$saltsalt$${CHECKSUM_512}`;
const sha256 = (rounds: number | string): string =>
  `{SHA256-CRYPT}$5$rounds=${rounds}$saltsalt$${CHECKSUM_256}`;
const bcrypt = (cost: number): string =>
  `{BLF-CRYPT}$2y$${String(cost).padStart(2, '0')}$${BCRYPT_TAIL}`;
const argon2id = (m: number | string, t: number | string, p: number | string): string =>
  `{ARGON2ID}$argon2id$v=19$m=${m},t=${t},p=${p}$${ARGON2_TAIL}`;

const kind = (stored: string): HashCostVerdict['kind'] => judgeHashCost(stored, bounds).kind;

describe('imported hash cost bounds', () => {
  it('derives each bound from the configured argon2id parameters', () => {
    expect(bounds).toEqual({
      argon2: { maxMemoryKib: 131072, maxBlockPasses: 786432, maxParallelism: 4 },
      bcryptMaxCost: 12,
      sha512CryptMaxRounds: 24576,
      sha256CryptMaxRounds: 32768,
    });
  });

  it('keeps argon2 memory within what Dovecot verifies and bcrypt at cost 13, however costly our own hash', () => {
    const most = hashCostBounds({ memoryKib: 229376, iterations: 10, parallelism: 8 });
    expect(most.argon2.maxMemoryKib).toBe(229376);
    expect(most.bcryptMaxCost).toBe(13);
    expect(most.sha512CryptMaxRounds).toBe(573440);
  });

  it("always accepts crypt's default 5000 rounds, however cheap our own hash", () => {
    const least = hashCostBounds({ memoryKib: 19456, iterations: 1, parallelism: 1 });
    expect(least.sha512CryptMaxRounds).toBe(5000);
    expect(least.sha256CryptMaxRounds).toBe(6485);
    expect(least.bcryptMaxCost).toBe(10);
  });

  it.each([
    ['SHA512-CRYPT', sha512, 24576],
    ['SHA256-CRYPT', sha256, 32768],
  ])('bounds %s rounds', (_scheme, make, max) => {
    expect(kind(make(max - 1))).toBe('acceptable');
    expect(kind(make(max))).toBe('acceptable');
    expect(kind(make(max + 1))).toBe('tooCostly');
    expect(kind(make(999_999_999))).toBe('tooCostly');
  });

  it('takes SHA-crypt without a rounds field as 5000 rounds', () => {
    expect(kind(`{SHA512-CRYPT}$6$saltsalt$${CHECKSUM_512}`)).toBe('acceptable');
  });

  it.each([
    ['fewer than 1000 rounds', sha512('0999')],
    ['a leading zero', sha512('05000')],
    ['no number', sha512('')],
    ['a mismatched scheme', `{SHA512-CRYPT}$5$rounds=5000$saltsalt$${CHECKSUM_256}`],
  ])('refuses SHA-crypt with %s as malformed', (_reason, stored) => {
    expect(kind(stored)).toBe('malformed');
  });

  it('bounds the bcrypt cost', () => {
    expect(kind(bcrypt(11))).toBe('acceptable');
    expect(kind(bcrypt(12))).toBe('acceptable');
    expect(kind(bcrypt(13))).toBe('tooCostly');
    expect(kind(bcrypt(31))).toBe('tooCostly');
    expect(judgeHashCost(bcrypt(13), bounds)).toEqual({ kind: 'tooCostly', limit: 'cost ≤ 12' });
  });

  it('refuses a bcrypt cost below 4 as malformed', () => {
    expect(kind(bcrypt(3))).toBe('malformed');
  });

  it('bounds argon2 memory', () => {
    expect(kind(argon2id(131071, 1, 1))).toBe('acceptable');
    expect(kind(argon2id(131072, 1, 1))).toBe('acceptable');
    expect(kind(argon2id(131073, 1, 1))).toBe('tooCostly');
    expect(kind(argon2id(9_961_472, 1, 1))).toBe('tooCostly');
  });

  it('bounds argon2 work, memory times passes', () => {
    expect(kind(argon2id(65536, 11, 1))).toBe('acceptable');
    expect(kind(argon2id(65536, 12, 1))).toBe('acceptable');
    expect(kind(argon2id(65536, 13, 1))).toBe('tooCostly');
  });

  it('bounds argon2 lanes', () => {
    expect(kind(argon2id(65536, 3, 3))).toBe('acceptable');
    expect(kind(argon2id(65536, 3, 4))).toBe('acceptable');
    expect(kind(argon2id(65536, 3, 5))).toBe('tooCostly');
  });

  it('bounds argon2i like argon2id', () => {
    expect(kind(`{ARGON2I}$argon2i$v=19$m=131072,t=6,p=1$${ARGON2_TAIL}`)).toBe('acceptable');
    expect(kind(`{ARGON2I}$argon2i$v=19$m=131072,t=7,p=1$${ARGON2_TAIL}`)).toBe('tooCostly');
  });

  it.each([
    ['no passes', argon2id(65536, 0, 1)],
    ['no lanes', argon2id(65536, 3, 0)],
    ['less than 8 KiB per lane', argon2id(31, 1, 4)],
    ['a leading zero', argon2id('065536', 3, 1)],
    ['parameters out of order', `{ARGON2ID}$argon2id$v=19$m=65536,p=1,t=3$${ARGON2_TAIL}`],
    ['a mismatched scheme', `{ARGON2ID}$argon2i$v=19$m=65536,t=3,p=1$${ARGON2_TAIL}`],
  ])('refuses argon2 with %s as malformed', (_reason, stored) => {
    expect(kind(stored)).toBe('malformed');
  });

  it('accepts SSHA512, which has no cost parameter', () => {
    expect(kind(`{SSHA512}${'A'.repeat(88)}`)).toBe('acceptable');
  });

  it('refuses an unknown scheme as malformed', () => {
    expect(kind('{PLAIN}secret')).toBe('malformed');
  });
});
