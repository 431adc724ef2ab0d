import { randomUUID } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { buildOpenApiDocument } from '../../src/app/openapi.js';
import { ApiClient } from '../support/api-client.js';
import { inject } from 'vitest';
import { strongPassword, unique } from '../support/factory.js';
import {
  exampleBodies,
  operationsOf,
  type OpenApiDocument,
  type Operation,
  type Schema,
} from '../support/openapi-samples.js';
import { createDatabase, migrate } from '../support/test-database.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * "Try it out" in the API docs, for every operation: the request Swagger UI pre-fills
 * (parameter examples and defaults, a body sampled from the schema's examples) is sent
 * by a signed-in superadmin, and must not be refused as malformed. What the example
 * cannot know (an id that does not exist, the current password) may give any other
 * documented answer.
 */

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
/** The refusals that mean "the example itself is wrong". */
const EXAMPLE_FAULTS = new Set([
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'PASSWORD_POLICY_VIOLATION',
]);

// A database of its own, holding what the examples name (example.com, alice@example.com).
const database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_examples');
await migrate(database.url);
const t: TestApp = await startTestApp(CHEAP_HASHING, database.url);
const document = buildOpenApiDocument(t.app) as unknown as OpenApiDocument;
afterAll(async () => {
  await t.close();
  await database.drop();
});

/** Puts back what an earlier example may have removed; what already exists stays. */
async function ensureExampleData(admin: ApiClient): Promise<void> {
  await admin.post('/api/v1/domains', { body: { name: 'example.com' } });
  await admin.post('/api/v1/domains/example.com/mailboxes', {
    body: { localPart: 'alice', password: strongPassword() },
  });
  await admin.post('/api/v1/domains/example.com/aliases', {
    body: { localPart: 'sales', destinations: ['alice@example.com'] },
  });
}

const operations = operationsOf(document);

/** Each request Swagger UI can pre-fill: one per named body example, or the schema's sample. */
const cases = operations.flatMap(({ method, path, operation }) =>
  exampleBodies(document, operation).map(({ example, body }) => ({
    name: `${method.toUpperCase()} ${path}${example === undefined ? '' : ` (${example})`}`,
    method,
    path,
    operation,
    body,
  })),
);

describe('the API docs page', () => {
  it('sends the XSRF header from the cookie, from its init script file, so writes work', async () => {
    const page = await t.anonymous().get('/api/docs');
    expect(page.body).toContain('swagger-ui-init.js');
    expect(page.body).not.toMatch(/<script>[^<]*requestInterceptor/);
    const init = await t.anonymous().get('/api/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);

    const session = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const cookie = await sessionCookies();
    // The browser: the init script runs with the page's cookies and hands Swagger UI its options.
    let uiOptions: Record<string, any> = {};
    const bundle = Object.assign(
      (options: Record<string, any>) => {
        uiOptions = options;
        return {};
      },
      { presets: { apis: {} }, plugins: { DownloadUrl: {} } },
    );
    const window = { location: { search: '', origin: t.baseUrl } } as { onload?: () => void };
    runInNewContext(String(init.body), {
      window,
      document: { cookie },
      SwaggerUIBundle: bundle,
      SwaggerUIStandalonePreset: {},
    });
    window.onload?.();
    const requestInterceptor = uiOptions.requestInterceptor as (request: object) => unknown;
    const request = requestInterceptor({
      method: 'POST',
      url: `${t.baseUrl}/api/v1/domains`,
      headers: { 'content-type': 'application/json' },
    }) as { headers: Record<string, string> };

    const response = await fetch(`${t.baseUrl}/api/v1/domains`, {
      method: 'POST',
      headers: { ...request.headers, cookie },
      body: JSON.stringify({ name: `${unique('docs')}.example` }),
    });
    expect(response.status).toBe(201);
    const reads = requestInterceptor({ method: 'GET', headers: {} }) as { headers: object };
    expect(reads.headers).toEqual({});
    await session.post('/api/v1/auth/logout');

    async function sessionCookies(): Promise<string> {
      const login = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      });
      return login.headers
        .getSetCookie()
        .map((set) => set.split(';')[0])
        .join('; ');
    }
  });
});

describe('the API docs examples', () => {
  it('has no example for a cursor, and problem examples of their own status and code', () => {
    for (const { method, path, operation } of operations) {
      for (const parameter of (operation.parameters ?? []) as Schema[]) {
        if (parameter.name === 'cursor') {
          expect(parameter.example ?? parameter.schema?.example).toBeUndefined();
        }
      }
      if (operation.security !== undefined) {
        expect(Object.keys(problemExamples(operation, '401')), `${method} ${path}`).toContain(
          'UNAUTHENTICATED',
        );
      }
      for (const status of Object.keys(operation.responses as object)) {
        for (const [code, example] of Object.entries(problemExamples(operation, status))) {
          expect(example, `${method} ${path} ${status}`).toMatchObject({
            status: Number(status),
            code,
          });
        }
      }
    }
  });

  it.each(cases)('$name accepts its own example', async ({ method, path, operation, body }) => {
    const admin = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ensureExampleData(admin);
    const fixtures: Record<string, string> = {
      name: 'example.com',
      domain: 'example.com',
      address: path.startsWith('/api/v1/aliases') ? 'sales@example.com' : 'alice@example.com',
      id: randomUUID(),
    };

    const query = new URLSearchParams();
    let url = path;
    for (const parameter of (operation.parameters ?? []) as Schema[]) {
      const example = parameter.example ?? parameter.schema?.example ?? parameter.schema?.default;
      if (parameter.in === 'path') {
        const value = String(example ?? fixtures[parameter.name as string]);
        url = url.replace(`{${parameter.name}}`, encodeURIComponent(value));
      } else if (parameter.in === 'query' && example !== undefined) {
        query.set(parameter.name as string, String(example));
      }
    }
    const response = await admin.request(
      method.toUpperCase(),
      `${url}${query.size > 0 ? `?${query.toString()}` : ''}`,
      { body },
    );

    const code = (response.body as { code?: string } | undefined)?.code;
    const documented = Object.keys(operation.responses as object);
    const what = `${response.status} ${JSON.stringify(response.body).slice(0, 300)} for ${JSON.stringify(body)}`;
    expect(documented, what).toContain(String(response.status));
    expect(response.status, what).toBeLessThan(500);
    expect(EXAMPLE_FAULTS.has(code ?? ''), what).toBe(false);
  });
});

function problemExamples(operation: Operation, status: string): Record<string, unknown> {
  const examples = operation.responses[status]?.content?.['application/problem+json']?.examples as
    Record<string, { value: unknown }> | undefined;
  return Object.fromEntries(
    Object.entries(examples ?? {}).map(([code, example]) => [code, example.value]),
  );
}
