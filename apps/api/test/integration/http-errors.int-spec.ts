import { readFileSync } from 'node:fs';
import { ApiClient, type ApiResponse } from '../support/api-client.js';
import { createDomain, createToken, uniqueDomainName } from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every problem is problem+json with type, title, status, code and instance (the path, no query). */
function expectProblem(response: ApiResponse, status: number, code: string, instance: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, instance });
  expect(typeof response.body.type).toBe('string');
  expect(response.body.type).not.toBe('');
  expect(typeof response.body.title).toBe('string');
  expect(response.body.title).not.toBe('');
}

/** A signed-in session whose cookie and XSRF token the test can combine as it likes. */
async function rawSession(baseUrl: string): Promise<{ cookie: string; xsrf: string }> {
  const response = await new ApiClient(baseUrl).post('/api/v1/auth/login', {
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  expect(response.status).toBe(200);
  const value = (name: string): string => {
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
    if (cookie === undefined) throw new Error(`no ${name} cookie`);
    return cookie.slice(name.length + 1).split(';')[0]!;
  };
  const session = value('yubin_session');
  const xsrf = value('XSRF-TOKEN');
  return { cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`, xsrf };
}

describe('HTTP behaviour', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  describe('errors', () => {
    it('answers a malformed JSON body with 400 MALFORMED_REQUEST', async () => {
      const response = await admin.post('/api/v1/domains?source=test', {
        rawBody: '{"name": "broken.example",',
      });
      expectProblem(response, 400, 'MALFORMED_REQUEST', '/api/v1/domains');
    });

    it('answers an unknown route with 404 ROUTE_NOT_FOUND, signed in or not', async () => {
      expectProblem(
        await t.anonymous().get('/api/v1/no-such-thing'),
        404,
        'ROUTE_NOT_FOUND',
        '/api/v1/no-such-thing',
      );
      expectProblem(
        await admin.get('/api/v1/domains/x.example/no-such-thing?a=1'),
        404,
        'ROUTE_NOT_FOUND',
        '/api/v1/domains/x.example/no-such-thing',
      );
      expectProblem(
        await admin.delete('/api/v1/domains'),
        404,
        'ROUTE_NOT_FOUND',
        '/api/v1/domains',
      );
    });

    it('refuses times PostgreSQL cannot hold with 422, in queries and bodies alike', async () => {
      for (const time of ['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z']) {
        const query = await admin.get(`/api/v1/audit-events?to=${encodeURIComponent(time)}`);
        expectProblem(query, 422, 'VALIDATION_FAILED', '/api/v1/audit-events');
        expect(query.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
        const body = await admin.post('/api/v1/api-tokens', {
          body: { name: 'far', scopes: ['domains:read'], expiresAt: time },
        });
        expectProblem(body, 422, 'VALIDATION_FAILED', '/api/v1/api-tokens');
        expect(body.body.errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
      }
      const inRange = await admin.get('/api/v1/audit-events?from=0001-01-01T00:00:00.000Z');
      expect(inRange.status).toBe(200);
    });

    it('answers a request head too large for the server with 431 as a problem', async () => {
      const response = await admin.get(`/api/v1/domains?q=${'x'.repeat(20_000)}`);
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 431, code: 'MALFORMED_REQUEST' });
    });

    it('refuses control characters in string fields with 422 controlCharacters', async () => {
      for (const description of ['ring the \u0007 bell', 'two\nlines', 'nul\u0000byte']) {
        const name = uniqueDomainName();
        const response = await admin.post('/api/v1/domains', { body: { name, description } });
        expectProblem(response, 422, 'VALIDATION_FAILED', '/api/v1/domains');
        expect(response.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: 'description', code: 'controlCharacters' }),
          ]),
        );
        expect((await admin.get(`/api/v1/domains/${name}`)).status).toBe(404);
      }
    });

    it('refuses control characters in updates, nested values and query strings', async () => {
      const domain = await createDomain(admin, { description: 'before' });
      const update = await admin.patch(`/api/v1/domains/${domain.name}`, {
        body: { description: 'tab\there' },
      });
      expectProblem(update, 422, 'VALIDATION_FAILED', `/api/v1/domains/${domain.name}`);
      expect(update.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'description', code: 'controlCharacters' }),
        ]),
      );
      expect((await admin.get(`/api/v1/domains/${domain.name}`)).body.description).toBe('before');

      const nested = await admin.post('/api/v1/api-tokens', {
        body: { name: 'nested', scopes: ['domains:read'], domains: ['a\u0007.example'] },
      });
      expectProblem(nested, 422, 'VALIDATION_FAILED', '/api/v1/api-tokens');
      expect(nested.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'domains.0', code: 'controlCharacters' }),
        ]),
      );

      const query = await admin.get('/api/v1/domains?q=%07');
      expectProblem(query, 422, 'VALIDATION_FAILED', '/api/v1/domains');
      expect(query.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'controlCharacters' })]),
      );
    });

    it('answers null in an optional field as a client error or a no-op, never with 500', async () => {
      const domain = await createDomain(admin, { description: 'kept', quotaBytes: 5000 });
      for (const field of ['description', 'quotaBytes']) {
        const path = `/api/v1/domains/${domain.name}`;
        const response = await admin.patch(path, { body: { [field]: null } });
        expect
          .soft([200, 422], `PATCH {${field}: null} gave ${response.status}`)
          .toContain(response.status);
        if (response.status === 422) expectProblem(response, 422, 'VALIDATION_FAILED', path);
      }
    });

    it('answers deeply nested JSON with 400 on every body route, anonymous login included', async () => {
      const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
      const document = JSON.parse(
        readFileSync(new URL('../../../../openapi.json', import.meta.url), 'utf8'),
      );
      const routes = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(
        ([path, operations]) =>
          Object.entries(operations)
            .filter(([, operation]) => operation.requestBody !== undefined)
            .map(([method, operation]) => ({
              method: method.toUpperCase(),
              path: path.replace(/\{[^}]+\}/g, 'x.example'),
              operationId: operation.operationId as string,
            })),
      );
      expect(routes.map((route) => route.operationId)).toContain('login');
      for (const route of routes) {
        for (const client of [admin, t.anonymous()]) {
          const response = await client.request(route.method, route.path, {
            rawBody: `{"email":"a@b.example","description":${deep(5000)}}`,
          });
          expect(response.status, `${route.method} ${route.path}`).toBe(400);
          expectProblem(response, 400, 'MALFORMED_REQUEST', route.path);
          expect(response.body.detail).toMatch(/nested deeper than 32 levels/);
        }
      }
      // The bound, and one level more, in a field of an ordinary body.
      const name = uniqueDomainName();
      const atBound = await admin.post('/api/v1/domains', {
        rawBody: `{"name":"${name}","description":${deep(31)}}`,
      });
      expectProblem(atBound, 422, 'VALIDATION_FAILED', '/api/v1/domains');
      const beyond = await admin.post('/api/v1/domains', {
        rawBody: `{"name":"${name}","description":${deep(32)}}`,
      });
      expectProblem(beyond, 400, 'MALFORMED_REQUEST', '/api/v1/domains');
    });

    it('refuses forged cursors on every list with 422 on cursor, before any query runs', async () => {
      const domain = await createDomain(admin);
      const forged = (...parts: unknown[]) =>
        Buffer.from(JSON.stringify(parts)).toString('base64url');
      const lists: [string, string[]][] = [
        ['/api/v1/domains', ['name', 'createdAt']],
        [`/api/v1/domains/${domain.name}/mailboxes`, ['address', '-createdAt']],
        ['/api/v1/mailboxes', ['address', '-usedRatio']],
        [`/api/v1/domains/${domain.name}/aliases`, ['address', 'createdAt']],
        ['/api/v1/alias-domains', ['name']],
        ['/api/v1/admins', ['email']],
        ['/api/v1/audit-events', ['id']],
      ];
      const uuid = '0b9d6c52-0c6f-4c1e-9d1f-2f3b7f1f8a10';
      for (const [path, sorts] of lists) {
        for (const sort of sorts) {
          const sortParam = ['email', 'id'].includes(sort) ? '' : `&sort=${sort}`;
          const key = sort.replace('-', '');
          // What PostgreSQL would refuse for the sort's column type, or for the row id's.
          const outOfRange: Record<string, unknown> = {
            createdAt: '2026-02-30T00:00:00.000Z',
            usedRatio: '1e999',
            id: '9223372036854775808',
          };
          for (const cursor of [
            forged(sort, 'a', '1'),
            forged(sort, 'nul\u0000', uuid),
            forged(sort, 5, uuid),
            ...(key in outOfRange
              ? [forged(sort, outOfRange[key], key === 'id' ? '1' : uuid)]
              : []),
          ]) {
            const response = await admin.get(`${path}?cursor=${cursor}${sortParam}`);
            expect(response.status, `${path} ${sort} ${cursor}`).toBe(422);
            expectProblem(response, 422, 'VALIDATION_FAILED', path);
            expect(response.body.errors).toEqual([
              expect.objectContaining({ field: 'cursor', code: 'invalidCursor' }),
            ]);
          }
        }
      }
    });

    it('refuses a body over 1 MB with 413', async () => {
      const name = uniqueDomainName();
      const response = await admin.post('/api/v1/domains', {
        rawBody: JSON.stringify({ name, description: 'a'.repeat(1_200_000) }),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 413, instance: '/api/v1/domains' });
      expect(typeof response.body.type).toBe('string');
      expect(typeof response.body.title).toBe('string');
      expect(typeof response.body.code).toBe('string');
      expect((await admin.get(`/api/v1/domains/${name}`)).status).toBe(404);
    });
  });

  describe('response headers', () => {
    it('sends no-store, nosniff and a request id on successes and problems alike', async () => {
      const responses = [
        await admin.get('/api/v1/domains'),
        await admin.post('/api/v1/domains', { body: { name: uniqueDomainName() } }),
        await t.anonymous().get('/api/v1/me'),
        await t.anonymous().get('/api/v1/no-such-thing'),
        await admin.post('/api/v1/domains', { rawBody: '{' }),
        await t.anonymous().get('/api/v1/health'),
      ];
      expect(responses.map((r) => r.status)).toEqual([200, 201, 401, 404, 400, 200]);
      for (const response of responses) {
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-request-id')).toMatch(/\S/);
      }
      const ids = responses.map((r) => r.headers.get('x-request-id'));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('sends a strict Content-Security-Policy with the API docs page and its files', async () => {
      for (const path of ['/api/docs', '/api/docs/', '/api/docs/swagger-ui-init.js']) {
        const response = await t.anonymous().get(path);
        expect(response.status, path).toBe(200);
        const csp = response.headers.get('content-security-policy') ?? '';
        const directives = new Map(
          csp.split(';').map((directive) => {
            const [name = '', ...values] = directive.trim().split(/\s+/);
            return [name, values.join(' ')];
          }),
        );
        expect(Object.fromEntries(directives), path).toEqual({
          'default-src': "'none'",
          'script-src': "'self'",
          'style-src': "'self' 'unsafe-inline'",
          'img-src': "'self' data:",
          'connect-src': "'self'",
          'frame-ancestors': "'none'",
          'base-uri': "'none'",
          'form-action': "'self'",
        });
      }
      // The page runs no inline script: everything it runs is a file the policy allows.
      const page = await t.anonymous().get('/api/docs');
      expect(String(page.body)).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    });

    it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
      const wellFormed = 'edge-proxy.42_abc-DEF';
      const echoed = await admin.get('/api/v1/domains', {
        headers: { 'x-request-id': wellFormed },
      });
      expect(echoed.headers.get('x-request-id')).toBe(wellFormed);

      const onError = await t.anonymous().get('/api/v1/me', {
        headers: { 'x-request-id': wellFormed },
      });
      expect(onError.status).toBe(401);
      expect(onError.headers.get('x-request-id')).toBe(wellFormed);

      for (const malformed of ['<script>', 'x'.repeat(65), 'has space']) {
        const replaced = await admin.get('/api/v1/domains', {
          headers: { 'x-request-id': malformed },
        });
        expect(replaced.headers.get('x-request-id')).not.toBe(malformed);
        expect(replaced.headers.get('x-request-id')).toMatch(UUID);
      }
    });
  });

  describe('authentication and CSRF', () => {
    it('answers 401 UNAUTHENTICATED without credentials, on reads and writes', async () => {
      const anonymous = t.anonymous();
      expectProblem(
        await anonymous.get('/api/v1/domains'),
        401,
        'UNAUTHENTICATED',
        '/api/v1/domains',
      );
      const name = uniqueDomainName();
      expectProblem(
        await anonymous.post('/api/v1/domains', { body: { name } }),
        401,
        'UNAUTHENTICATED',
        '/api/v1/domains',
      );
      expectProblem(
        await anonymous.get('/api/v1/api-tokens'),
        401,
        'UNAUTHENTICATED',
        '/api/v1/api-tokens',
      );
      expect((await admin.get(`/api/v1/domains/${name}`)).status).toBe(404);
    });

    it('refuses session writes without X-XSRF-TOKEN with 403 CSRF_TOKEN_INVALID', async () => {
      const domain = await createDomain(admin, { description: 'kept' });
      const forged = admin.withoutXsrf();
      const name = uniqueDomainName();

      expectProblem(
        await forged.post('/api/v1/domains', { body: { name } }),
        403,
        'CSRF_TOKEN_INVALID',
        '/api/v1/domains',
      );
      expectProblem(
        await forged.patch(`/api/v1/domains/${domain.name}`, { body: { description: 'changed' } }),
        403,
        'CSRF_TOKEN_INVALID',
        `/api/v1/domains/${domain.name}`,
      );
      expectProblem(
        await forged.delete(`/api/v1/domains/${domain.name}`),
        403,
        'CSRF_TOKEN_INVALID',
        `/api/v1/domains/${domain.name}`,
      );

      expect((await admin.get(`/api/v1/domains/${name}`)).status).toBe(404);
      const after = await admin.get(`/api/v1/domains/${domain.name}`);
      expect(after.status).toBe(200);
      expect(after.body.description).toBe('kept');
    });

    it('refuses a wrong X-XSRF-TOKEN, including the token of another session', async () => {
      const mine = await rawSession(t.baseUrl);
      const other = await rawSession(t.baseUrl);
      expect(other.xsrf).not.toBe(mine.xsrf);
      const cases = [
        'wrong',
        '',
        mine.xsrf.toUpperCase() === mine.xsrf ? `${mine.xsrf}0` : mine.xsrf.toUpperCase(),
        `${mine.xsrf}0`,
        other.xsrf,
      ];
      for (const xsrf of cases) {
        const client = new ApiClient(t.baseUrl, { kind: 'session', cookie: mine.cookie, xsrf });
        // The empty case sends no header at all; the others send a wrong one.
        const response = await client.post('/api/v1/domains', {
          body: { name: uniqueDomainName() },
        });
        expectProblem(response, 403, 'CSRF_TOKEN_INVALID', '/api/v1/domains');
      }
      const withHeaderOnly = await t.anonymous().post('/api/v1/domains', {
        body: { name: uniqueDomainName() },
        headers: { cookie: mine.cookie, 'x-xsrf-token': 'forged' },
      });
      expectProblem(withHeaderOnly, 403, 'CSRF_TOKEN_INVALID', '/api/v1/domains');

      const right = new ApiClient(t.baseUrl, {
        kind: 'session',
        cookie: mine.cookie,
        xsrf: mine.xsrf,
      });
      expect(
        (await right.post('/api/v1/domains', { body: { name: uniqueDomainName() } })).status,
      ).toBe(201);
    });

    it('needs no CSRF header to read', async () => {
      const domain = await createDomain(admin);
      const reader = admin.withoutXsrf();
      expect((await reader.get('/api/v1/domains')).status).toBe(200);
      expect((await reader.get(`/api/v1/domains/${domain.name}`)).status).toBe(200);
      expect((await reader.get('/api/v1/me')).status).toBe(200);
    });

    it('needs no CSRF header with a bearer token', async () => {
      const token = await createToken(admin, { scopes: ['domains:write'] });
      const client = admin.withToken(token.token);
      const name = uniqueDomainName();
      expect((await client.post('/api/v1/domains', { body: { name } })).status).toBe(201);
      expect(
        (await client.patch(`/api/v1/domains/${name}`, { body: { description: 'by token' } }))
          .status,
      ).toBe(200);
      expect((await client.delete(`/api/v1/domains/${name}`)).status).toBe(204);
    });
  });

  describe('OpenAPI document', () => {
    const PUBLIC_OPERATIONS = new Set(['login', 'loginMfa', 'getHealth']);
    const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

    interface Operation {
      method: string;
      path: string;
      operationId: unknown;
      responses: Record<string, unknown>;
    }

    async function operations(): Promise<Operation[]> {
      const response = await t.anonymous().get('/api/docs-json');
      expect(response.status).toBe(200);
      const found: Operation[] = [];
      for (const [path, item] of Object.entries(response.body.paths as Record<string, any>)) {
        for (const method of METHODS) {
          const operation = item[method];
          if (operation === undefined) continue;
          found.push({
            method,
            path,
            operationId: operation.operationId,
            responses: operation.responses ?? {},
          });
        }
      }
      return found;
    }

    it('serves an OpenAPI 3 document without authentication', async () => {
      const response = await t.anonymous().get('/api/docs-json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/json/);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(typeof response.body.info?.title).toBe('string');
      expect(Object.keys(response.body.paths as object).length).toBeGreaterThan(0);
    });

    it('names every operation after its handler method, uniquely', async () => {
      const all = await operations();
      const ids = all.map((op) => op.operationId);
      for (const op of all) {
        expect(op.operationId, `${op.method.toUpperCase()} ${op.path}`).toEqual(
          expect.stringMatching(/^[a-z][A-Za-z0-9]*$/),
        );
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(
        expect.arrayContaining([
          'listMailboxes',
          'createMailbox',
          'getDomain',
          'listDomains',
          'resetMailboxPassword',
          'createApiToken',
          'deleteApiToken',
          'login',
          'logout',
          'getMe',
          'getHealth',
        ]),
      );
      const byId = new Map(all.map((op) => [op.operationId, op]));
      expect(byId.get('getDomain')).toMatchObject({
        method: 'get',
        path: '/api/v1/domains/{name}',
      });
      expect(byId.get('createMailbox')).toMatchObject({
        method: 'post',
        path: '/api/v1/domains/{domain}/mailboxes',
      });
    });

    it('documents 401 and 403 on every non-public operation', async () => {
      const missing = (await operations())
        .filter((op) => !PUBLIC_OPERATIONS.has(op.operationId as string))
        .filter((op) => !('401' in op.responses) || !('403' in op.responses))
        .map((op) => `${op.method.toUpperCase()} ${op.path} (${String(op.operationId)})`);
      expect(missing).toEqual([]);
    });
  });
});
