import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { inject } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { KnotServer, missingDnsTools, zoneAround } from '../support/dns-tools.js';
import { createDomain, createToken, uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createDatabase, migrate } from '../support/test-database.js';

const API = '/api/v1';
const SIGNER_KEY = 'dkim-signer-key-0123456789abcdef012345678';
const TSIG = {
  name: 'yubin-update',
  algorithm: 'hmac-sha256',
  secret: Buffer.from('a TSIG secret of thirty-two byte').toString('base64'),
};

interface StatusItem {
  domain: string;
  records: number;
  ok: number;
  problems: number;
  unverified: number;
  checkedAt: string | null;
  publishedAt: string | null;
  firstSignedAt: string | null;
}

const skip = missingDnsTools('knotd', 'knotc');

describe.skipIf(skip !== undefined)('/dns-status for many domains', () => {
  let knot: KnotServer;
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let root: ApiClient;
  let reader: ApiClient;
  const names = Array.from({ length: 12 }, () => uniqueDomainName()).sort();

  beforeAll(async () => {
    knot = await KnotServer.start(
      Object.fromEntries(names.map((name) => [name, zoneAround(name, '')])),
      { updateKey: TSIG },
    );
    // A database of its own: /dns-status reads the first 200 domains by name.
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_dnsstatus');
    await migrate(database.url);
    t = await startTestApp(
      { DNS_RESOLVER: knot.address, MAIL_DKIM_SIGNER_SECRET: SIGNER_KEY },
      database.url,
    );
    root = await t.superadmin();
    for (const name of names) await createDomain(root, { name });
    reader = t.anonymous().withToken((await createToken(root, { scopes: ['domains:read'] })).token);
  });
  afterAll(async () => {
    await t.close();
    await knot.stop();
    await database.drop();
  });

  async function status(): Promise<StatusItem[]> {
    const response = await reader.get(`${API}/dns-status`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items as StatusItem[];
  }

  /** What the domain's own pages say, one domain at a time. */
  async function expected(name: string, publishedAt: string | null): Promise<StatusItem> {
    const { records, checkedAt } = (await root.get(`${API}/domains/${name}/dns-records`)).body as {
      records: { status: string }[];
      checkedAt: string | null;
    };
    const keys = (await root.get(`${API}/domains/${name}/dkim-keys`)).body.keys as {
      firstSignedAt: string | null;
    }[];
    const count = (...statuses: string[]) =>
      records.filter((r) => statuses.includes(r.status)).length;
    return {
      domain: name,
      records: records.length,
      ok: count('ok'),
      problems: count('missing', 'mismatch'),
      unverified: count('unverified'),
      checkedAt,
      publishedAt,
      firstSignedAt: keys.find((key) => key.firstSignedAt !== null)?.firstSignedAt ?? null,
    };
  }

  /** How many SQL statements the API runs to answer /dns-status. */
  async function queriesFor(): Promise<number> {
    const spy = vi.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await status();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('answers each domain as its own pages do, whatever state each is in', async () => {
    const published = new Map<string, string>();
    for (const [i, name] of names.entries()) {
      const domain = `${API}/domains/${name}`;
      if (i % 2 === 0) {
        const key = await root.post(`${domain}/dkim-keys`, { body: { algorithm: 'ed25519' } });
        expect(key.status).toBe(201);
        if (i % 6 === 0) {
          const reported = await fetch(`${t.baseUrl}${API}/internal/rspamd/dkim-signed`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Basic ${Buffer.from(`rspamd:${SIGNER_KEY}`).toString('base64')}`,
            },
            body: JSON.stringify({ signatures: [`${name}:s=${key.body.selector as string}`] }),
          });
          expect(reported.status).toBe(204);
        }
      }
      if (i % 3 === 0) {
        const put = await root.put(`${domain}/dns-settings`, { body: { dmarcPolicy: 'reject' } });
        expect(put.status).toBe(200);
      }
      if (i % 4 === 0) {
        const setUp = await root.put(`${domain}/dns-publishing`, {
          body: {
            server: knot.address,
            zone: name,
            tsigKeyName: TSIG.name,
            tsigAlgorithm: TSIG.algorithm,
            tsigSecret: TSIG.secret,
          },
        });
        expect(setUp.status).toBe(200);
        const publish = await root.post(`${domain}/dns-records/publish`);
        expect(publish.status, JSON.stringify(publish.body)).toBe(200);
        published.set(name, publish.body.publishedAt as string);
      }
      if (i % 4 === 0 || i % 5 === 0) {
        expect((await root.post(`${domain}/dns-records/verify`)).status).toBe(200);
      }
    }

    const items = await status();
    const wanted = [];
    for (const name of names) wanted.push(await expected(name, published.get(name) ?? null));
    expect(items).toEqual(wanted);
    // The states the domains were put in all show.
    expect(items.filter((item) => item.problems === 0 && item.unverified === 0)).not.toEqual([]);
    expect(items.filter((item) => item.problems > 0)).not.toEqual([]);
    expect(items.filter((item) => item.checkedAt === null)).not.toEqual([]);
    expect(items.filter((item) => item.publishedAt !== null)).toHaveLength(3);
    expect(items.filter((item) => item.firstSignedAt !== null)).toHaveLength(2);
  });

  it('runs as many queries for twice the domains', async () => {
    await status();
    const before = await queriesFor();
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < names.length; i += 1) {
      const name = (await createDomain(root)).name as string;
      await root.post(`${API}/domains/${name}/dkim-keys`, { body: { algorithm: 'ed25519' } });
      await root.put(`${API}/domains/${name}/dns-settings`, { body: { dmarcPolicy: 'none' } });
    }
    await status();
    expect((await status()).length).toBe(2 * names.length);
    expect(await queriesFor()).toBe(before);
  });
});
