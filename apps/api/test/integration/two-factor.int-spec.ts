import { randomInt } from 'node:crypto';
import { generate } from 'otplib';
import { Clock } from '../../src/infra/clock/clock.js';
import type { ApiResponse, RequestOptions } from '../support/api-client.js';
import { Browser, sessionFrom as browserSession, uniqueIp } from '../support/browser.js';
import { cookieValue, expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword } from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const LOGIN = `${API}/auth/login`;
const LOGIN_MFA = `${API}/auth/login/mfa`;
const STEP_MS = 30_000;
const DAY_MS = 86_400_000;
const RECOVERY_CODE = /^[a-z0-9]{5}-[a-z0-9]{5}$/;

describe('two-factor authentication', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: Browser;
  const travel = timeTravel(() => clock);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    clock = t.app.get(Clock);
    admin = (await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).client;
  });
  afterAll(() => t.close());

  /**
   * Moves the server's clock to one second into the next 30-second step. A code made
   * right after stays in its step for 29 s, so no test depends on where in a step it
   * happens to run, and every call gives a step no code has used yet.
   */
  function nextStep(): void {
    travel(STEP_MS - (clock.now().getTime() % STEP_MS) + 1_000);
  }

  /** The code an authenticator shows `stepOffset` steps from the server's now. */
  function totp(secret: string, stepOffset = 0): Promise<string> {
    return generate({
      secret,
      epoch: Math.floor(clock.now().getTime() / 1000) + 30 * stepOffset,
    });
  }

  function sessionFrom(response: ApiResponse, ip: string): Browser {
    return browserSession(t.baseUrl, response, ip);
  }

  /** A one-step login (no 2FA). */
  async function signIn(
    email: string,
    password: string,
    ip = uniqueIp(),
  ): Promise<{ client: Browser; user: any }> {
    const response = await new Browser(t.baseUrl, ip).post(LOGIN, { body: { email, password } });
    if (response.status !== 200 || response.body.mfaRequired !== false)
      throw new Error(`login as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return { client: sessionFrom(response, ip), user: response.body.user };
  }

  /** The first step of a login with 2FA on: a challenge, and no session yet. */
  async function startLogin(email: string, password: string, ip: string): Promise<string> {
    const response = await new Browser(t.baseUrl, ip).post(LOGIN, { body: { email, password } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ mfaRequired: true, challenge: expect.any(String) });
    expect(response.headers.getSetCookie()).toEqual([]);
    return response.body.challenge as string;
  }

  function answer(challenge: string, code: string, ip: string): Promise<ApiResponse> {
    return new Browser(t.baseUrl, ip).post(LOGIN_MFA, { body: { challenge, code } });
  }

  /** Both steps; `code` is asked for between them, so it is made at the server's current time. */
  async function signInWithMfa(
    email: string,
    password: string,
    code: () => Promise<string> | string,
    ip = uniqueIp(),
  ): Promise<{ client: Browser; user: any }> {
    const challenge = await startLogin(email, password, ip);
    const response = await answer(challenge, await code(), ip);
    if (response.status !== 200 || response.body.mfaRequired !== false)
      throw new Error(`MFA login as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return { client: sessionFrom(response, ip), user: response.body.user };
  }

  interface User {
    address: string;
    password: string;
    domain: string;
    ip: string;
    client: Browser;
  }

  async function newUser(domainName?: string): Promise<User> {
    const domain = domainName ?? (await createDomain(admin)).name;
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    const ip = uniqueIp();
    const { client } = await signIn(mailbox.address, password, ip);
    return { address: mailbox.address, password, domain, ip, client };
  }

  /** Turns TOTP on with a code of the current step; the next login needs a later step. */
  async function enrol(client: Browser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const begin = await client.post(`${API}/me/2fa/totp`);
    expect(begin.status).toBe(200);
    const secret = begin.body.secret as string;
    const confirm = await client.post(`${API}/me/2fa/totp/confirm`, {
      body: { code: await totp(secret) },
    });
    expect(confirm.status).toBe(200);
    return { secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
  }

  async function enrolledUser(): Promise<User & { secret: string; recoveryCodes: string[] }> {
    const user = await newUser();
    nextStep();
    return { ...user, ...(await enrol(user.client)) };
  }

  describe('enrolment', () => {
    it('starts with a secret, an otpauth URI and a QR code, and changes nothing until confirmed', async () => {
      const user = await newUser();
      const begin = await user.client.post(`${API}/me/2fa/totp`);
      expect(begin.status).toBe(200);
      expect(Object.keys(begin.body).sort()).toEqual(['otpauthUri', 'qrSvg', 'secret']);
      const secret = begin.body.secret as string;
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

      const uri = new URL(begin.body.otpauthUri as string);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(decodeURIComponent(uri.pathname)).toBe(`/Yubin:${user.address}`);
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(uri.searchParams.get('issuer')).toBe('Yubin');
      // Absent parameters mean the defaults, which are the ones Yubin uses.
      expect(uri.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
      expect(uri.searchParams.get('digits') ?? '6').toBe('6');
      expect(uri.searchParams.get('period') ?? '30').toBe('30');
      expect(begin.body.qrSvg).toMatch(/<svg[\s>][\s\S]*<\/svg>\s*$/);

      const status = await user.client.get(`${API}/me/2fa`);
      expect(status.status).toBe(200);
      expect(status.body).toEqual({
        enabled: false,
        enabledAt: null,
        recoveryCodesRemaining: 0,
        required: false,
        deadline: null,
        requiredByPolicy: false,
      });
      // Still a one-step login.
      await signIn(user.address, user.password);
    });

    it('turns 2FA on with a valid code and returns 10 distinct recovery codes, once', async () => {
      const user = await newUser();
      nextStep();
      const begin = await user.client.post(`${API}/me/2fa/totp`);
      const secret = begin.body.secret as string;
      const confirm = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(secret) },
      });
      expect(confirm.status).toBe(200);
      expect(Object.keys(confirm.body)).toEqual(['recoveryCodes']);
      const codes = confirm.body.recoveryCodes as string[];
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(RECOVERY_CODE);
      expect(new Set(codes).size).toBe(10);

      const status = await user.client.get(`${API}/me/2fa`);
      expect(status.body).toEqual({
        enabled: true,
        enabledAt: expect.any(String),
        recoveryCodesRemaining: 10,
        required: false,
        deadline: null,
        requiredByPolicy: false,
      });
      expect(Number.isNaN(Date.parse(status.body.enabledAt as string))).toBe(false);
      expect((await user.client.get(`${API}/me`)).body.twoFactor).toEqual({
        enabled: true,
        required: false,
        deadline: null,
      });
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.twoFactorEnabled).toBe(
        true,
      );
      // Nothing shows the codes again.
      expect(JSON.stringify(status.body)).not.toContain(codes[0]);
    });

    it('refuses a wrong confirmation code with 422 INVALID_TOTP_CODE and stays off', async () => {
      const user = await newUser();
      nextStep();
      const begin = await user.client.post(`${API}/me/2fa/totp`);
      const right = await totp(begin.body.secret as string);
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      const confirm = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: wrong },
      });
      expectProblem(confirm, 422, 'INVALID_TOTP_CODE');
      expect(confirm.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(false);
      await signIn(user.address, user.password);
    });

    it('refuses to confirm before starting, and to start again once on (409)', async () => {
      const user = await newUser();
      const early = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: '123456' },
      });
      expectProblem(early, 409, 'TWO_FACTOR_ENROLMENT_NOT_STARTED');

      nextStep();
      const { secret } = await enrol(user.client);
      expectProblem(
        await user.client.post(`${API}/me/2fa/totp`),
        409,
        'TWO_FACTOR_ALREADY_ENABLED',
      );
      nextStep();
      const again = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(secret) },
      });
      expectProblem(again, 409, 'TWO_FACTOR_ALREADY_ENABLED');
    });

    it('only the latest enrolment secret can be confirmed', async () => {
      const user = await newUser();
      nextStep();
      const first = await user.client.post(`${API}/me/2fa/totp`);
      const second = await user.client.post(`${API}/me/2fa/totp`);
      expect(second.body.secret).not.toBe(first.body.secret);
      const stale = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(first.body.secret as string) },
      });
      expectProblem(stale, 422, 'INVALID_TOTP_CODE');
      const fresh = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(second.body.secret as string) },
      });
      expect(fresh.status).toBe(200);
    });

    it('confirms with a code one step early or late, but not two', async () => {
      const early = await newUser();
      nextStep();
      const earlySecret = (await early.client.post(`${API}/me/2fa/totp`)).body.secret as string;
      for (const offset of [-2, 2]) {
        expectProblem(
          await early.client.post(`${API}/me/2fa/totp/confirm`, {
            body: { code: await totp(earlySecret, offset) },
          }),
          422,
          'INVALID_TOTP_CODE',
        );
      }
      const confirmedEarly = await early.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(earlySecret, -1) },
      });
      expect(confirmedEarly.status).toBe(200);

      const late = await newUser();
      const lateSecret = (await late.client.post(`${API}/me/2fa/totp`)).body.secret as string;
      const confirmedLate = await late.client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(lateSecret, 1) },
      });
      expect(confirmedLate.status).toBe(200);
    });

    it('is refused with 403 TWO_FACTOR_DISABLED_BY_POLICY when the domain turns 2FA off', async () => {
      const domain = await createDomain(admin);
      const patched = await admin.patch(`${API}/domains/${domain.name}`, {
        body: { twoFactorPolicy: 'off' },
      });
      expect(patched.status).toBe(200);
      const user = await newUser(domain.name);
      expectProblem(
        await user.client.post(`${API}/me/2fa/totp`),
        403,
        'TWO_FACTOR_DISABLED_BY_POLICY',
      );
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(false);
    });
  });

  describe('signing in with 2FA', () => {
    it('asks for a code after the password, and sets the session only after it', async () => {
      const user = await enrolledUser();
      nextStep();
      const challenge = await startLogin(user.address, user.password, user.ip);
      const response = await answer(challenge, await totp(user.secret), user.ip);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        mfaRequired: false,
        user: {
          id: expect.any(String),
          kind: 'mailbox',
          email: user.address,
          displayName: '',
          role: null,
          permissions: [],
          domains: [],
          via: 'session',
          restriction: null,
          twoFactor: { enabled: true, required: false, deadline: null },
          language: null,
          effectiveLanguage: 'en',
        },
      });
      const client = sessionFrom(response, user.ip);
      const me = await client.get(`${API}/me`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(response.body.user);
    });

    it('answers a wrong code with 401 INVALID_MFA_CODE and still accepts the right one', async () => {
      const user = await enrolledUser();
      nextStep();
      const challenge = await startLogin(user.address, user.password, user.ip);
      const right = await totp(user.secret);
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      const refused = await answer(challenge, wrong, user.ip);
      expectProblem(refused, 401, 'INVALID_MFA_CODE');
      expect(refused.headers.getSetCookie()).toEqual([]);
      const accepted = await answer(challenge, right, user.ip);
      expect(accepted.status).toBe(200);
      expect(cookieValue(accepted, 'yubin_session')).toBeTruthy();
    });

    it('refuses an unknown challenge with 401 MFA_CHALLENGE_INVALID', async () => {
      const user = await enrolledUser();
      nextStep();
      const response = await answer('not-a-challenge-we-issued', await totp(user.secret), user.ip);
      expectProblem(response, 401, 'MFA_CHALLENGE_INVALID');
    });

    it('uses a challenge once: after a successful answer it is gone', async () => {
      const user = await enrolledUser();
      nextStep();
      const challenge = await startLogin(user.address, user.password, user.ip);
      expect((await answer(challenge, await totp(user.secret), user.ip)).status).toBe(200);
      nextStep();
      expectProblem(
        await answer(challenge, await totp(user.secret), user.ip),
        401,
        'MFA_CHALLENGE_INVALID',
      );
    });

    it('accepts codes one step early or late', async () => {
      const user = await newUser();
      nextStep();
      const { secret } = await enrol(user.client);
      nextStep();
      nextStep();
      // The steps used: -1, then 0, then +1, each later than the last one accepted.
      for (const offset of [-1, 0, 1]) {
        const { user: signedIn } = await signInWithMfa(
          user.address,
          user.password,
          () => totp(secret, offset),
          user.ip,
        );
        expect(signedIn.email).toBe(user.address);
      }
    });

    it('refuses codes two steps early or late', async () => {
      const user = await newUser();
      nextStep();
      const { secret } = await enrol(user.client);
      nextStep();
      nextStep();
      nextStep();
      // Two steps back is still later than the enrolment step: only the window refuses it.
      const challenge = await startLogin(user.address, user.password, user.ip);
      expectProblem(
        await answer(challenge, await totp(secret, -2), user.ip),
        401,
        'INVALID_MFA_CODE',
      );
      expectProblem(
        await answer(challenge, await totp(secret, 2), user.ip),
        401,
        'INVALID_MFA_CODE',
      );
      // The challenge is still good for a code in the window.
      expect((await answer(challenge, await totp(secret), user.ip)).status).toBe(200);
    });
  });

  describe('replay', () => {
    it('refuses a code whose step was already used to sign in', async () => {
      const user = await enrolledUser();
      nextStep();
      const code = await totp(user.secret);
      await signInWithMfa(user.address, user.password, () => code, user.ip);
      const challenge = await startLogin(user.address, user.password, user.ip);
      expectProblem(await answer(challenge, code, user.ip), 401, 'INVALID_MFA_CODE');
      // Nor an earlier step, still inside the window.
      expectProblem(
        await answer(challenge, await totp(user.secret, -1), user.ip),
        401,
        'INVALID_MFA_CODE',
      );
    });

    it('refuses to sign in with the code that confirmed the enrolment', async () => {
      const user = await newUser();
      nextStep();
      const begin = await user.client.post(`${API}/me/2fa/totp`);
      const code = await totp(begin.body.secret as string);
      const confirm = await user.client.post(`${API}/me/2fa/totp/confirm`, { body: { code } });
      expect(confirm.status).toBe(200);
      const challenge = await startLogin(user.address, user.password, user.ip);
      expectProblem(await answer(challenge, code, user.ip), 401, 'INVALID_MFA_CODE');
    });

    it('refuses a code used to sign in when it is offered again to turn 2FA off', async () => {
      const user = await enrolledUser();
      nextStep();
      const code = await totp(user.secret);
      const { client } = await signInWithMfa(user.address, user.password, () => code, user.ip);
      const disable = await client.delete(`${API}/me/2fa`, { body: { code } });
      expectProblem(disable, 401, 'INVALID_MFA_CODE');
      expect((await client.get(`${API}/me/2fa`)).body.enabled).toBe(true);
    });

    it('lets only one of two concurrent logins use the same code', async () => {
      const user = await enrolledUser();
      nextStep();
      const first = await startLogin(user.address, user.password, user.ip);
      const second = await startLogin(user.address, user.password, user.ip);
      const code = await totp(user.secret);
      expect((await answer(first, code, user.ip)).status).toBe(200);
      expectProblem(await answer(second, code, user.ip), 401, 'INVALID_MFA_CODE');
    });
  });

  describe('recovery codes', () => {
    it('signs in with a recovery code once, and counts what is left', async () => {
      const user = await enrolledUser();
      const [first, second] = user.recoveryCodes as [string, string];
      const { client, user: signedIn } = await signInWithMfa(
        user.address,
        user.password,
        () => first,
        user.ip,
      );
      expect(signedIn.twoFactor.enabled).toBe(true);
      expect((await client.get(`${API}/me/2fa`)).body.recoveryCodesRemaining).toBe(9);

      const challenge = await startLogin(user.address, user.password, user.ip);
      expectProblem(await answer(challenge, first, user.ip), 401, 'INVALID_MFA_CODE');
      // Typed without the hyphen and in capitals, another code still works.
      const typed = second.replace('-', '').toUpperCase();
      expect((await answer(challenge, typed, user.ip)).status).toBe(200);
      expect((await client.get(`${API}/me/2fa`)).body.recoveryCodesRemaining).toBe(8);
    });

    it('refuses a recovery code used to sign in when it is offered again to turn 2FA off', async () => {
      const user = await enrolledUser();
      const code = user.recoveryCodes[5] as string;
      const { client } = await signInWithMfa(user.address, user.password, () => code, user.ip);
      expectProblem(
        await client.delete(`${API}/me/2fa`, { body: { code } }),
        401,
        'INVALID_MFA_CODE',
      );
      expect((await client.get(`${API}/me/2fa`)).body.enabled).toBe(true);
    });

    it('makes 10 new codes on request; the old ones stop working', async () => {
      const user = await enrolledUser();
      const renewed = await user.client.post(`${API}/me/2fa/recovery-codes`);
      expect(renewed.status).toBe(200);
      const fresh = renewed.body.recoveryCodes as string[];
      expect(fresh).toHaveLength(10);
      for (const code of fresh) expect(code).toMatch(RECOVERY_CODE);
      expect(fresh.filter((code) => user.recoveryCodes.includes(code))).toEqual([]);
      expect((await user.client.get(`${API}/me/2fa`)).body.recoveryCodesRemaining).toBe(10);

      const challenge = await startLogin(user.address, user.password, user.ip);
      expectProblem(
        await answer(challenge, user.recoveryCodes[0] as string, user.ip),
        401,
        'INVALID_MFA_CODE',
      );
      expect((await answer(challenge, fresh[0] as string, user.ip)).status).toBe(200);
    });

    it('refuses to make recovery codes while 2FA is off (409 TWO_FACTOR_NOT_ENABLED)', async () => {
      const user = await newUser();
      expectProblem(
        await user.client.post(`${API}/me/2fa/recovery-codes`),
        409,
        'TWO_FACTOR_NOT_ENABLED',
      );
    });

    it('does not accept one user’s recovery code for another user', async () => {
      const alice = await enrolledUser();
      const bob = await enrolledUser();
      const challenge = await startLogin(bob.address, bob.password, bob.ip);
      expectProblem(
        await answer(challenge, alice.recoveryCodes[0] as string, bob.ip),
        401,
        'INVALID_MFA_CODE',
      );
      expect((await answer(challenge, bob.recoveryCodes[0] as string, bob.ip)).status).toBe(200);
    });
  });

  describe('the challenge', () => {
    it('still works 4½ minutes after the password', async () => {
      const user = await enrolledUser();
      nextStep();
      const challenge = await startLogin(user.address, user.password, user.ip);
      travel(4.5 * 60_000);
      expect((await answer(challenge, await totp(user.secret), user.ip)).status).toBe(200);
    });

    it('expires after 5 minutes: even a right code then gets 401 MFA_CHALLENGE_INVALID', async () => {
      const user = await enrolledUser();
      nextStep();
      const challenge = await startLogin(user.address, user.password, user.ip);
      travel(5 * 60_000 + 1_000);
      const late = await answer(challenge, await totp(user.secret), user.ip);
      expectProblem(late, 401, 'MFA_CHALLENGE_INVALID');
      expect(late.headers.getSetCookie()).toEqual([]);
    });

    it('dies after 5 wrong codes: even a right code then gets 401 MFA_CHALLENGE_INVALID', async () => {
      const user = await enrolledUser();
      nextStep();
      const challenge = await startLogin(user.address, user.password, user.ip);
      const right = await totp(user.secret);
      for (let i = 1; i <= 5; i++) {
        const wrong = String((Number(right) + i) % 1_000_000).padStart(6, '0');
        const refused = await answer(challenge, wrong, user.ip);
        expectProblem(refused, 401, 'INVALID_MFA_CODE');
        expect(refused.body.attemptsRemaining).toBe(5 - i);
      }
      const dead = await answer(challenge, right, user.ip);
      expectProblem(dead, 401, 'MFA_CHALLENGE_INVALID');
      expect(dead.headers.getSetCookie()).toEqual([]);
      // The right code was not spent on the dead challenge.
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(true);
    });
  });

  describe('turning 2FA off', () => {
    it('works with a current code', async () => {
      const user = await enrolledUser();
      nextStep();
      const response = await user.client.delete(`${API}/me/2fa`, {
        body: { code: await totp(user.secret) },
      });
      expect(response.status).toBe(204);
      expect((await user.client.get(`${API}/me/2fa`)).body).toEqual({
        enabled: false,
        enabledAt: null,
        recoveryCodesRemaining: 0,
        required: false,
        deadline: null,
        requiredByPolicy: false,
      });
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.twoFactorEnabled).toBe(
        false,
      );
      // The password alone signs in again.
      const { user: signedIn } = await signIn(user.address, user.password, user.ip);
      expect(signedIn.twoFactor.enabled).toBe(false);
    });

    it('works with the password', async () => {
      const user = await enrolledUser();
      const response = await user.client.delete(`${API}/me/2fa`, {
        body: { password: user.password },
      });
      expect(response.status).toBe(204);
      await signIn(user.address, user.password, user.ip);
    });

    it('works with a recovery code', async () => {
      const user = await enrolledUser();
      const response = await user.client.delete(`${API}/me/2fa`, {
        body: { code: user.recoveryCodes[3] },
      });
      expect(response.status).toBe(204);
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(false);
    });

    it('refuses a wrong code (401 INVALID_MFA_CODE) or password (401 INVALID_CURRENT_PASSWORD) and stays on', async () => {
      const user = await enrolledUser();
      nextStep();
      const right = await totp(user.secret);
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      expectProblem(
        await user.client.delete(`${API}/me/2fa`, { body: { code: wrong } }),
        401,
        'INVALID_MFA_CODE',
      );
      expectProblem(
        await user.client.delete(`${API}/me/2fa`, { body: { password: `${user.password}x` } }),
        401,
        'INVALID_CURRENT_PASSWORD',
      );
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(true);
      // The session survives the refusals.
      expect((await user.client.get(`${API}/me`)).status).toBe(200);
    });

    it('needs exactly one of code and password (422)', async () => {
      const user = await enrolledUser();
      nextStep();
      const both = await user.client.delete(`${API}/me/2fa`, {
        body: { code: await totp(user.secret), password: user.password },
      });
      expect(both.status).toBe(422);
      const neither = await user.client.delete(`${API}/me/2fa`, { body: {} });
      expect(neither.status).toBe(422);
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(true);
    });
  });

  describe('admin reset', () => {
    it('removes the user’s 2FA, ends every session of theirs, and is audited', async () => {
      const user = await enrolledUser();
      nextStep();
      const second = await signInWithMfa(user.address, user.password, () => totp(user.secret));

      const reset = await admin.post(`${API}/mailboxes/${user.address}/2fa-reset`);
      expect(reset.status).toBe(204);
      expect(reset.body).toBe('');

      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expectProblem(await second.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.twoFactorEnabled).toBe(
        false,
      );

      // The password alone signs in; the recovery codes are gone with the factor.
      const { client, user: signedIn } = await signIn(user.address, user.password, user.ip);
      expect(signedIn.twoFactor.enabled).toBe(false);
      expect((await client.get(`${API}/me/2fa`)).body).toMatchObject({
        enabled: false,
        recoveryCodesRemaining: 0,
      });
      // They can enrol again.
      expect((await client.post(`${API}/me/2fa/totp`)).status).toBe(200);

      const events = await admin.get(
        `${API}/audit-events?action=mailbox.2fa-reset&target=${encodeURIComponent(user.address)}`,
      );
      expect(events.status).toBe(200);
      expect(events.body.items).toEqual([
        expect.objectContaining({
          action: 'mailbox.2fa-reset',
          targetType: 'mailbox',
          target: user.address,
          domain: user.domain,
          actor: expect.objectContaining({ label: ADMIN_EMAIL, via: 'session' }),
          after: expect.objectContaining({ hadTwoFactor: true, endedSessions: 2 }),
        }),
      ]);
      expect(JSON.stringify(events.body)).not.toContain(user.secret);
    });

    it('helpdesk staff reset 2FA in their domains only', async () => {
      const user = await enrolledUser();
      const helpdesk = async (domain: string): Promise<Browser> => {
        const email = `hd${randomInt(1e9)}@staff.example`;
        const password = strongPassword();
        const created = await admin.post(`${API}/admins`, {
          body: { email, role: 'helpdesk', domains: [domain], password },
        });
        expect(created.status).toBe(201);
        return (await signIn(email, password)).client;
      };
      const stranger = await helpdesk((await createDomain(admin)).name);
      expectProblem(
        await stranger.post(`${API}/mailboxes/${user.address}/2fa-reset`),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expect((await user.client.get(`${API}/me/2fa`)).body.enabled).toBe(true);

      const own = await helpdesk(user.domain);
      expect((await own.post(`${API}/mailboxes/${user.address}/2fa-reset`)).status).toBe(204);
      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expect((await signIn(user.address, user.password)).user.twoFactor.enabled).toBe(false);
    });

    it('answers 404 MAILBOX_NOT_FOUND for an unknown mailbox', async () => {
      const domain = await createDomain(admin);
      expectProblem(
        await admin.post(`${API}/mailboxes/nobody@${domain.name}/2fa-reset`),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });

    it('is not for mailbox users (403 FORBIDDEN), whose 2FA stays on', async () => {
      const victim = await enrolledUser();
      const other = await newUser(victim.domain);
      expectProblem(
        await other.client.post(`${API}/mailboxes/${victim.address}/2fa-reset`),
        403,
        'FORBIDDEN',
      );
      expect((await victim.client.get(`${API}/me/2fa`)).body.enabled).toBe(true);
    });
  });

  describe('enforcement by the domain', () => {
    async function requireTwoFactor(domain: string, graceDays: number): Promise<any> {
      const response = await admin.patch(`${API}/domains/${domain}`, {
        body: { twoFactorPolicy: 'required', twoFactorGraceDays: graceDays },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        twoFactorPolicy: 'required',
        twoFactorGraceDays: graceDays,
        twoFactorRequiredSince: expect.any(String),
      });
      return response.body;
    }

    it('within the grace period: a normal session that shows the requirement and its deadline', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password });
      const policy = await requireTwoFactor(domain.name, 3);
      const deadline = new Date(
        Date.parse(policy.twoFactorRequiredSince as string) + 3 * DAY_MS,
      ).toISOString();

      travel(2 * DAY_MS);
      const { client, user } = await signIn(mailbox.address, password);
      expect(user.restriction).toBeNull();
      expect(user.twoFactor).toEqual({ enabled: false, required: true, deadline });
      expect((await client.get(`${API}/me/2fa`)).body).toEqual({
        enabled: false,
        enabledAt: null,
        recoveryCodesRemaining: 0,
        required: true,
        deadline,
        requiredByPolicy: true,
      });
      expect((await client.get(`${API}/me/sessions`)).status).toBe(200);
      expect((await client.get(`${API}/me/app-passwords`)).status).toBe(200);
    });

    it('after the grace period: the session may only enrol, and works fully once 2FA is on', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password });
      const policy = await requireTwoFactor(domain.name, 2);
      const deadline = new Date(
        Date.parse(policy.twoFactorRequiredSince as string) + 2 * DAY_MS,
      ).toISOString();

      travel(2 * DAY_MS + 60_000);
      const ip = uniqueIp();
      const { client, user } = await signIn(mailbox.address, password, ip);
      expect(user.restriction).toBe('two-factor-enrolment');
      expect(user.twoFactor).toEqual({ enabled: false, required: true, deadline });

      // What an enrolment-only session may do.
      const me = await client.get(`${API}/me`);
      expect(me.status).toBe(200);
      expect(me.body.restriction).toBe('two-factor-enrolment');
      expect((await client.get(`${API}/me/2fa`)).body).toMatchObject({
        enabled: false,
        required: true,
        deadline,
      });
      expect((await client.get(`${API}/me/password-policy`)).status).toBe(200);

      // Everything else is refused.
      const refused: [string, string, RequestOptions?][] = [
        ['GET', `${API}/me/sessions`],
        ['DELETE', `${API}/me/sessions`],
        ['GET', `${API}/me/connection-settings`],
        ['GET', `${API}/me/app-passwords`],
        ['POST', `${API}/me/app-passwords`, { body: { name: 'phone', protocols: ['imap'] } }],
        [
          'POST',
          `${API}/me/password`,
          { body: { currentPassword: password, newPassword: strongPassword() } },
        ],
        ['POST', `${API}/me/2fa/recovery-codes`],
        ['DELETE', `${API}/me/2fa`, { body: { password } }],
        ['GET', `${API}/domains`],
        ['GET', `${API}/mailboxes/${mailbox.address}`],
      ];
      for (const [method, path, options] of refused) {
        const response = await client.request(method, path, options);
        expect({ method, path, status: response.status, code: response.body?.code }).toEqual({
          method,
          path,
          status: 403,
          code: 'TWO_FACTOR_ENROLMENT_REQUIRED',
        });
      }
      // The password was not changed by the refused request.
      await signIn(mailbox.address, password);

      // Enrol in this very session.
      nextStep();
      const begin = await client.post(`${API}/me/2fa/totp`);
      expect(begin.status).toBe(200);
      const secret = begin.body.secret as string;
      const confirm = await client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(secret) },
      });
      expect(confirm.status).toBe(200);
      expect(confirm.body.recoveryCodes).toHaveLength(10);

      // The same session now works fully.
      const after = await client.get(`${API}/me`);
      expect(after.body.restriction).toBeNull();
      expect(after.body.twoFactor.enabled).toBe(true);
      expect((await client.get(`${API}/me/sessions`)).status).toBe(200);
      expect((await client.get(`${API}/me/connection-settings`)).status).toBe(200);
      expect((await client.get(`${API}/me/app-passwords`)).status).toBe(200);
      expect((await client.post(`${API}/me/2fa/recovery-codes`)).status).toBe(200);

      // And the next login asks for a code, then gives a full session.
      nextStep();
      const next = await signInWithMfa(mailbox.address, password, () => totp(secret), ip);
      expect(next.user.restriction).toBeNull();
    });

    it('an enrolment-only session can sign out', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password });
      await requireTwoFactor(domain.name, 1);
      travel(DAY_MS + 60_000);
      const { client, user } = await signIn(mailbox.address, password);
      expect(user.restriction).toBe('two-factor-enrolment');
      expect((await client.post(`${API}/auth/logout`)).status).toBe(204);
      expectProblem(await client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    });

    it('with no grace period, a user without 2FA may only enrol from the first login', async () => {
      const domain = await createDomain(admin);
      await requireTwoFactor(domain.name, 0);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password });
      const { client, user } = await signIn(mailbox.address, password);
      expect(user.restriction).toBe('two-factor-enrolment');
      expectProblem(await client.get(`${API}/me/sessions`), 403, 'TWO_FACTOR_ENROLMENT_REQUIRED');
    });

    it('after a forced password change, a session past the deadline must still enrol', async () => {
      const domain = await createDomain(admin);
      await requireTwoFactor(domain.name, 0);
      const mailbox = await createMailbox(admin, domain.name, { password: strongPassword() });
      const reset = await admin.post(`${API}/mailboxes/${mailbox.address}/password-reset`);
      const temporary = reset.body.temporaryPassword as string;
      const { client, user } = await signIn(mailbox.address, temporary);
      expect(user.restriction).toBe('password-change');

      const change = await client.post(`${API}/me/password`, {
        body: { currentPassword: temporary, newPassword: strongPassword() },
      });
      expect(change.status).toBe(204);
      expect((await client.get(`${API}/me`)).body.restriction).toBe('two-factor-enrolment');
      expectProblem(await client.get(`${API}/me/sessions`), 403, 'TWO_FACTOR_ENROLMENT_REQUIRED');

      nextStep();
      const begin = await client.post(`${API}/me/2fa/totp`);
      const confirm = await client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await totp(begin.body.secret as string) },
      });
      expect(confirm.status).toBe(200);
      expect((await client.get(`${API}/me`)).body.restriction).toBeNull();
    });

    it('users who already have 2FA are not restricted', async () => {
      const user = await enrolledUser();
      await requireTwoFactor(user.domain, 1);
      travel(DAY_MS + 60_000);
      nextStep();
      const { client, user: signedIn } = await signInWithMfa(user.address, user.password, () =>
        totp(user.secret),
      );
      expect(signedIn.restriction).toBeNull();
      expect((await client.get(`${API}/me/sessions`)).status).toBe(200);
    });

    it('users cannot turn 2FA off while the domain requires it, and can once it is optional again', async () => {
      const user = await enrolledUser();
      await requireTwoFactor(user.domain, 7);
      expect((await user.client.get(`${API}/me/2fa`)).body).toMatchObject({
        enabled: true,
        required: false,
        requiredByPolicy: true,
      });

      for (const body of [{ password: user.password }, { code: user.recoveryCodes[0] }]) {
        const refused = await user.client.delete(`${API}/me/2fa`, { body });
        expectProblem(refused, 403, 'TWO_FACTOR_REQUIRED_BY_POLICY');
      }
      expect((await user.client.get(`${API}/me/2fa`)).body).toMatchObject({
        enabled: true,
        recoveryCodesRemaining: 10,
      });

      const optional = await admin.patch(`${API}/domains/${user.domain}`, {
        body: { twoFactorPolicy: 'optional' },
      });
      expect(optional.status).toBe(200);
      expect((await user.client.get(`${API}/me/2fa`)).body.requiredByPolicy).toBe(false);
      const disabled = await user.client.delete(`${API}/me/2fa`, {
        body: { password: user.password },
      });
      expect(disabled.status).toBe(204);
    });
  });
});
