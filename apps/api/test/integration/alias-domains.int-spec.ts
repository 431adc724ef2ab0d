import type { ApiClient } from '../support/api-client.js';
import {
  createDomain,
  createMailbox,
  createToken,
  unique,
  uniqueDomainName,
} from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('alias domains', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  async function createAliasDomain(targetDomain: string, name = uniqueDomainName()): Promise<any> {
    const response = await admin.post('/api/v1/alias-domains', { body: { name, targetDomain } });
    if (response.status !== 201)
      throw new Error(`createAliasDomain: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function aliasDomainRows(name: string): Promise<number> {
    const result = await t.sql.query(
      'SELECT count(*)::int AS n FROM alias_domain WHERE name = $1',
      [name],
    );
    return (result.rows[0] as { n: number }).n;
  }

  it('creates an alias domain and returns it', async () => {
    const target = await createDomain(admin);
    const name = uniqueDomainName();
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name: name.toUpperCase(), targetDomain: target.name.toUpperCase() },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      name,
      unicodeName: name,
      targetDomain: target.name,
      active: true,
      createdAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(response.body.createdAt as string))).toBe(false);

    const read = await admin.get(`/api/v1/alias-domains/${name}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it('stores internationalised names as punycode and finds them by either form', async () => {
    const target = await createDomain(admin);
    const label = `別名${Math.random().toString(36).slice(2, 8)}`;
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name: `${label}.example`, targetDomain: target.name },
    });
    expect(response.status).toBe(201);
    expect(response.body.name).toMatch(/^xn--[a-z0-9-]+\.example$/);
    expect(response.body.unicodeName).toBe(`${label}.example`);
    const byUnicode = await admin.get(
      `/api/v1/alias-domains/${encodeURIComponent(`${label}.example`)}`,
    );
    expect(byUnicode.status).toBe(200);
    expect(byUnicode.body.name).toBe(response.body.name);
  });

  it('refuses a name that is already a domain with 409 ALIAS_DOMAIN_EXISTS', async () => {
    const target = await createDomain(admin);
    const existing = await createDomain(admin);
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name: existing.name, targetDomain: target.name },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 409, code: 'ALIAS_DOMAIN_EXISTS' });
    expect(await aliasDomainRows(existing.name)).toBe(0);

    const itself = await admin.post('/api/v1/alias-domains', {
      body: { name: target.name, targetDomain: target.name },
    });
    expect(itself.status).toBe(409);
    expect(itself.body.code).toBe('ALIAS_DOMAIN_EXISTS');
  });

  it('refuses a name that is already an alias domain with 409 ALIAS_DOMAIN_EXISTS', async () => {
    const target = await createDomain(admin);
    const other = await createDomain(admin);
    const aliasDomain = await createAliasDomain(target.name);
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name: aliasDomain.name.toUpperCase(), targetDomain: other.name },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('ALIAS_DOMAIN_EXISTS');
    const read = await admin.get(`/api/v1/alias-domains/${aliasDomain.name}`);
    expect(read.body.targetDomain).toBe(target.name);
  });

  it('refuses a domain whose name is an alias domain with 409 DOMAIN_EXISTS', async () => {
    const target = await createDomain(admin);
    const aliasDomain = await createAliasDomain(target.name);
    const response = await admin.post('/api/v1/domains', {
      body: { name: aliasDomain.name.toUpperCase() },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('DOMAIN_EXISTS');
    expect((await admin.get(`/api/v1/domains/${aliasDomain.name}`)).status).toBe(404);
  });

  it('refuses an unknown target with 404 DOMAIN_NOT_FOUND', async () => {
    const name = uniqueDomainName();
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name, targetDomain: uniqueDomainName() },
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('DOMAIN_NOT_FOUND');
    expect(await aliasDomainRows(name)).toBe(0);
  });

  it('validates the body', async () => {
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name: 'not a domain', targetDomain: 'localhost', active: false },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.errors as { field: string; code: string }[]).map(
      (e) => `${e.field}:${e.code}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'name:isDomainName',
        'targetDomain:domainSingleLabel',
        'active:unknownField',
      ]),
    );

    const missing = await admin.post('/api/v1/alias-domains', { body: {} });
    expect(missing.status).toBe(422);
    expect((missing.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      expect.arrayContaining(['name', 'targetDomain']),
    );
  });

  it('deletes an alias domain, answers 404 afterwards, and frees the name', async () => {
    const target = await createDomain(admin);
    const aliasDomain = await createAliasDomain(target.name);
    const deleted = await admin.delete(`/api/v1/alias-domains/${aliasDomain.name}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe('');

    const gone = await admin.get(`/api/v1/alias-domains/${aliasDomain.name}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('ALIAS_DOMAIN_NOT_FOUND');
    const again = await admin.delete(`/api/v1/alias-domains/${aliasDomain.name}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('ALIAS_DOMAIN_NOT_FOUND');
    expect(await aliasDomainRows(aliasDomain.name)).toBe(0);
    // The target is untouched.
    expect((await admin.get(`/api/v1/domains/${target.name}`)).status).toBe(200);

    const asDomain = await admin.post('/api/v1/domains', { body: { name: aliasDomain.name } });
    expect(asDomain.status).toBe(201);
  });

  it('answers 404 ALIAS_DOMAIN_NOT_FOUND for an unknown name, and for a real domain', async () => {
    const domain = await createDomain(admin);
    for (const name of [uniqueDomainName(), domain.name]) {
      const response = await admin.get(`/api/v1/alias-domains/${name}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('ALIAS_DOMAIN_NOT_FOUND');
    }
    const deleteDomain = await admin.delete(`/api/v1/alias-domains/${domain.name}`);
    expect(deleteDomain.status).toBe(404);
    expect((await admin.get(`/api/v1/domains/${domain.name}`)).status).toBe(200);
  });

  it('removes a domain’s alias domains when the domain is deleted with force', async () => {
    const target = await createDomain(admin);
    await createMailbox(admin, target.name);
    const first = await createAliasDomain(target.name);
    const second = await createAliasDomain(target.name);
    const bystanderTarget = await createDomain(admin);
    const bystander = await createAliasDomain(bystanderTarget.name);

    const forced = await admin.delete(`/api/v1/domains/${target.name}?force=true`);
    expect(forced.status).toBe(204);
    for (const name of [first.name, second.name]) {
      expect((await admin.get(`/api/v1/alias-domains/${name}`)).status).toBe(404);
      expect(await aliasDomainRows(name as string)).toBe(0);
    }
    expect((await admin.get(`/api/v1/alias-domains/${bystander.name}`)).status).toBe(200);

    // The names are free again.
    const reused = await createDomain(admin);
    expect((await createAliasDomain(reused.name, first.name)).targetDomain).toBe(reused.name);
  });

  it('lists by target domain and prefix, paging by name without gaps or repeats', async () => {
    const target = await createDomain(admin);
    const other = await createDomain(admin);
    const prefix = unique('ad');
    const names: string[] = [];
    for (let i = 0; i < 5; i++)
      names.push((await createAliasDomain(target.name, `${prefix}${i}.example`)).name as string);
    const otherName = (await createAliasDomain(other.name, `${prefix}x.example`)).name as string;

    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.get(
        `/api/v1/alias-domains?targetDomain=${target.name.toUpperCase()}&limit=2${
          cursor === null ? '' : `&cursor=${cursor}`
        }`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page.body.items as any[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(seen.map((d) => d.name)).toEqual([...names].sort());
    expect(seen.every((d) => d.targetDomain === target.name)).toBe(true);

    const byPrefix = await admin.get(`/api/v1/alias-domains?q=${prefix.toUpperCase()}&limit=200`);
    expect(byPrefix.status).toBe(200);
    expect(byPrefix.body.items.map((d: { name: string }) => d.name)).toEqual(
      [...names, otherName].sort(),
    );
    expect(byPrefix.body.nextCursor).toBeNull();

    const both = await admin.get(`/api/v1/alias-domains?q=${prefix}&targetDomain=${other.name}`);
    expect(both.body.items).toEqual([
      {
        name: otherName,
        unicodeName: otherName,
        targetDomain: other.name,
        active: true,
        createdAt: expect.any(String),
      },
    ]);
  });

  it('answers 404 DOMAIN_NOT_FOUND when listing for an unknown target', async () => {
    const response = await admin.get(`/api/v1/alias-domains?targetDomain=${uniqueDomainName()}`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('DOMAIN_NOT_FOUND');
  });

  it('lets only a principal of all domains add or remove alias domains', async () => {
    const target = await createDomain(admin);
    const existing = await createAliasDomain(target.name);
    const scoped = await createToken(admin, {
      scopes: ['domains:write'],
      domains: [target.name],
    });
    const client = admin.withToken(scoped.token);
    const name = uniqueDomainName();
    const created = await client.post('/api/v1/alias-domains', {
      body: { name, targetDomain: target.name },
    });
    expect(created.status).toBe(403);
    expect(created.body.code).toBe('FORBIDDEN');
    expect(await aliasDomainRows(name)).toBe(0);
    const deleted = await client.delete(`/api/v1/alias-domains/${existing.name}`);
    expect(deleted.status).toBe(403);
    expect(await aliasDomainRows(existing.name as string)).toBe(1);

    // It may still read the alias domains of its domain.
    const read = await client.get(`/api/v1/alias-domains/${existing.name}`);
    expect(read.status).toBe(200);
  });
});
