import type { ApiClient } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * An imported hash is verified at every wrong-password sign-in, by anyone who knows the
 * address, so its cost is bounded by Yubin's own argon2id (m=32768, t=3, p=1 here; the
 * bounds and their figures are in ADR 0003). The hashes below are well-formed; only their
 * cost parameters differ, and nothing verifies them on import.
 */
const CRYPT_512 = 'a'.repeat(86);
const CRYPT_256 = 'b'.repeat(43);
const BCRYPT = 'c'.repeat(53);
const ARGON2 = 'c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

const sha512 = (rounds: number | string): string =>
  `{SHA512-CRYPT}$6$rounds=${rounds}$saltsalt$${CRYPT_512}`;
const sha256 = (rounds: number): string =>
  `{SHA256-CRYPT}$5$rounds=${rounds}$saltsalt$${CRYPT_256}`;
const bcrypt = (cost: number): string => `{BLF-CRYPT}$2y$${cost}$${BCRYPT}`;
const argon2id = (m: number, t: number, p: number): string =>
  `{ARGON2ID}$argon2id$v=19$m=${m},t=${t},p=${p}$${ARGON2}`;

const TOO_COSTLY: [string, string][] = [
  ['bcrypt cost 31', bcrypt(31)],
  ['bcrypt cost 13', bcrypt(13)],
  ['SHA512-CRYPT with 999,999,999 rounds', sha512(999_999_999)],
  ['SHA512-CRYPT with 24,577 rounds', sha512(24_577)],
  ['SHA256-CRYPT with 32,769 rounds', sha256(32_769)],
  ['argon2id with m = 9.5 GiB', argon2id(9_961_472, 1, 1)],
  ['argon2id with 131,073 KiB', argon2id(131_073, 1, 1)],
  ['argon2id with m·t over 8 of our own', argon2id(65_536, 13, 1)],
  ['argon2id with 5 lanes', argon2id(65_536, 3, 5)],
];

const AT_THE_BOUND: [string, string][] = [
  ['bcrypt cost 12', bcrypt(12)],
  ['SHA512-CRYPT with 24,576 rounds', sha512(24_576)],
  ['SHA256-CRYPT with 32,768 rounds', sha256(32_768)],
  ['argon2id with m = 128 MiB, t = 6, p = 4', argon2id(131_072, 6, 4)],
];

const MALFORMED: [string, string][] = [
  ['SHA512-CRYPT with fewer than 1000 rounds', sha512('0999')],
  ['argon2id without passes', argon2id(65_536, 0, 1)],
  ['argon2id with less than 8 KiB per lane', argon2id(24, 1, 4)],
  ['argon2id with a parameter named twice', `{ARGON2ID}$argon2id$v=19$m=1,m=2,t=3$${ARGON2}`],
];

describe('imported hash cost', () => {
  let t: TestApp;
  let admin: ApiClient;
  let domain: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
    domain = (await createDomain(admin)).name as string;
  });
  afterAll(() => t.close());

  async function rows(address: string): Promise<number> {
    const result = await t.sql.query<{ count: string }>(
      'SELECT count(*) FROM mailbox WHERE address = $1',
      [address],
    );
    return Number(result.rows[0]!.count);
  }

  function importing(localPart: string, passwordHash: string) {
    return admin.post(`/api/v1/domains/${domain}/mailboxes`, {
      body: { localPart, passwordHash },
    });
  }

  it.each(TOO_COSTLY)('refuses %s with 422 and writes nothing', async (_case, passwordHash) => {
    const localPart = unique('costly');
    const response = await importing(localPart, passwordHash);
    expectProblem(response, 422, 'PASSWORD_HASH_TOO_COSTLY');
    expect(fieldErrors(response)).toEqual(['passwordHash:tooCostly']);
    expect(await rows(`${localPart}@${domain}`)).toBe(0);
  });

  it.each(AT_THE_BOUND)('accepts %s', async (_case, passwordHash) => {
    const localPart = unique('bound');
    const response = await importing(localPart, passwordHash);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(await rows(`${localPart}@${domain}`)).toBe(1);
  });

  it.each(MALFORMED)('refuses %s as malformed and writes nothing', async (_case, passwordHash) => {
    const localPart = unique('malformed');
    const response = await importing(localPart, passwordHash);
    expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(response)).toEqual(['passwordHash:unsupportedHash']);
    expect(await rows(`${localPart}@${domain}`)).toBe(0);
  });
});
