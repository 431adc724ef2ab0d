import { Clock } from '../../src/infra/clock/clock.js';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { Browser, uniqueIp } from '../support/browser.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { captureLog } from '../support/log-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const POLICY = `${API}/internal/dovecot/auth-policy`;
const KEY = 'mail-server-key-for-the-policy-spec-7f3a9c';
const KEY_HEADER = 'X-Yubin-Mail-Server-Key';

interface Verdict {
  status: number;
  msg: string;
}

/**
 * Yubin as Dovecot's auth policy server: the requests Dovecot 2.3 sends (its JSON from
 * `login=%{requested_username} remote=%{rip} protocol=%s`, plus `tls`, and the outcome on
 * report), answered from the same throttle as the web sign-in.
 */
describe('the mail server auth policy endpoint', () => {
  let t: TestApp;
  let admin: ApiClient;
  let domain: string;
  let clock: Clock;
  const travel = timeTravel(() => clock);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', MAIL_AUTH_POLICY_SECRET: KEY });
    clock = t.app.get(Clock);
    admin = await t.superadmin();
    domain = (await createDomain(admin)).name as string;
  });
  afterAll(() => t.close());

  function send(
    command: string,
    body: unknown,
    headers: Record<string, string> = { [KEY_HEADER]: ` ${KEY}` },
  ): Promise<ApiResponse> {
    return t.anonymous().post(`${POLICY}?command=${command}`, { body, headers });
  }

  async function allow(login: string, remote: string): Promise<Verdict> {
    const response = await send('allow', { login, protocol: 'imap', remote, tls: true });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as Verdict;
  }

  async function report(
    login: string,
    remote: string,
    outcome: { success: boolean; policy_reject?: boolean },
  ): Promise<void> {
    const response = await send('report', {
      login,
      protocol: 'imap',
      remote,
      tls: true,
      policy_reject: false,
      ...outcome,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  /** One mail login as Dovecot runs it: ask, verify (here: the given outcome), report. */
  async function login(address: string, remote: string, right: boolean): Promise<Verdict> {
    const verdict = await allow(address, remote);
    await report(address, remote, {
      success: verdict.status >= 0 && right,
      policy_reject: verdict.status < 0,
    });
    return verdict;
  }

  async function failTimes(address: string, remote: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) expect((await login(address, remote, false)).status).toBe(0);
  }

  async function newMailbox(): Promise<{ address: string; password: string }> {
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    return { address: mailbox.address as string, password };
  }

  function webSignIn(address: string, password: string, ip: string): Promise<ApiResponse> {
    return new Browser(t.baseUrl, ip).post(`${API}/auth/login`, {
      body: { email: address, password },
    });
  }

  describe('who may call it', () => {
    it('refuses a request without the key, with another key, or from a signed-in superadmin', async () => {
      const body = { login: 'a@b.example', remote: '192.0.2.1', protocol: 'imap', tls: false };
      expectProblem(await send('allow', body, {}), 401, 'UNAUTHENTICATED');
      expectProblem(await send('allow', body, { [KEY_HEADER]: `${KEY}x` }), 401, 'UNAUTHENTICATED');
      expectProblem(
        await send('allow', body, { [KEY_HEADER]: KEY.slice(0, -1) }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(await admin.post(`${POLICY}?command=allow`, { body }), 401, 'UNAUTHENTICATED');
      expect((await send('allow', body)).body).toEqual({ status: 0, msg: '' });
    });

    it('is not in the OpenAPI document', async () => {
      const document = await t.anonymous().get('/api/docs-json');
      expect(document.status).toBe(200);
      expect(JSON.stringify(document.body)).not.toContain('internal/dovecot');
    });
  });

  describe('what it accepts', () => {
    it('answers malformed JSON with 400, and an unknown command or a missing login with 422', async () => {
      const malformed = await t.anonymous().post(`${POLICY}?command=allow`, {
        rawBody: '{"login":"a@b.example",',
        headers: { [KEY_HEADER]: KEY },
      });
      expectProblem(malformed, 400, 'MALFORMED_REQUEST');
      expectProblem(
        await send('deny', { login: 'a@b.example', remote: '192.0.2.1' }),
        422,
        'VALIDATION_FAILED',
      );
      expectProblem(await send('allow', { remote: '192.0.2.1' }), 422, 'VALIDATION_FAILED');
      expectProblem(
        await send('report', { login: 'a@b.example', remote: '192.0.2.1' }),
        422,
        'VALIDATION_FAILED',
      );
    });

    it('refuses a login longer than any address, and a report of one changes nothing', async () => {
      const long = `${'a'.repeat(250)}@b.example`;
      expect(await allow(long, uniqueIp())).toEqual({
        status: -1,
        msg: 'Authentication failed.',
      });
      await report(long, uniqueIp(), { success: false });
    });
  });

  describe('per account, one lock with the web sign-in', () => {
    it('locks the account after five failed mail logins: mail and web refused, the badge shows it, helpdesk unlock lifts it', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await failTimes(user.address, ip, 5);

      const refused = await allow(user.address, ip);
      expect(refused.status).toBe(-1);
      expect(refused.msg).toMatch(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
      // From another address too, and on the web.
      expect((await allow(user.address, uniqueIp())).status).toBe(-1);
      expectProblem(await webSignIn(user.address, user.password, uniqueIp()), 429, 'RATE_LIMITED');
      const shown = await admin.get(`${API}/mailboxes/${user.address}`);
      expect(Date.parse(shown.body.lockedUntil as string)).toBeGreaterThan(clock.now().getTime());

      expect((await admin.post(`${API}/mailboxes/${user.address}/unlock`)).status).toBe(204);
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.lockedUntil).toBeNull();
      expect(await allow(user.address, ip)).toEqual({ status: 0, msg: '' });
    });

    it('counts mail and web failures together', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      for (let i = 0; i < 3; i++) {
        expectProblem(await webSignIn(user.address, `wrong-${i}`, ip), 401, 'INVALID_CREDENTIALS');
      }
      await failTimes(user.address, ip, 2);
      expect((await allow(user.address, ip)).status).toBe(-1);
      expectProblem(await webSignIn(user.address, user.password, ip), 429, 'RATE_LIMITED');
    });

    it('keys the account by the login as typed, however capitalised', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await failTimes(user.address.toUpperCase(), ip, 5);
      expect((await allow(user.address, ip)).status).toBe(-1);
    });

    it('a successful mail login restarts the count, as a web sign-in does', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await failTimes(user.address, ip, 4);
      expect((await login(user.address, ip, true)).status).toBe(0);
      await failTimes(user.address, ip, 4);
      expect((await allow(user.address, ip)).status).toBe(0);
    });

    it('does not count its own refusals as failures (policy_reject)', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await failTimes(user.address, ip, 5);
      for (let i = 0; i < 5; i++) expect((await login(user.address, ip, false)).status).toBe(-1);
      travel(31_000);
      // Still the first lock's length: the refused attempts added nothing.
      const verdict = await allow(user.address, ip);
      expect(verdict.status).toBe(0);
      await report(user.address, ip, { success: false });
      expect((await allow(user.address, ip)).msg).toMatch(/Try again in (5\d|60) seconds/);
    });

    it('lets through at once only as many logins as may still fail; the rest wait for a report or 30 s', async () => {
      const user = await newMailbox();
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, () => allow(user.address, uniqueIp())),
      );
      expect(verdicts.filter((v) => v.status === 0)).toHaveLength(5);
      expect(new Set(verdicts.filter((v) => v.status < 0).map((v) => v.msg))).toEqual(
        new Set(['Too many attempts at once. Try again in a moment.']),
      );
      // A failure takes one of the places: four in flight and one failure fill the five.
      await report(user.address, uniqueIp(), { success: false });
      expect((await allow(user.address, uniqueIp())).status).toBe(-1);
      // Places never reported go stale; the failure stays.
      travel(31_000);
      const later = await Promise.all(
        Array.from({ length: 10 }, () => allow(user.address, uniqueIp())),
      );
      expect(later.filter((v) => v.status === 0)).toHaveLength(4);
      // A success clears the account, places and all.
      await report(user.address, uniqueIp(), { success: true });
      expect((await allow(user.address, uniqueIp())).status).toBe(0);
    });
  });

  describe('per client address: a shared office address', () => {
    /** Locks `ip` with 21 failures over 21 accounts nobody has. */
    async function lockAddress(ip: string): Promise<void> {
      for (let i = 0; i < 21; i++) await failTimes(`${unique('ghost')}@${domain}`, ip, 1);
    }

    it('one account guessed wrong again and again locks that account, not the others behind the address', async () => {
      const [victim, colleague] = [await newMailbox(), await newMailbox()];
      const office = uniqueIp();
      await failTimes(victim.address, office, 5);
      for (let i = 0; i < 30; i++) await login(victim.address, office, false);
      expect((await login(colleague.address, office, true)).status).toBe(0);
    });

    it('counts on the address the failures of strangers only, not of accounts known there', async () => {
      const [colleague, stranger] = [await newMailbox(), await newMailbox()];
      const office = uniqueIp();
      const addressFailures = async () =>
        (
          await t.sql.query<{ failures: number }>(
            'SELECT failures FROM auth_throttle WHERE key = $1',
            [`ip:${office}`],
          )
        ).rows[0]?.failures ?? 0;
      expect((await login(colleague.address, office, true)).status).toBe(0);
      for (let round = 0; round < 6; round++) {
        await failTimes(colleague.address, office, 4);
        expect((await login(colleague.address, office, true)).status).toBe(0);
      }
      expect(await addressFailures()).toBe(0);
      await failTimes(stranger.address, office, 3);
      expect(await addressFailures()).toBe(3);
    });

    it('a locked address still lets in an account without failures, one after a typo, and one known there', async () => {
      const [regular, newcomer, typo] = [
        await newMailbox(),
        await newMailbox(),
        await newMailbox(),
      ];
      const office = uniqueIp();
      expect((await login(regular.address, office, true)).status).toBe(0);
      await lockAddress(office);
      expectProblem(
        await webSignIn(newcomer.address, newcomer.password, office),
        429,
        'RATE_LIMITED',
      );

      // Never failed: in.
      expect((await login(newcomer.address, office, true)).status).toBe(0);
      // One typo: in.
      expect((await login(typo.address, office, false)).status).toBe(0);
      expect((await login(typo.address, office, true)).status).toBe(0);
      // Failed twice, but signed in from this address before: in.
      await failTimes(regular.address, office, 2);
      expect((await login(regular.address, office, true)).status).toBe(0);
      // Failed twice, never signed in from here: refused while the address is locked.
      const stranger = await newMailbox();
      await failTimes(stranger.address, office, 2);
      expect(await allow(stranger.address, office)).toEqual({
        status: -1,
        msg: 'Too many failed attempts from this address. Try again later.',
      });
      // From elsewhere it is not refused: the account itself is not locked.
      expect((await allow(stranger.address, uniqueIp())).status).toBe(0);
    });

    it('a sweep over many accounts from a locked address gets two guesses per account', async () => {
      const office = uniqueIp();
      await lockAddress(office);
      for (let i = 0; i < 3; i++) {
        const ghost = `${unique('swept')}@${domain}`;
        await failTimes(ghost, office, 2);
        expect((await allow(ghost, office)).status).toBe(-1);
      }
    });

    it('a web sign-in makes the address known for the account', async () => {
      const user = await newMailbox();
      const office = uniqueIp();
      expect((await webSignIn(user.address, user.password, office)).status).toBe(200);
      await lockAddress(office);
      await failTimes(user.address, office, 2);
      expect((await allow(user.address, office)).status).toBe(0);
    });
  });

  // Last: turning request lines on lasts for the rest of the process.
  describe('logs', () => {
    it('never logs the key, the right one or a wrong one, even with every request logged', async () => {
      const logged = await startTestApp({
        MAIL_AUTH_POLICY_SECRET: KEY,
        LOG_LEVEL: 'verbose',
        LOG_FORMAT: 'json',
      });
      const wrong = `${KEY.slice(0, -6)}wrong!`;
      const log = captureLog();
      try {
        for (const key of [KEY, wrong]) {
          for (const [command, body] of [
            ['allow', { login: 'x@y.example', remote: '192.0.2.9' }],
            ['report', { login: 'x@y.example', remote: '192.0.2.9', success: false }],
            ['allow', '{"login":'],
          ] as const) {
            await logged.anonymous().post(`${POLICY}?command=${command}`, {
              ...(typeof body === 'string' ? { rawBody: body } : { body }),
              headers: { [KEY_HEADER]: key },
            });
          }
        }
      } finally {
        log.stop();
        await logged.close();
      }
      expect(log.text()).toContain('/internal/dovecot/auth-policy');
      expect(log.text()).not.toContain(KEY);
      expect(log.text()).not.toContain(wrong);
    });
  });
});
