import { generate } from 'otplib';
import { Clock } from '../../src/infra/clock/clock.js';
import type { ApiResponse } from '../support/api-client.js';
import { Browser, signInBrowser, uniqueIp } from '../support/browser.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const LOGIN = `${API}/auth/login`;
const SECOND_MS = 1_000;

function retryAfter(response: ApiResponse): number {
  return Number(response.headers.get('retry-after'));
}

/**
 * 429 RATE_LIMITED for a lock of `seconds`. Retry-After counts down with real time
 * between the failure and this request; a few seconds of slack keep that from mattering.
 */
function expectLocked(response: ApiResponse, seconds: number): void {
  expectProblem(response, 429, 'RATE_LIMITED');
  expect(response.headers.getSetCookie()).toEqual([]);
  const after = retryAfter(response);
  expect(Number.isInteger(after)).toBe(true);
  expect(after).toBeLessThanOrEqual(seconds);
  expect(after).toBeGreaterThan(seconds - 5);
}

/** The parts of a response a client could compare, with the lock's countdown blanked. */
function observable(response: ApiResponse): unknown {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.has('retry-after'),
    cookies: response.headers.getSetCookie(),
    body: JSON.parse(JSON.stringify(response.body).replace(/\d+ seconds/g, 'N seconds')),
  };
}

