import { inject } from 'vitest';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mailRoleNames } from '../../src/infra/database/mail-roles.js';
import type { ApiClient } from '../support/api-client.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createToken } from '../support/factory.js';
import { createDatabase, migrate } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const MAP_KEY = 'rspamd-map-key-0123456789abcdef0123456789';
const SIGNER_KEY = 'dkim-signer-key-0123456789abcdef012345678';
const READER_PASSWORD = 'integration-reader-0123456789';

function basic(password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`rspamd:${password}`).toString('base64')}` };
}

interface DkimKey {
  selector: string;
  algorithm: string;
  state: string;
  publicKey: string;
  dnsName: string;
  dnsValue: string;
  activatedAt: string | null;
}

/** The private key a key-table line carries, as node:crypto reads it. */
function privateKeyOf(algorithm: string, inline: string) {
  const der = Buffer.from(inline, 'base64');
  if (algorithm === 'ed25519') {
    // PKCS#8 for Ed25519 is a fixed 16-byte prefix and the 32-byte seed.
    const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
    return createPrivateKey({ key: Buffer.concat([prefix, der]), format: 'der', type: 'pkcs8' });
  }
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
}

function publicKeyOf(algorithm: string, p: string) {
  const raw = Buffer.from(p, 'base64');
  if (algorithm === 'ed25519') {
    const prefix = Buffer.from('302a300506032b6570032100', 'hex');
    return createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
  }
  return createPublicKey({ key: raw, format: 'der', type: 'spki' });
}

describe('DKIM keys (/domains/{domain}/dkim-keys) and the signer maps', () => {
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    // A database of its own: the signer's tables span every domain, so another spec's
    // keys would change them under the ETag assertions.
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_dkim');
    await migrate(database.url);
    t = await startTestApp(
      {
        MAIL_AUTH_POLICY_SECRET: MAP_KEY,
        MAIL_DKIM_SIGNER_SECRET: SIGNER_KEY,
        MAIL_READER_PASSWORD: READER_PASSWORD,
      },
      database.url,
    );
    root = await t.superadmin();
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  async function newKey(domain: string, body: object): Promise<DkimKey> {
    const created = await root.post(`${API}/domains/${domain}/dkim-keys`, { body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as DkimKey;
  }

  async function fetchMap(map: string, headers: Record<string, string>) {
    const response = await fetch(`${t.baseUrl}${API}/internal/rspamd/${map}`, { headers });
    return {
      status: response.status,
      text: await response.text(),
      etag: response.headers.get('etag'),
    };
  }

  it('makes an RSA key that signs at once and an Ed25519 key that waits, both in the DNS records', async () => {
    const domain = (await createDomain(root)).name as string;
    const rsa = await newKey(domain, { algorithm: 'rsa-2048' });
    expect(rsa).toMatchObject({ algorithm: 'rsa-2048', state: 'active' });
    expect(rsa.selector).toMatch(/^y\d{4}q[1-4]a$/);
    expect(rsa.activatedAt).not.toBeNull();
    expect(JSON.stringify(rsa)).not.toMatch(/private/i);
    const ed = await newKey(domain, { algorithm: 'ed25519', selector: ' Ed-One ' });
    expect(ed).toMatchObject({ selector: 'ed-one', state: 'published', activatedAt: null });
    expect(Buffer.from(ed.publicKey, 'base64')).toHaveLength(32);

    const records = (await root.get(`${API}/domains/${domain}/dns-records`)).body.records as {
      type: string;
      name: string;
      value: string;
    }[];
    const dkim = records.filter((r) => r.name.includes('._domainkey.'));
    expect(dkim.map((r) => r.name).sort()).toEqual(
      [`${rsa.selector}._domainkey.${domain}.`, `ed-one._domainkey.${domain}.`].sort(),
    );
    const rsaRecord = dkim.find((r) => r.name.startsWith(rsa.selector))!;
    expect(rsaRecord.value).toBe(rsa.dnsValue);
    // An RSA 2048 record is longer than one TXT string: quoted pieces of at most 255 bytes.
    const pieces = [...rsaRecord.value.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((piece) => Buffer.byteLength(piece) <= 255)).toBe(true);
    expect(pieces.join('')).toBe(`v=DKIM1; k=rsa; p=${rsa.publicKey}`);

    const listed = (await root.get(`${API}/domains/${domain}/dkim-keys`)).body.keys as DkimKey[];
    expect(listed.map((k) => k.selector).sort()).toEqual([rsa.selector, 'ed-one'].sort());
  });

  it('refuses a taken or malformed selector, and deleting the signing key', async () => {
    const domain = (await createDomain(root)).name as string;
    const first = await newKey(domain, { algorithm: 'ed25519' });
    const second = await newKey(domain, { algorithm: 'ed25519' });
    expect(second.selector).not.toBe(first.selector);
    expectProblem(
      await root.post(`${API}/domains/${domain}/dkim-keys`, {
        body: { algorithm: 'ed25519', selector: first.selector },
      }),
      409,
      'DKIM_SELECTOR_TAKEN',
    );
    for (const selector of ['a.b', 'under_score', '-x', 'x'.repeat(64)]) {
      const refused = await root.post(`${API}/domains/${domain}/dkim-keys`, {
        body: { algorithm: 'ed25519', selector },
      });
      expectProblem(refused, 422, 'VALIDATION_FAILED');
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'selector', code: 'isDkimSelector' }),
      ]);
    }
    expectProblem(
      await root.post(`${API}/domains/${domain}/dkim-keys`, { body: { algorithm: 'rsa-1024' } }),
      422,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await root.delete(`${API}/domains/${domain}/dkim-keys/${first.selector}`),
      409,
      'DKIM_KEY_SIGNING',
    );
    expect(
      (await root.delete(`${API}/domains/${domain}/dkim-keys/${second.selector}`)).status,
    ).toBe(204);
    expectProblem(
      await root.delete(`${API}/domains/${domain}/dkim-keys/${second.selector}`),
      404,
      'DKIM_KEY_NOT_FOUND',
    );
    const names = (
      (await root.get(`${API}/domains/${domain}/dns-records`)).body.records as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(names).toContain(`${first.selector}._domainkey.${domain}.`);
    expect(names).not.toContain(`${second.selector}._domainkey.${domain}.`);
    const audit = await t.sql.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE domain_name = $1 AND action LIKE 'dkim-key.%' ORDER BY occurred_at`,
      [domain],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'dkim-key.create',
      'dkim-key.create',
      'dkim-key.delete',
    ]);
  });

  it('a token of another domain reads and changes none of its keys (404)', async () => {
    const domain = (await createDomain(root)).name as string;
    const key = await newKey(domain, { algorithm: 'ed25519' });
    const other = (await createDomain(root)).name as string;
    const token = await createToken(root, {
      scopes: ['domains:read', 'domains:write'],
      domains: [other],
    });
    const outsider = t.anonymous().withToken(token.token);
    const path = `${API}/domains/${domain}/dkim-keys`;
    expectProblem(await outsider.get(path), 404, 'DOMAIN_NOT_FOUND');
    expectProblem(
      await outsider.post(path, { body: { algorithm: 'ed25519' } }),
      404,
      'DOMAIN_NOT_FOUND',
    );
    expectProblem(await outsider.delete(`${path}/${key.selector}`), 404, 'DOMAIN_NOT_FOUND');
    expect(((await root.get(path)).body.keys as DkimKey[]).length).toBe(1);
  });

  it('seals private keys at rest, and the mail reader role cannot read them', async () => {
    const domain = (await createDomain(root)).name as string;
    await newKey(domain, { algorithm: 'ed25519' });
    const { rows } = await t.sql.query<{ private_key_sealed: string }>(
      `SELECT k.private_key_sealed FROM dkim_key k JOIN domain d ON d.id = k.domain_id WHERE d.name = $1`,
      [domain],
    );
    expect(rows[0]!.private_key_sealed).toMatch(/^v1\./);
    const table = (await fetchMap('dkim-key-table', basic(SIGNER_KEY))).text;
    const inline = new RegExp(`^${domain.replace(/\./g, '\\.')} [^:]+:[^:]+:(\\S+)$`, 'm').exec(
      table,
    )?.[1];
    expect(inline).toBeDefined();
    expect(rows[0]!.private_key_sealed).not.toContain(inline!);

    const { rows: names } = await t.sql.query<{ name: string }>(
      'SELECT current_database() AS name',
    );
    const reader = mailRoleNames(names[0]!.name).reader;
    const client = await t.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${reader}`);
      await expect(
        client.query('SELECT private_key_sealed FROM public.dkim_key'),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    const views = await t.sql.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.columns
        WHERE column_name LIKE '%private%' AND table_schema <> 'information_schema'`,
    );
    expect(views.rows).toEqual([{ table_schema: 'public', table_name: 'dkim_key' }]);
  });

  it('serves the active keys to the signer key only, and they sign what the published keys verify', async () => {
    const rsaDomain = (await createDomain(root)).name as string;
    const edDomain = (await createDomain(root)).name as string;
    const rsa = await newKey(rsaDomain, { algorithm: 'rsa-2048' });
    const ed = await newKey(edDomain, { algorithm: 'ed25519' });
    const standby = await newKey(edDomain, { algorithm: 'rsa-2048' });

    for (const map of ['dkim-signing-table', 'dkim-key-table']) {
      // The mail server's other key (Dovecot holds it), none, or a user: refused.
      expect((await fetchMap(map, basic(MAP_KEY))).status).toBe(401);
      expect((await fetchMap(map, { 'x-yubin-mail-server-key': MAP_KEY })).status).toBe(401);
      expect((await fetchMap(map, {})).status).toBe(401);
      expect((await root.get(`${API}/internal/rspamd/${map}`)).status).toBe(401);
    }

    const signing = await fetchMap('dkim-signing-table', basic(SIGNER_KEY));
    expect(signing.status).toBe(200);
    expect(signing.text).toContain(`\n*@${rsaDomain} ${rsaDomain}\n`);
    expect(signing.text).toContain(`\n*@${edDomain} ${edDomain}\n`);

    const keys = await fetchMap('dkim-key-table', basic(SIGNER_KEY));
    expect(keys.status).toBe(200);
    const lines = new Map(
      keys.text
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => [line.split(' ')[0]!, line.split(' ')[1]!] as const),
    );
    const message = Buffer.from('the signed data');
    for (const [domain, key] of [
      [rsaDomain, rsa],
      [edDomain, ed],
    ] as const) {
      const [d, selector, inline] = lines.get(domain)!.split(':');
      expect([d, selector]).toEqual([domain, key.selector]);
      const hash = key.algorithm === 'ed25519' ? null : 'sha256';
      const signature = sign(hash, message, privateKeyOf(key.algorithm, inline!));
      expect(verify(hash, message, publicKeyOf(key.algorithm, key.publicKey), signature)).toBe(
        true,
      );
    }
    expect(keys.text).not.toContain(`:${standby.selector}:`);

    // Unchanged: 304 without a body; a new signer changes the tag.
    const again = await fetchMap('dkim-key-table', {
      ...basic(SIGNER_KEY),
      'if-none-match': keys.etag!,
    });
    expect(again).toMatchObject({ status: 304, text: '' });
    const other = (await createDomain(root)).name as string;
    await newKey(other, { algorithm: 'ed25519' });
    const changed = await fetchMap('dkim-key-table', {
      ...basic(SIGNER_KEY),
      'if-none-match': keys.etag!,
    });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain(`${other} ${other}:`);
  });

  it('records the first message the signer reports for a key, from the signer key only, and /dns-status shows it', async () => {
    const domain = (await createDomain(root)).name as string;
    const key = await newKey(domain, { algorithm: 'ed25519' });
    const report = (headers: Record<string, string>, signatures: unknown) =>
      fetch(`${t.baseUrl}${API}/internal/rspamd/dkim-signed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ signatures }),
      });
    const firstSigned = async () => {
      const keys = (await root.get(`${API}/domains/${domain}/dkim-keys`)).body.keys as {
        selector: string;
        firstSignedAt: string | null;
      }[];
      const status = (await root.get(`${API}/dns-status`)).body.items as {
        domain: string;
        firstSignedAt: string | null;
      }[];
      return {
        key: keys.find((k) => k.selector === key.selector)?.firstSignedAt,
        status: status.find((item) => item.domain === domain)?.firstSignedAt,
      };
    };
    const signature = `${domain}:s=${key.selector}`;
    expect(await firstSigned()).toEqual({ key: null, status: null });

    // The mail server's other key, none, or an administrator: refused, nothing recorded.
    expect((await report(basic(MAP_KEY), [signature])).status).toBe(401);
    expect((await report({}, [signature])).status).toBe(401);
    expect(
      (await root.post(`${API}/internal/rspamd/dkim-signed`, { body: { signatures: [signature] } }))
        .status,
    ).toBe(401);
    expect(await firstSigned()).toEqual({ key: null, status: null });
    // Not a list of strings: refused.
    expect((await report(basic(SIGNER_KEY), 'x')).status).toBe(422);

    // Another domain's selector, an unknown key and noise change nothing here.
    expect(
      (
        await report(basic(SIGNER_KEY), [
          `${domain}:s=nokey`,
          'garbage',
          `other.example:s=${key.selector}`,
        ])
      ).status,
    ).toBe(204);
    expect(await firstSigned()).toEqual({ key: null, status: null });

    expect((await report(basic(SIGNER_KEY), [signature.toUpperCase()])).status).toBe(204);
    const first = await firstSigned();
    expect(first.key).not.toBeNull();
    expect(first.status).toBe(first.key);
    // Later messages keep the first date.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await report(basic(SIGNER_KEY), [signature])).status).toBe(204);
    expect(await firstSigned()).toEqual(first);
  });
});
