import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the web UI served at /', () => {
  let t: TestApp;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'yubin-web-'));
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html><html><body><yb-root ngCspNonce="CSP_NONCE_PLACEHOLDER"></yb-root></body></html>',
    );
    await writeFile(join(root, 'main-ABCDEFGH.js'), 'console.log(1);');
    await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await mkdir(join(root, 'media'));
    t = await startTestApp({ WEB_ROOT: root });
  });
  afterAll(() => t.close());

  const get = (path: string): Promise<Response> => fetch(`${t.baseUrl}${path}`);

  it('answers deep links with the app, a fresh nonce and a strict CSP', async () => {
    const first = await get('/domains/example.com/mailboxes/alice');
    const second = await get('/');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(await first.text()).toContain(`ngCspNonce="${nonce}"`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe-inline');
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    expect(first.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed files as immutable and other files revalidated', async () => {
    const hashed = await get('/main-ABCDEFGH.js');
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toContain('immutable');
    const plain = await get('/favicon.svg');
    expect(plain.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing build file with 404, not with the app', async () => {
    const response = await get('/chunk-GONE1234.js');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('yb-root');
  });

  it('leaves /api to the API', async () => {
    const response = await get('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const index = await get('/index.html');
    expect(await index.text()).not.toContain('CSP_NONCE_PLACEHOLDER');
  });

  describe('/api in any letter case', () => {
    const paths = [
      '/API/V1/ME',
      '/Api/v1/domains',
      '/api/V1/x',
      '/API',
      '/aPi/docs',
      '/API/DOCS-JSON',
    ];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

    it.each(paths)(
      '%s is 404 ROUTE_NOT_FOUND for every method, never the app nor a handler',
      async (path) => {
        const admin = await t.superadmin();
        const created: string[] = [];
        for (const method of methods) {
          const name = uniqueDomainName();
          const body = method === 'GET' || method === 'HEAD' ? undefined : { name };
          if (body !== undefined) created.push(name);
          const response = await admin.request(method, path, { body });
          const what = `${method} ${path}`;
          expect(response.status, what).toBe(404);
          expect(response.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
          if (method !== 'HEAD')
            expect(response.body, what).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
        }
        // A write in another letter case never reached the route it resembles.
        for (const name of created) {
          expect((await admin.get(`/api/v1/domains/${name}`)).status, name).toBe(404);
        }
      },
    );
  });
});
