import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import {
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
  uniqueDomainName,
} from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('idempotency', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  const newKey = (): string => `key-${randomUUID()}`;

  function post(client: ApiClient, path: string, key: string, body: unknown): Promise<ApiResponse> {
    return client.post(path, { body, headers: { 'idempotency-key': key } });
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const result = await t.sql.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return (result.rows[0] as { n: number }).n;
  }

  const domainRows = (name: string) => count('domain WHERE name = $1', [name]);
  const recordsFor = (key: string) => count('idempotency_record WHERE key = $1', [key]);

  async function auditCount(action: string, target: string): Promise<number> {
    return count('audit_event WHERE action = $1 AND target_id = $2', [action, target]);
  }

  function expectSameResponse(first: ApiResponse, retry: ApiResponse): void {
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  }

  describe('retries', () => {
    it('replays a created domain, with its headers, and creates it once', async () => {
      const key = newKey();
      const name = uniqueDomainName();
      const body = { name, description: 'made once' };
      const first = await post(admin, '/api/v1/domains', key, body);
      expect(first.status).toBe(201);
      const retry = await post(admin, '/api/v1/domains', key, body);
      expectSameResponse(first, retry);
      expect(retry.headers.get('location')).toBe(`/api/v1/domains/${name}`);
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
      expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));

      const third = await post(admin, '/api/v1/domains', key, body);
      expectSameResponse(first, third);

      expect(await domainRows(name)).toBe(1);
      expect(await auditCount('domain.create', name)).toBe(1);
      expect(await recordsFor(key)).toBe(1);
    });

    it('replays a created mailbox with the same temporary password, and creates it once', async () => {
      const domain = await createDomain(admin);
      const key = newKey();
      const body = { localPart: unique('user') };
      const path = `/api/v1/domains/${domain.name}/mailboxes`;
      const first = await post(admin, path, key, body);
      expect(first.status).toBe(201);
      const temporary = first.body.temporaryPassword as string;
      expect(temporary).toEqual(expect.any(String));

      const retry = await post(admin, path, key, body);
      expectSameResponse(first, retry);
      expect(retry.body.temporaryPassword).toBe(temporary);

      expect(await count('mailbox WHERE address = $1', [first.body.address])).toBe(1);
      expect((await admin.get(`/api/v1/domains/${domain.name}`)).body.mailboxCount).toBe(1);
      const stored = await t.sql.query(
        'SELECT sealed_response FROM idempotency_record WHERE key = $1',
        [key],
      );
      expect(stored.rows).toHaveLength(1);
      expect(JSON.stringify(stored.rows)).not.toContain(temporary);
    });

    it('replays a created alias and creates it once', async () => {
      const domain = await createDomain(admin);
      const key = newKey();
      const body = { localPart: unique('sales'), destinations: ['a@elsewhere.example'] };
      const path = `/api/v1/domains/${domain.name}/aliases`;
      const first = await post(admin, path, key, body);
      expect(first.status).toBe(201);
      const retry = await post(admin, path, key, body);
      expectSameResponse(first, retry);
      expect(retry.headers.get('etag')).toBe('"1"');
      expect(await count('alias WHERE address = $1', [first.body.address])).toBe(1);
      expect((await admin.get(`/api/v1/domains/${domain.name}`)).body.aliasCount).toBe(1);
      expect(await auditCount('alias.create', first.body.address as string)).toBe(1);
    });

    it('replays an alias domain and creates it once', async () => {
      const target = await createDomain(admin);
      const key = newKey();
      const body = { name: uniqueDomainName(), targetDomain: target.name };
      const first = await post(admin, '/api/v1/alias-domains', key, body);
      expect(first.status).toBe(201);
      const retry = await post(admin, '/api/v1/alias-domains', key, body);
      expectSameResponse(first, retry);
      expect(await count('alias_domain WHERE name = $1', [body.name])).toBe(1);
    });

    it('replays a password reset with its own status and the same temporary password', async () => {
      const domain = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      const key = newKey();
      const path = `/api/v1/mailboxes/${mailbox.address}/password-reset`;
      const first = await post(admin, path, key, {});
      expect(first.status).toBe(200);
      const retry = await post(admin, path, key, {});
      expectSameResponse(first, retry);
      expect(retry.body.temporaryPassword).toBe(first.body.temporaryPassword);
      expect(await auditCount('mailbox.password-reset', mailbox.address as string)).toBe(1);
    });

    it('replays an API token with the same token, stored sealed', async () => {
      const key = newKey();
      const body = { name: unique('script'), scopes: ['domains:read'] };
      const first = await post(admin, '/api/v1/api-tokens', key, body);
      expect(first.status).toBe(201);
      const token = first.body.token as string;
      expect(token).toMatch(/^ybn_/);

      const retry = await post(admin, '/api/v1/api-tokens', key, body);
      expectSameResponse(first, retry);
      expect(retry.body.token).toBe(token);
      expect(retry.body.id).toBe(first.body.id);
      expect(await count('api_token WHERE name = $1', [body.name])).toBe(1);
      expect(await auditCount('api-token.create', first.body.id as string)).toBe(1);

      const stored = await t.sql.query(
        'SELECT sealed_response FROM idempotency_record WHERE key = $1',
        [key],
      );
      expect(stored.rows).toHaveLength(1);
      const sealed = (stored.rows[0] as { sealed_response: string | null }).sealed_response;
      expect(sealed).toEqual(expect.any(String));
      expect(sealed).not.toContain(token);
      expect(sealed).not.toContain(token.slice(4));
      expect(sealed).not.toContain(body.name);
      const everything = await t.sql.query('SELECT * FROM idempotency_record WHERE key = $1', [
        key,
      ]);
      expect(JSON.stringify(everything.rows)).not.toContain(token);

      // The replayed token is the real one.
      const me = await admin.withToken(token).get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.via).toBe('token');
    });

    it('creates once when the same request is sent several times at once', async () => {
      const key = newKey();
      const name = uniqueDomainName();
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => post(admin, '/api/v1/domains', key, { name })),
      );
      const created = responses.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const response of responses) {
        if (response.status === 201) expect(response.body).toEqual(created[0]?.body);
        else {
          expect(response.status).toBe(409);
          expect(response.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
        }
      }
      expect(created.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
      expect(await domainRows(name)).toBe(1);
      expect(await auditCount('domain.create', name)).toBe(1);
    });
  });

  describe('key reuse', () => {
    it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = newKey();
      const name = uniqueDomainName();
      const first = await post(admin, '/api/v1/domains', key, { name });
      expect(first.status).toBe(201);
      const otherName = uniqueDomainName();
      const reused = await post(admin, '/api/v1/domains', key, { name: otherName });
      expect(reused.status).toBe(422);
      expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(reused.headers.get('idempotent-replayed')).toBeNull();
      expect(await domainRows(otherName)).toBe(0);

      // The original request still replays.
      expectSameResponse(first, await post(admin, '/api/v1/domains', key, { name }));
    });

    it('refuses the same key for another endpoint', async () => {
      const first = await createDomain(admin);
      const second = await createDomain(admin);
      const key = newKey();
      const body = { localPart: unique('a'), destinations: ['x@elsewhere.example'] };
      const created = await post(admin, `/api/v1/domains/${first.name}/aliases`, key, body);
      expect(created.status).toBe(201);
      const elsewhere = await post(admin, `/api/v1/domains/${second.name}/aliases`, key, body);
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await admin.get(`/api/v1/domains/${second.name}`)).body.aliasCount).toBe(0);
    });

    it('keeps the keys of different principals apart', async () => {
      const token = await createToken(admin, { scopes: ['domains:write'] });
      const client = admin.withToken(token.token);
      const key = newKey();
      const sessionName = uniqueDomainName();
      const tokenName = uniqueDomainName();

      const bySession = await post(admin, '/api/v1/domains', key, { name: sessionName });
      expect(bySession.status).toBe(201);
      const byToken = await post(client, '/api/v1/domains', key, { name: tokenName });
      expect(byToken.status).toBe(201);
      expect(byToken.headers.get('idempotent-replayed')).toBeNull();
      expect(byToken.body.name).toBe(tokenName);

      // Each principal replays its own response.
      const sessionRetry = await post(admin, '/api/v1/domains', key, { name: sessionName });
      expectSameResponse(bySession, sessionRetry);
      const tokenRetry = await post(client, '/api/v1/domains', key, { name: tokenName });
      expectSameResponse(byToken, tokenRetry);

      // The same request under the same key from the other principal is not a replay.
      const crossed = await post(client, '/api/v1/domains', newKey(), { name: sessionName });
      expect(crossed.status).toBe(409);
      expect(crossed.body.code).toBe('DOMAIN_EXISTS');

      expect(await domainRows(sessionName)).toBe(1);
      expect(await domainRows(tokenName)).toBe(1);
      expect(await recordsFor(key)).toBe(2);
    });
  });

  describe('failed requests', () => {
    it('stores nothing for a failed request, so the fixed request may use the same key', async () => {
      const key = newKey();
      const invalid = await post(admin, '/api/v1/domains', key, { name: 'not a domain' });
      expect(invalid.status).toBe(422);
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      expect(await recordsFor(key)).toBe(0);

      // The same failing request fails again: it is not replayed.
      const again = await post(admin, '/api/v1/domains', key, { name: 'not a domain' });
      expect(again.status).toBe(422);
      expect(again.headers.get('idempotent-replayed')).toBeNull();

      const name = uniqueDomainName();
      const fixed = await post(admin, '/api/v1/domains', key, { name });
      expect(fixed.status).toBe(201);
      expect(fixed.headers.get('idempotent-replayed')).toBeNull();
      expect(await domainRows(name)).toBe(1);
      expect(await recordsFor(key)).toBe(1);
      expectSameResponse(fixed, await post(admin, '/api/v1/domains', key, { name }));
    });

    it('stores nothing for a conflict, so a corrected request may use the same key', async () => {
      const existing = await createDomain(admin);
      const key = newKey();
      const conflict = await post(admin, '/api/v1/domains', key, { name: existing.name });
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('DOMAIN_EXISTS');
      expect(await recordsFor(key)).toBe(0);

      const name = uniqueDomainName();
      const corrected = await post(admin, '/api/v1/domains', key, { name });
      expect(corrected.status).toBe(201);
      expect(await domainRows(name)).toBe(1);
    });

    it('stores nothing for a refused mailbox password', async () => {
      const domain = await createDomain(admin);
      const key = newKey();
      const localPart = unique('user');
      const path = `/api/v1/domains/${domain.name}/mailboxes`;
      const weak = await post(admin, path, key, { localPart, password: 'password' });
      expect(weak.status).toBe(422);
      expect(await recordsFor(key)).toBe(0);
      const strong = await post(admin, path, key, { localPart, password: strongPassword() });
      expect(strong.status).toBe(201);
      expect(await count('mailbox WHERE address = $1', [strong.body.address])).toBe(1);
    });
  });

  describe('keys', () => {
    it('refuses a malformed key with 400 and does nothing', async () => {
      for (const key of ['k'.repeat(300), 'has space', 'clé']) {
        const name = uniqueDomainName();
        const response = await admin.post('/api/v1/domains', {
          body: { name },
          headers: { 'idempotency-key': key },
        });
        expect(response.status, key).toBe(400);
        expect(response.body.code, key).toBe('MALFORMED_REQUEST');
        expect(await domainRows(name)).toBe(0);
      }
    });

    it('accepts a key of 255 visible characters', async () => {
      const key = `${randomUUID()}-`.padEnd(255, '~');
      expect(key).toHaveLength(255);
      const name = uniqueDomainName();
      const first = await post(admin, '/api/v1/domains', key, { name });
      expect(first.status).toBe(201);
      expectSameResponse(first, await post(admin, '/api/v1/domains', key, { name }));
    });

    it('makes nothing idempotent without a key', async () => {
      const name = uniqueDomainName();
      const first = await admin.post('/api/v1/domains', { body: { name } });
      expect(first.status).toBe(201);
      const second = await admin.post('/api/v1/domains', { body: { name } });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('DOMAIN_EXISTS');
      expect(second.headers.get('idempotent-replayed')).toBeNull();
    });
  });
});
