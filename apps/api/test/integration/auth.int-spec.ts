import { ApiClient, type ApiResponse } from '../support/api-client.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const LOGIN = '/api/v1/auth/login';
const ALL_PERMISSIONS = [
  'admins:read',
  'admins:write',
  'aliases:read',
  'aliases:write',
  'audit:read',
  'domains:read',
  'domains:write',
  'mailboxes:credentials',
  'mailboxes:import',
  'mailboxes:read',
  'mailboxes:write',
  'spam:read',
  'spam:write',
];

interface ParsedCookie {
  name: string;
  value: string;
  /** Attribute names in lower case; flag attributes map to ''. */
  attributes: Map<string, string>;
}

function parseSetCookie(header: string): ParsedCookie {
  const [pair = '', ...rest] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const attribute of rest) {
    const at = attribute.indexOf('=');
    if (at === -1) attributes.set(attribute.toLowerCase(), '');
    else attributes.set(attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

function cookieNamed(response: ApiResponse, name: string): ParsedCookie {
  const cookie = response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .find((c) => c.name === name);
  if (cookie === undefined) throw new Error(`no Set-Cookie for ${name}`);
  return cookie;
}

function expectProblem(response: ApiResponse, status: number, code: string, instance: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    code,
    instance,
  });
}

describe('auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('signs in and returns the user', async () => {
      const response = await t.anonymous().post(LOGIN, {
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        mfaRequired: false,
        user: {
          id: expect.stringMatching(
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
          ),
          kind: 'admin',
          email: ADMIN_EMAIL,
          displayName: '',
          role: 'superadmin',
          permissions: ALL_PERMISSIONS,
          domains: null,
          via: 'session',
          restriction: null,
          twoFactor: { enabled: false, required: false, deadline: null },
          language: null,
          effectiveLanguage: 'en',
        },
      });
    });

    it('sets an HttpOnly strict session cookie and a readable strict XSRF-TOKEN cookie', async () => {
      const response = await t.anonymous().post(LOGIN, {
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      });
      expect(response.status).toBe(200);

      const session = cookieNamed(response, 'yubin_session');
      expect(session.value).not.toBe('');
      expect(session.attributes.has('httponly')).toBe(true);
      expect(session.attributes.get('samesite')?.toLowerCase()).toBe('strict');
      expect(session.attributes.get('path')).toBe('/');
      // Plain http in the tests: a Secure cookie would never be sent back.
      expect(session.attributes.has('secure')).toBe(false);

      const xsrf = cookieNamed(response, 'XSRF-TOKEN');
      expect(xsrf.value).not.toBe('');
      expect(xsrf.value).not.toBe(session.value);
      expect(xsrf.attributes.has('httponly')).toBe(false);
      expect(xsrf.attributes.get('samesite')?.toLowerCase()).toBe('strict');
      expect(xsrf.attributes.get('path')).toBe('/');
      expect(xsrf.attributes.has('secure')).toBe(false);
    });

    it('accepts the email in any letter case', async () => {
      const response = await t.anonymous().post(LOGIN, {
        body: { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD },
      });
      expect(response.status).toBe(200);
      expect(response.body.user.email).toBe(ADMIN_EMAIL);
    });

    it('answers a wrong password and an unknown email identically, with 401 INVALID_CREDENTIALS', async () => {
      const wrongPassword = await t.anonymous().post(LOGIN, {
        body: { email: ADMIN_EMAIL, password: `${ADMIN_PASSWORD}-wrong` },
      });
      const unknownEmail = await t.anonymous().post(LOGIN, {
        body: { email: 'nobody-here@yubin.test', password: ADMIN_PASSWORD },
      });

      expectProblem(wrongPassword, 401, 'INVALID_CREDENTIALS', LOGIN);
      expectProblem(unknownEmail, 401, 'INVALID_CREDENTIALS', LOGIN);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      expect(wrongPassword.headers.getSetCookie()).toEqual([]);
      expect(unknownEmail.headers.getSetCookie()).toEqual([]);
    });

    it('refuses missing fields with 422 and names each of them', async () => {
      const empty = await t.anonymous().post(LOGIN, { body: {} });
      expectProblem(empty, 422, 'VALIDATION_FAILED', LOGIN);
      const fields = (empty.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password']));

      const noPassword = await t.anonymous().post(LOGIN, { body: { email: ADMIN_EMAIL } });
      expectProblem(noPassword, 422, 'VALIDATION_FAILED', LOGIN);
      expect((noPassword.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
        expect.arrayContaining(['password']),
      );
      expect(noPassword.body.errors).not.toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
      );
      expect(noPassword.headers.getSetCookie()).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('GET /me returns the signed-in user', async () => {
      const login = await t.anonymous().post(LOGIN, {
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      });
      const client = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      const me = await client.get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual(login.body.user);
    });

    it('GET /me without credentials is 401 UNAUTHENTICATED', async () => {
      expectProblem(await t.anonymous().get('/api/v1/me'), 401, 'UNAUTHENTICATED', '/api/v1/me');
    });

    it('GET /me with an unknown session cookie is 401', async () => {
      const forged = await t.anonymous().get('/api/v1/me', {
        headers: { cookie: 'yubin_session=not-a-real-session-token' },
      });
      expectProblem(forged, 401, 'UNAUTHENTICATED', '/api/v1/me');
    });

    it('logs out with 204, clears the cookies and ends the session', async () => {
      const client = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect((await client.get('/api/v1/me')).status).toBe(200);

      const logout = await client.post('/api/v1/auth/logout');
      expect(logout.status).toBe(204);
      expect(logout.body).toBe('');
      const cleared = cookieNamed(logout, 'yubin_session');
      expect(cleared.value).toBe('');
      expect(new Date(cleared.attributes.get('expires') ?? '').getTime()).toBeLessThan(Date.now());
      expect(cookieNamed(logout, 'XSRF-TOKEN').value).toBe('');

      // The old cookie no longer works, whatever the browser does with Set-Cookie.
      expectProblem(await client.get('/api/v1/me'), 401, 'UNAUTHENTICATED', '/api/v1/me');
      expect((await client.get('/api/v1/domains')).status).toBe(401);
      expect((await client.post('/api/v1/auth/logout')).status).toBe(401);
    });

    it('ending one session leaves the others alive', async () => {
      const first = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      const second = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect((await first.post('/api/v1/auth/logout')).status).toBe(204);
      expect((await first.get('/api/v1/me')).status).toBe(401);
      expect((await second.get('/api/v1/me')).status).toBe(200);
    });

    it('refuses to log out without the CSRF header, and keeps the session', async () => {
      const client = await ApiClient.login(t.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      const logout = await client.withoutXsrf().post('/api/v1/auth/logout');
      expectProblem(logout, 403, 'CSRF_TOKEN_INVALID', '/api/v1/auth/logout');
      expect((await client.get('/api/v1/me')).status).toBe(200);
    });

    it('refuses to log out without credentials', async () => {
      const logout = await t.anonymous().post('/api/v1/auth/logout');
      expectProblem(logout, 401, 'UNAUTHENTICATED', '/api/v1/auth/logout');
    });
  });
});