describe('brute-force protection', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: Browser;
  const travel = timeTravel(() => clock);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    clock = t.app.get(Clock);
    admin = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, uniqueIp());
  });
  afterAll(() => t.close());

  function attempt(email: string, password: string, ip: string): Promise<ApiResponse> {
    return new Browser(t.baseUrl, ip).post(LOGIN, { body: { email, password } });
  }

  function signIn(email: string, password: string, ip: string): Promise<Browser> {
    return signInBrowser(t.baseUrl, email, password, ip);
  }

  async function newMailbox(domainName?: string): Promise<{
    address: string;
    password: string;
    domain: string;
  }> {
    const domain = domainName ?? (await createDomain(admin)).name;
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    return { address: mailbox.address as string, password, domain };
  }

  /** `count` wrong passwords, each answered 401 INVALID_CREDENTIALS. */
  async function fail(email: string, count: number, ip: string): Promise<void> {
    for (let i = 0; i < count; i++) {
      const response = await attempt(email, `wrong-${i}-${strongPassword()}`, ip);
      expectProblem(response, 401, 'INVALID_CREDENTIALS');
    }
  }

  async function helpdeskFor(domain: string): Promise<Browser> {
    const email = `${unique('helpdesk')}@staff.example`;
    const password = strongPassword();
    const created = await admin.post(`${API}/admins`, {
      body: { email, role: 'helpdesk', domains: [domain], password },
    });
    expect(created.status).toBe(201);
    return signIn(email, password, uniqueIp());
  }

  describe('per account', () => {
    it('lets four failures pass; the fifth locks the account for 30 s, even against the right password', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address, 5, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
      // Another address is locked out from the same place too.
      expectLocked(await attempt(user.address, user.password, uniqueIp()), 30);
      // A wrong password while locked is refused the same way.
      expectLocked(await attempt(user.address, 'still-wrong', ip), 30);
      // Other accounts are not affected.
      const other = await newMailbox(user.domain);
      await signIn(other.address, other.password, ip);
    });

    it('does not lock after four failures', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address, 4, ip);
      await signIn(user.address, user.password, ip);
    });

    it('lifts the lock when it expires', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address, 5, ip);
      travel(25 * SECOND_MS);
      expectLocked(await attempt(user.address, user.password, ip), 5);
      travel(6 * SECOND_MS);
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.lockedUntil).toBeNull();
      await signIn(user.address, user.password, ip);
    });

    it('doubles the lock with each further failure, up to 15 minutes', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address, 5, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
      for (const [previous, next] of [
        [30, 60],
        [60, 120],
        [120, 240],
        [240, 480],
        [480, 900],
        [900, 900],
      ] as const) {
        travel((previous + 1) * SECOND_MS);
        await fail(user.address, 1, ip);
        expectLocked(await attempt(user.address, user.password, ip), next);
      }
    });

    it('restarts the count after a successful login', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address, 4, ip);
      await signIn(user.address, user.password, ip);
      await fail(user.address, 4, ip);
      await signIn(user.address, user.password, ip);
      await fail(user.address, 5, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
    });

    it('counts the address however it is capitalised', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address.toUpperCase(), 5, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
    });
  });

  describe('other proofs of identity', () => {
    it('wrong current passwords when changing the password count towards the account lock', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      const client = await signIn(user.address, user.password, ip);
      for (let i = 0; i < 5; i++) {
        const response = await client.post(`${API}/me/password`, {
          body: { currentPassword: `wrong-${i}`, newPassword: strongPassword() },
        });
        expectProblem(response, 422, 'INVALID_CURRENT_PASSWORD');
      }
      expectLocked(
        await client.post(`${API}/me/password`, {
          body: { currentPassword: user.password, newPassword: strongPassword() },
        }),
        30,
      );
      expectLocked(await attempt(user.address, user.password, ip), 30);
    });
  });

  describe('wrong 2FA codes', () => {
    /** A mailbox with TOTP on; the step its enrolment used is behind the clock afterwards. */
    async function enrolledMailbox(ip: string): Promise<{
      address: string;
      password: string;
      secret: string;
    }> {
      const user = await newMailbox();
      const client = await signIn(user.address, user.password, ip);
      const secret = (await client.post(`${API}/me/2fa/totp`)).body.secret as string;
      const confirm = await client.post(`${API}/me/2fa/totp/confirm`, {
        body: { code: await code(secret) },
      });
      expect(confirm.status).toBe(200);
      travel(60 * SECOND_MS);
      return { ...user, secret };
    }

    function code(secret: string): Promise<string> {
      return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
    }

    async function challenge(email: string, password: string, ip: string): Promise<string> {
      const response = await attempt(email, password, ip);
      expect(response.status).toBe(200);
      expect(response.body.mfaRequired).toBe(true);
      return response.body.challenge as string;
    }

    /** `count` codes that are not the current one, each answered 401 INVALID_MFA_CODE. */
    async function failCodes(id: string, secret: string, count: number, ip: string): Promise<void> {
      const right = Number(await code(secret));
      for (let i = 1; i <= count; i++) {
        const wrong = String((right + 500_000 + i) % 1_000_000).padStart(6, '0');
        const response = await new Browser(t.baseUrl, ip).post(`${LOGIN}/mfa`, {
          body: { challenge: id, code: wrong },
        });
        expectProblem(response, 401, 'INVALID_MFA_CODE');
      }
    }

    it('five wrong codes lock the account like five wrong passwords', async () => {
      const ip = uniqueIp();
      const user = await enrolledMailbox(ip);
      await failCodes(await challenge(user.address, user.password, ip), user.secret, 5, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
    });

    it('count towards the lock across challenges: a new password step does not wipe them', async () => {
      // Otherwise whoever has the password could guess codes forever, four at a time.
      const ip = uniqueIp();
      const user = await enrolledMailbox(ip);
      await failCodes(await challenge(user.address, user.password, ip), user.secret, 3, ip);
      await failCodes(await challenge(user.address, user.password, ip), user.secret, 2, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
    });

    it('a completed login with the right code does restart the count', async () => {
      const ip = uniqueIp();
      const user = await enrolledMailbox(ip);
      const first = await challenge(user.address, user.password, ip);
      await failCodes(first, user.secret, 4, ip);
      const done = await new Browser(t.baseUrl, ip).post(`${LOGIN}/mfa`, {
        body: { challenge: first, code: await code(user.secret) },
      });
      expect(done.status).toBe(200);
      await failCodes(await challenge(user.address, user.password, ip), user.secret, 4, ip);
      expect((await attempt(user.address, user.password, ip)).status).toBe(200);
    });
  });

  describe('unknown addresses', () => {
    it('lock exactly like real ones: every answer is the same for both', async () => {
      const user = await newMailbox();
      const unknown = `${unique('nobody')}@${user.domain}`;
      const ip = uniqueIp();

      for (let i = 1; i <= 5; i++) {
        const real = await attempt(user.address, `wrong-${i}-${strongPassword()}`, ip);
        const ghost = await attempt(unknown, `wrong-${i}-${strongPassword()}`, ip);
        expectProblem(real, 401, 'INVALID_CREDENTIALS');
        expect(observable(ghost)).toEqual(observable(real));
        expect(ghost.body).toEqual(real.body);
      }

      // Locked, both: the real user even with the right password.
      const real = await attempt(user.address, user.password, ip);
      const ghost = await attempt(unknown, user.password, ip);
      expectLocked(real, 30);
      expectLocked(ghost, 30);
      expect(observable(ghost)).toEqual(observable(real));

      // And both open again after the lock.
      travel(31 * SECOND_MS);
      expectProblem(await attempt(unknown, user.password, ip), 401, 'INVALID_CREDENTIALS');
      await signIn(user.address, user.password, ip);
    });

    it('a deactivated mailbox answers exactly like an unknown address', async () => {
      const user = await newMailbox();
      const patched = await admin.patch(`${API}/mailboxes/${user.address}`, {
        body: { active: false },
      });
      expect(patched.status).toBe(200);
      const unknown = `${unique('nobody')}@${user.domain}`;
      const ip = uniqueIp();
      for (let i = 1; i <= 6; i++) {
        const inactive = await attempt(user.address, user.password, ip);
        const ghost = await attempt(unknown, user.password, ip);
        expect(observable(ghost)).toEqual(observable(inactive));
      }
    });

    it('an address in a domain that does not exist locks too', async () => {
      const unknown = `${unique('nobody')}@${unique('nowhere')}.example`;
      const ip = uniqueIp();
      await fail(unknown, 5, ip);
      expectLocked(await attempt(unknown, 'anything-at-all', ip), 30);
    });
  });

  describe('unlocking', () => {
    it('shows lockedUntil while locked; helpdesk unlocks and the user signs in again', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.lockedUntil).toBeNull();

      await fail(user.address, 5, ip);
      const lockedAt = clock.now().getTime();
      const locked = await admin.get(`${API}/mailboxes/${user.address}`);
      expect(locked.status).toBe(200);
      const until = Date.parse(locked.body.lockedUntil as string);
      expect(until).toBeGreaterThan(lockedAt + 25 * SECOND_MS);
      expect(until).toBeLessThanOrEqual(lockedAt + 30 * SECOND_MS);
      const listed = await admin.get(`${API}/domains/${user.domain}/mailboxes`);
      expect(
        (listed.body.items as any[]).find((m) => m.address === user.address)?.lockedUntil,
      ).toBe(locked.body.lockedUntil);

      const helpdesk = await helpdeskFor(user.domain);
      const unlock = await helpdesk.post(`${API}/mailboxes/${user.address}/unlock`);
      expect(unlock.status).toBe(204);
      expect(unlock.body).toBe('');
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.lockedUntil).toBeNull();
      await signIn(user.address, user.password, ip);

      const events = await admin.get(
        `${API}/audit-events?action=mailbox.unlock&target=${encodeURIComponent(user.address)}`,
      );
      expect(events.body.items).toEqual([
        expect.objectContaining({
          action: 'mailbox.unlock',
          target: user.address,
          after: expect.objectContaining({ wasLocked: true }),
        }),
      ]);
    });

    it('a superadmin can unlock too', async () => {
      const user = await newMailbox();
      const ip = uniqueIp();
      await fail(user.address, 5, ip);
      expectLocked(await attempt(user.address, user.password, ip), 30);
      expect((await admin.post(`${API}/mailboxes/${user.address}/unlock`)).status).toBe(204);
      await signIn(user.address, user.password, ip);
    });

    it('is not for mailbox users (403) nor for helpdesk staff of another domain (404)', async () => {
      const user = await newMailbox();
      const colleague = await newMailbox(user.domain);
      const ip = uniqueIp();
      await fail(user.address, 5, ip);

      const asUser = await signIn(colleague.address, colleague.password, uniqueIp());
      expectProblem(await asUser.post(`${API}/mailboxes/${user.address}/unlock`), 403, 'FORBIDDEN');
      const otherDomain = await createDomain(admin);
      const stranger = await helpdeskFor(otherDomain.name);
      expectProblem(
        await stranger.post(`${API}/mailboxes/${user.address}/unlock`),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expectLocked(await attempt(user.address, user.password, ip), 30);
    });
  });

  describe('per client address', () => {
    it('lets 20 failures pass, then locks the address for every account', async () => {
      const domain = await createDomain(admin);
      const user = await newMailbox(domain.name);
      const ip = uniqueIp();
      for (let i = 0; i < 20; i++) {
        await fail(`${unique('ghost')}@${domain.name}`, 1, ip);
      }
      // Not locked yet: a real user still signs in from there.
      await signIn(user.address, user.password, ip);

      await fail(`${unique('ghost')}@${domain.name}`, 1, ip);
      expectLocked(await attempt(user.address, user.password, ip), 60);
      expectLocked(await attempt(`${unique('ghost')}@${domain.name}`, 'x', ip), 60);
      // The account itself is not locked: from elsewhere it signs in.
      await signIn(user.address, user.password, uniqueIp());
    });

    it('lifts the address lock when it expires', async () => {
      const domain = await createDomain(admin);
      const user = await newMailbox(domain.name);
      const ip = uniqueIp();
      for (let i = 0; i < 21; i++) {
        await fail(`${unique('ghost')}@${domain.name}`, 1, ip);
      }
      expectLocked(await attempt(user.address, user.password, ip), 60);
      travel(61 * SECOND_MS);
      await signIn(user.address, user.password, ip);
    });
  });
});
