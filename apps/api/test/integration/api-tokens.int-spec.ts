import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { createDomain, createMailbox, createToken, uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TOKENS = '/api/v1/api-tokens';

function expectProblem(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    code,
    instance: expect.any(String),
  });
}

function fieldErrors(response: ApiResponse): string[] {
  return (response.body.errors as { field: string; code: string }[]).map(
    (e) => `${e.field}:${e.code}`,
  );
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('API tokens', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  async function listed(id: string): Promise<Record<string, unknown> | undefined> {
    const list = await admin.get(TOKENS);
    expect(list.status).toBe(200);
    return (list.body as Record<string, unknown>[]).find((token) => token.id === id);
  }

  describe('creating and listing', () => {
    it('creates a token and shows the secret once, with its hint and metadata', async () => {
      const me = await admin.get('/api/v1/me');
      const response = await admin.post(TOKENS, {
        body: { name: 'provisioning script', scopes: ['mailboxes:write', 'aliases:read'] },
      });
      expect(response.status).toBe(201);
      const token = response.body.token as string;
      expect(token).toMatch(/^ybn_/);
      expect(token.length).toBeGreaterThan(20);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'provisioning script',
        token,
        tokenHint: token.slice(0, 12),
        scopes: ['mailboxes:write', 'aliases:read'],
        domains: null,
        ownerId: me.body.id,
        expiresAt: null,
        lastUsedAt: null,
        createdAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(response.body.createdAt))).toBe(false);
    });

    it('lists tokens without their secret', async () => {
      const created = await createToken(admin, { scopes: ['domains:read'] });
      const list = await admin.get(TOKENS);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain(created.token);
      const item = (list.body as Record<string, unknown>[]).find((x) => x.id === created.id);
      const withoutSecret: Record<string, unknown> = { ...created };
      delete withoutSecret.token;
      expect(item).toEqual(withoutSecret);
      expect(item).not.toHaveProperty('token');
    });

    it('stores only the SHA-256 of the token', async () => {
      const created = await createToken(admin);
      const hash = await t.sql.query<{ token_hash: string }>(
        'SELECT token_hash FROM api_token WHERE id = $1',
        [created.id],
      );
      expect(hash.rows).toEqual([{ token_hash: sha256Hex(created.token) }]);

      const rows = await t.sql.query<{ row: string }>(
        'SELECT row_to_json(t)::text AS row FROM api_token t WHERE id = $1',
        [created.id],
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]!.row).not.toContain(created.token);
      // Only the 12-character hint is kept in clear: not enough to use the token.
      expect(rows.rows[0]!.row).toContain(created.token.slice(0, 12));
    });

    it('writes the secret neither to the audit log nor to the idempotency store', async () => {
      const key = randomUUID();
      const response = await admin.post(TOKENS, {
        body: { name: 'idempotent', scopes: ['domains:read'] },
        headers: { 'idempotency-key': key },
      });
      expect(response.status).toBe(201);
      const token = response.body.token as string;
      const audit = await t.sql.query<{ row: string }>(
        `SELECT row_to_json(a)::text AS row FROM audit_event a WHERE target_id = $1`,
        [response.body.id],
      );
      expect(audit.rows.length).toBeGreaterThan(0);
      for (const { row } of audit.rows) expect(row).not.toContain(token);
      const stored = await t.sql.query<{ row: string }>(
        `SELECT row_to_json(i)::text AS row FROM idempotency_record i WHERE key = $1`,
        [key],
      );
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0]!.row).not.toContain(token);
    });

    it('refuses an unknown scope and an empty scope list with 422', async () => {
      const unknown = await admin.post(TOKENS, {
        body: { name: 'bad', scopes: ['domains:read', 'domains:admin'] },
      });
      expectProblem(unknown, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(unknown).some((f) => f.startsWith('scopes'))).toBe(true);

      const none = await admin.post(TOKENS, { body: { name: 'bad', scopes: [] } });
      expectProblem(none, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(none).some((f) => f.startsWith('scopes'))).toBe(true);
    });

    it('refuses an unknown domain with 422 on its position in `domains`', async () => {
      const known = await createDomain(admin);
      const first = await admin.post(TOKENS, {
        body: { name: 'bad', scopes: ['domains:read'], domains: [uniqueDomainName()] },
      });
      expectProblem(first, 422, 'VALIDATION_FAILED');
      expect(first.body.errors).toEqual([expect.objectContaining({ field: 'domains.0' })]);

      const second = await admin.post(TOKENS, {
        body: {
          name: 'bad',
          scopes: ['domains:read'],
          domains: [known.name, uniqueDomainName()],
        },
      });
      expectProblem(second, 422, 'VALIDATION_FAILED');
      expect(second.body.errors).toEqual([expect.objectContaining({ field: 'domains.1' })]);
    });

    it('refuses an expiry in the past with 422', async () => {
      const response = await admin.post(TOKENS, {
        body: {
          name: 'stale',
          scopes: ['domains:read'],
          expiresAt: new Date(Date.now() - 60_000).toISOString(),
        },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'expiresAt' })]),
      );
    });
  });

  it('takes null for the optional expiresAt and domains as omitted, or refuses it; never a 500', async () => {
    // The response uses null for "no expiry" and "every domain"; creating domains and
    // mailboxes treats a null optional field as absent. Either that or a 422 is fine.
    for (const field of ['expiresAt', 'domains'] as const) {
      const response = await admin.post(TOKENS, {
        body: { name: `null ${field}`, scopes: ['domains:read'], [field]: null },
      });
      expect.soft([201, 422], `${field}: null gave ${response.status}`).toContain(response.status);
      if (response.status === 201) {
        expect(response.body[field]).toBeNull();
      } else if (response.status === 422) {
        expectProblem(response, 422, 'VALIDATION_FAILED');
        expect(fieldErrors(response).some((f) => f.startsWith(`${field}:`))).toBe(true);
      }
    }
  });

  describe('authenticating with a token', () => {
    it('acts as its owner, narrowed to its scopes, without a CSRF header', async () => {
      const created = await createToken(admin, { scopes: ['domains:read'] });
      const client = admin.withToken(created.token);
      const me = await client.get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ via: 'token', permissions: ['domains:read'] });
      expect((await client.get('/api/v1/domains')).status).toBe(200);
    });

    it('refuses a garbage or unknown bearer token with 401', async () => {
      for (const garbage of ['garbage', `ybn_${randomBytes(32).toString('base64url')}`, 'ybn_']) {
        const response = await admin.withToken(garbage).get('/api/v1/domains');
        expectProblem(response, 401, 'UNAUTHENTICATED');
      }
      const malformedHeader = await t.anonymous().get('/api/v1/domains', {
        headers: { authorization: 'Bearer' },
      });
      expectProblem(malformedHeader, 401, 'UNAUTHENTICATED');
    });

    it('records lastUsedAt on first use', async () => {
      const created = await createToken(admin, { scopes: ['domains:read'] });
      expect(created.lastUsedAt).toBeNull();
      expect((await listed(created.id))?.lastUsedAt).toBeNull();

      expect((await admin.withToken(created.token).get('/api/v1/domains')).status).toBe(200);

      const lastUsedAt = (await listed(created.id))?.lastUsedAt;
      expect(typeof lastUsedAt).toBe('string');
      expect(Date.parse(lastUsedAt as string)).toBeGreaterThanOrEqual(
        Date.parse(created.createdAt as string),
      );
    });

    it('stops working once it has expired', async () => {
      const expiresAt = new Date(Date.now() + 2000).toISOString();
      const created = await createToken(admin, { scopes: ['domains:read'], expiresAt });
      expect(created.expiresAt).toBe(expiresAt);
      await sleep(2500);
      const response = await admin.withToken(created.token).get('/api/v1/domains');
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });
  });

  describe('scopes', () => {
    it('refuses a route outside its scopes with 403 FORBIDDEN', async () => {
      const domain = await createDomain(admin);
      const client = admin.withToken(
        (await createToken(admin, { scopes: ['domains:read'] })).token,
      );

      expectProblem(
        await client.post('/api/v1/domains', { body: { name: uniqueDomainName() } }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await client.get(`/api/v1/domains/${domain.name}/mailboxes`), 403, 'FORBIDDEN');
      expectProblem(await client.get('/api/v1/audit-events'), 403, 'FORBIDDEN');
      // What it does hold still works.
      expect((await client.get(`/api/v1/domains/${domain.name}`)).status).toBe(200);
    });

    it('lets a write scope read', async () => {
      const client = admin.withToken(
        (await createToken(admin, { scopes: ['domains:write', 'audit:read'] })).token,
      );
      const me = await client.get('/api/v1/me');
      expect(me.body.permissions).toEqual(['audit:read', 'domains:read', 'domains:write']);

      const name = uniqueDomainName();
      expect((await client.post('/api/v1/domains', { body: { name } })).status).toBe(201);
      expect((await client.get(`/api/v1/domains/${name}`)).status).toBe(200);
      expect((await client.get('/api/v1/domains')).status).toBe(200);
      expect((await client.get('/api/v1/audit-events')).status).toBe(200);
      // Neither implies anything about mailboxes.
      expect((await client.get(`/api/v1/domains/${name}/mailboxes`)).status).toBe(403);
    });
  });

  describe('domain-limited tokens', () => {
    it('sees only its domains, and other domains are 404 rather than 403', async () => {
      const a = await createDomain(admin);
      const b = await createDomain(admin);
      await createMailbox(admin, a.name);
      await createMailbox(admin, b.name);
      const created = await createToken(admin, {
        scopes: ['domains:write', 'mailboxes:read'],
        domains: [a.name],
      });
      expect(created.domains).toEqual([a.name]);
      const client = admin.withToken(created.token);

      expect((await client.get(`/api/v1/domains/${a.name}`)).status).toBe(200);
      const mailboxesOfA = await client.get(`/api/v1/domains/${a.name}/mailboxes`);
      expect(mailboxesOfA.status).toBe(200);
      expect(mailboxesOfA.body.items).toHaveLength(1);

      expectProblem(await client.get(`/api/v1/domains/${b.name}`), 404, 'DOMAIN_NOT_FOUND');
      const mailboxesOfB = await client.get(`/api/v1/domains/${b.name}/mailboxes`);
      expect(mailboxesOfB.status).toBe(404);
      expect(JSON.stringify(mailboxesOfB.body)).not.toMatch(/forbidden/i);

      const list = await client.get('/api/v1/domains?limit=100');
      expect(list.status).toBe(200);
      expect((list.body.items as { name: string }[]).map((d) => d.name)).toEqual([a.name]);
      expect(list.body.nextCursor).toBeNull();
    });

    it('cannot create a domain, even with domains:write', async () => {
      const a = await createDomain(admin);
      const client = admin.withToken(
        (await createToken(admin, { scopes: ['domains:write'], domains: [a.name] })).token,
      );
      const name = uniqueDomainName();
      expectProblem(await client.post('/api/v1/domains', { body: { name } }), 403, 'FORBIDDEN');
      expect((await admin.get(`/api/v1/domains/${name}`)).status).toBe(404);
    });
  });

  describe('revoking', () => {
    it('revokes a token with 204; it is then refused and no longer listed', async () => {
      const created = await createToken(admin);
      const client = admin.withToken(created.token);
      expect((await client.get('/api/v1/domains')).status).toBe(200);

      const revoked = await admin.delete(`${TOKENS}/${created.id}`);
      expect(revoked.status).toBe(204);
      expectProblem(await client.get('/api/v1/domains'), 401, 'UNAUTHENTICATED');
      expect(await listed(created.id)).toBeUndefined();
      expectProblem(await admin.delete(`${TOKENS}/${created.id}`), 404, 'API_TOKEN_NOT_FOUND');
    });

    it('answers a non-UUID or unknown id with 404 API_TOKEN_NOT_FOUND', async () => {
      expectProblem(await admin.delete(`${TOKENS}/not-a-uuid`), 404, 'API_TOKEN_NOT_FOUND');
      expectProblem(await admin.delete(`${TOKENS}/${randomUUID()}`), 404, 'API_TOKEN_NOT_FOUND');
    });
  });

  describe('managed from a session only', () => {
    it('a token can neither create nor delete tokens', async () => {
      const created = await createToken(admin, {
        scopes: ['domains:write', 'mailboxes:write', 'aliases:write', 'audit:read'],
      });
      const client = admin.withToken(created.token);

      const mint = await client.post(TOKENS, { body: { name: 'child', scopes: ['domains:read'] } });
      expectProblem(mint, 403, 'FORBIDDEN');

      const victim = await createToken(admin);
      expectProblem(await client.delete(`${TOKENS}/${victim.id}`), 403, 'FORBIDDEN');
      expectProblem(await client.delete(`${TOKENS}/${created.id}`), 403, 'FORBIDDEN');
      expect(await listed(victim.id)).toBeDefined();
      expect(await listed(created.id)).toBeDefined();
      expect((await admin.withToken(victim.token).get('/api/v1/domains')).status).toBe(200);
    });
  });
});
