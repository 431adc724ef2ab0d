import type { ApiClient } from '../support/api-client.js';
import { createDomain, createMailbox, uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('domains', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  it('creates a domain with defaults and returns it with an ETag and Location', async () => {
    const name = uniqueDomainName();
    const response = await admin.post('/api/v1/domains', { body: { name } });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/domains/${name}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toEqual({
      name,
      unicodeName: name,
      description: '',
      active: true,
      maxMailboxes: 0,
      maxAliases: 0,
      defaultQuotaBytes: 5 * 1024 ** 3,
      maxQuotaBytes: 0,
      quotaBytes: 0,
      mailboxCount: 0,
      aliasCount: 0,
      usedBytes: 0,
      passwordMinLength: null,
      passwordMinScore: null,
      passwordPolicy: { minLength: 12, maxLength: 256, minScore: 3 },
      twoFactorPolicy: 'optional',
      twoFactorGraceDays: 7,
      twoFactorRequiredSince: null,
      mailHostname: null,
      language: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('gives a domain created without a default the configured one, which GET /settings shows', async () => {
    const settings = await admin.get('/api/v1/settings');
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      defaultMailboxQuotaBytes: 5 * 1024 ** 3,
      mailboxRetentionDays: 30,
      mailHostnamesConfigured: false,
    });
    const plain = await createDomain(admin);
    expect(plain.defaultQuotaBytes).toBe(settings.body.defaultMailboxQuotaBytes);
    // Within the domain's own limits, so that the settings fit together.
    const small = await createDomain(admin, { quotaBytes: 1024 ** 3 });
    expect(small.defaultQuotaBytes).toBe(1024 ** 3);
    const mailbox = await createMailbox(admin, plain.name);
    expect(mailbox.quotaBytes).toBe(5 * 1024 ** 3);
  });

  it('stores internationalised names as punycode and finds them by either form', async () => {
    const label = `例え${Math.random().toString(36).slice(2, 8)}`;
    const created = await admin.post('/api/v1/domains', { body: { name: `${label}.JP` } });
    expect(created.status).toBe(201);
    expect(created.body.name).toMatch(/^xn--[a-z0-9-]+\.jp$/);
    expect(created.body.unicodeName).toBe(`${label}.jp`.toLowerCase());
    const byUnicode = await admin.get(`/api/v1/domains/${encodeURIComponent(`${label}.jp`)}`);
    expect(byUnicode.status).toBe(200);
    expect(byUnicode.body.name).toBe(created.body.name);
  });

  it('refuses a duplicate name with 409 DOMAIN_EXISTS', async () => {
    const domain = await createDomain(admin);
    const again = await admin.post('/api/v1/domains', {
      body: { name: domain.name.toUpperCase() },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, code: 'DOMAIN_EXISTS' });
  });

  it('reports every invalid field at once, and refuses unknown fields', async () => {
    const response = await admin.post('/api/v1/domains', {
      body: { name: 'not a domain', maxMailboxes: -1, quotaBytes: 1.5, colour: 'blue' },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.errors as { field: string; code: string }[]).map(
      (e) => `${e.field}:${e.code}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'name:isDomainName',
        'maxMailboxes:min',
        'quotaBytes:isQuotaBytes',
        'colour:unknownField',
      ]),
    );
  });

  it('checks that quota settings fit together', async () => {
    const response = await admin.post('/api/v1/domains', {
      body: {
        name: uniqueDomainName(),
        quotaBytes: 1000,
        maxQuotaBytes: 2000,
        defaultQuotaBytes: 3000,
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'maxQuotaBytes', code: 'exceedsPool' }),
        expect.objectContaining({ field: 'defaultQuotaBytes', code: 'exceedsMax' }),
      ]),
    );
  });

  it('gives a new mailbox the per-mailbox ceiling when no default is set', async () => {
    const domain = await createDomain(admin, { maxQuotaBytes: 1_000_000 });
    expect(domain.defaultQuotaBytes).toBe(1_000_000);
  });

  it('updates with If-Match, and refuses a stale ETag with 412', async () => {
    const domain = await createDomain(admin);
    const read = await admin.get(`/api/v1/domains/${domain.name}`);
    const etag = read.headers.get('etag') as string;
    const first = await admin.patch(`/api/v1/domains/${domain.name}`, {
      body: { description: 'first' },
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    expect(first.body.description).toBe('first');
    expect(first.headers.get('etag')).not.toBe(etag);
    const stale = await admin.patch(`/api/v1/domains/${domain.name}`, {
      body: { description: 'second' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect((await admin.get(`/api/v1/domains/${domain.name}`)).body.description).toBe('first');
  });

  it('refuses to rename a domain', async () => {
    const domain = await createDomain(admin);
    const response = await admin.patch(`/api/v1/domains/${domain.name}`, {
      body: { name: uniqueDomainName() },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ field: 'name', code: 'unknownField' });
  });

  it('refuses limits below what the domain already holds', async () => {
    const domain = await createDomain(admin);
    await createMailbox(admin, domain.name);
    await createMailbox(admin, domain.name);
    const response = await admin.patch(`/api/v1/domains/${domain.name}`, {
      body: { maxMailboxes: 1 },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('DOMAIN_LIMIT_BELOW_USAGE');
  });

  it('refuses to delete a domain with mailboxes unless forced', async () => {
    const domain = await createDomain(admin);
    const mailbox = await createMailbox(admin, domain.name);
    const refused = await admin.delete(`/api/v1/domains/${domain.name}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DOMAIN_NOT_EMPTY');
    expect((await admin.get(`/api/v1/mailboxes/${mailbox.address}`)).status).toBe(200);

    const forced = await admin.delete(`/api/v1/domains/${domain.name}?force=true`);
    expect(forced.status).toBe(204);
    expect((await admin.get(`/api/v1/domains/${domain.name}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/mailboxes/${mailbox.address}`)).status).toBe(404);
  });

  it('deletes an empty domain and answers 404 afterwards', async () => {
    const domain = await createDomain(admin);
    expect((await admin.delete(`/api/v1/domains/${domain.name}`)).status).toBe(204);
    const gone = await admin.get(`/api/v1/domains/${domain.name}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('DOMAIN_NOT_FOUND');
  });

  it('pages through domains by name without gaps or repeats', async () => {
    const prefix = `page${Math.random().toString(36).slice(2, 8)}`;
    const names = await Promise.all(
      Array.from(
        { length: 7 },
        async (_, i) =>
          (await createDomain(admin, { name: `${prefix}${i}.example` })).name as string,
      ),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `q=${prefix}&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await admin.get(`/api/v1/domains?${query}`);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { name: string }[]).map((d) => d.name));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(seen).toEqual([...names].sort());
  });
});
