import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { cookieValue } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const LOGIN = `${API}/auth/login`;
/** What the client writes: it always tries to pass for someone else. */
const SPOOFED = '6.6.6.6';

/** The client addresses of the sessions of whoever just signed in with this response. */
async function sessionAddresses(t: TestApp, login: ApiResponse): Promise<(string | null)[]> {
  const session = cookieValue(login, 'yubin_session') ?? '';
  const response = await fetch(`${t.baseUrl}${API}/me/sessions`, {
    headers: { cookie: `yubin_session=${session}`, accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { ip: string | null }[]).map((s) => s.ip);
}

/**
 * Behind a reverse proxy the client address is the right-most hop Yubin does not trust:
 * whatever a client writes to the left of it in X-Forwarded-For is never read. Both
 * forms of TRUST_PROXY are tried, each against a client that spoofs the header.
 */
describe.each([
  // The test connects over loopback: that is the one proxy in front of the app.
  { form: 'a hop count', trustProxy: '1', client: '203.0.113.1' },
  {
    form: 'a list of proxy addresses',
    trustProxy: 'loopback, 192.0.2.0/24',
    client: '203.0.113.2',
  },
])('behind a reverse proxy, TRUST_PROXY as $form', ({ trustProxy, client }) => {
  let t: TestApp;
  let admin: ApiClient;
  let domain: string;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: trustProxy });
    admin = await t.superadmin();
    domain = (await createDomain(admin)).name as string;
  });
  afterAll(() => t.close());

  function login(email: string, password: string, forwardedFor: string): Promise<ApiResponse> {
    return t.anonymous().post(LOGIN, {
      body: { email, password },
      headers: { 'x-forwarded-for': forwardedFor },
    });
  }

  it('records the proxy-reported client on the session, not the address the client wrote', async () => {
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    const response = await login(mailbox.address as string, password, `${SPOOFED}, ${client}`);
    expect(response.status).toBe(200);
    expect(await sessionAddresses(t, response)).toEqual([client]);
  });

  it('throttles the real client however it varies the address it writes', async () => {
    // The probe: 40 failures, each with its own left-most entry.
    const statuses: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const ghost = `${unique('ghost')}@${domain}`;
      statuses.push((await login(ghost, 'wrong', `198.51.100.${i}, ${client}`)).status);
    }
    // 21 failures are verified (the 21st locks the address), then every try is refused.
    expect(statuses).toEqual([...Array<number>(21).fill(401), ...Array<number>(19).fill(429)]);
  });

  it('sends HSTS only when the trusted proxy reports https', async () => {
    const https = await fetch(`${t.baseUrl}${API}/health`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': SPOOFED },
    });
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const http = await fetch(`${t.baseUrl}${API}/health`, {
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('without a reverse proxy (TRUST_PROXY unset)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({});
  });
  afterAll(() => t.close());

  it('believes no X-Forwarded-* header: no HSTS over plain http, the socket is the client', async () => {
    const response = await fetch(`${t.baseUrl}${API}/health`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': SPOOFED },
    });
    expect(response.headers.get('strict-transport-security')).toBeNull();

    const password = strongPassword();
    const mailbox = await createMailbox(
      await t.superadmin(),
      (await createDomain(await t.superadmin())).name as string,
      { password },
    );
    const login = await t.anonymous().post(LOGIN, {
      body: { email: mailbox.address, password },
      headers: { 'x-forwarded-for': SPOOFED },
    });
    expect(login.status).toBe(200);
    expect(await sessionAddresses(t, login)).toEqual(['127.0.0.1']);
  });
});
