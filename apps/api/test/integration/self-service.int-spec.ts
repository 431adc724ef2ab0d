import { randomInt, randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { Clock } from '../../src/infra/clock/clock.js';
import type { ApiResponse, RequestOptions } from '../support/api-client.js';
import { Browser, uniqueIp } from '../support/browser.js';
import { cookieValue, expectProblem, fieldErrors, setCookie } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword } from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const LOGIN = `${API}/auth/login`;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const MAIL_HOST = 'mail.yubin.test';

describe('self-service', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: Browser;
  const travel = timeTravel(() => clock);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', MAIL_HOSTNAME: MAIL_HOST });
    clock = t.app.get(Clock);
    admin = (await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).client;
  });
  afterAll(() => t.close());

  interface SignedIn {
    client: Browser;
    response: ApiResponse;
    user: any;
  }

  async function attemptLogin(
    email: string,
    password: string,
    ip = uniqueIp(),
    userAgent?: string,
  ): Promise<ApiResponse> {
    return new Browser(t.baseUrl, ip, undefined, userAgent).post(LOGIN, {
      body: { email, password },
    });
  }

  async function signIn(
    email: string,
    password: string,
    ip = uniqueIp(),
    userAgent?: string,
  ): Promise<SignedIn> {
    const response = await attemptLogin(email, password, ip, userAgent);
    const session = cookieValue(response, 'yubin_session');
    const xsrf = cookieValue(response, 'XSRF-TOKEN');
    if (response.status !== 200 || session === undefined || xsrf === undefined)
      throw new Error(`login as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    const client = new Browser(
      t.baseUrl,
      ip,
      { kind: 'session', cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`, xsrf },
      userAgent,
    );
    return { client, response, user: response.body.user };
  }

  interface User {
    address: string;
    password: string;
    domain: string;
    ip: string;
    client: Browser;
  }

  async function newUser(domainName?: string, displayName?: string): Promise<User> {
    const domain = domainName ?? (await createDomain(admin)).name;
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, {
      password,
      ...(displayName === undefined ? {} : { displayName }),
    });
    const ip = uniqueIp();
    const { client } = await signIn(mailbox.address, password, ip);
    return { address: mailbox.address, password, domain, ip, client };
  }

  describe('mailbox sign-in', () => {
    it('signs a mailbox user in with their address and password', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, {
        password,
        displayName: 'Hanako Yamada',
      });
      const { client, response } = await signIn(mailbox.address, password);
      expect(response.body).toEqual({
        mfaRequired: false,
        user: {
          id: expect.stringMatching(
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
          ),
          kind: 'mailbox',
          email: mailbox.address,
          displayName: 'Hanako Yamada',
          role: null,
          permissions: [],
          domains: [],
          via: 'session',
          restriction: null,
          twoFactor: { enabled: false, required: false, deadline: null },
          language: null,
          effectiveLanguage: 'en',
        },
      });

      const session = setCookie(response, 'yubin_session') ?? '';
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).toMatch(/;\s*SameSite=Strict/i);
      expect(session).toMatch(/;\s*Max-Age=43200/i);
      const xsrf = setCookie(response, 'XSRF-TOKEN') ?? '';
      expect(xsrf).not.toMatch(/HttpOnly/i);
      expect(cookieValue(response, 'XSRF-TOKEN')).not.toBe(cookieValue(response, 'yubin_session'));

      const me = await client.get(`${API}/me`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(response.body.user);
    });

    it('accepts the address in any letter case', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password });
      const { user } = await signIn((mailbox.address as string).toUpperCase(), password);
      expect(user.email).toBe(mailbox.address);
    });

    it('refuses a wrong password with 401 INVALID_CREDENTIALS and no cookie', async () => {
      const user = await newUser();
      const response = await attemptLogin(user.address, `${user.password}-nope`, user.ip);
      expectProblem(response, 401, 'INVALID_CREDENTIALS');
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('refuses a deactivated mailbox, and its sessions stop working', async () => {
      const user = await newUser();
      const patched = await admin.patch(`${API}/mailboxes/${user.address}`, {
        body: { active: false },
      });
      expect(patched.status).toBe(200);
      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expectProblem(
        await attemptLogin(user.address, user.password, user.ip),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('signs out with 204 and the session ends', async () => {
      const user = await newUser();
      expect((await user.client.post(`${API}/auth/logout`)).status).toBe(204);
      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('forced password change', () => {
    /** Routes a restricted session must not reach, with a body each would accept. */
    function otherRoutes(address: string): [string, string, RequestOptions?][] {
      return [
        ['GET', `${API}/me/sessions`],
        ['DELETE', `${API}/me/sessions`],
        ['DELETE', `${API}/me/sessions/${randomUUID()}`],
        ['GET', `${API}/me/2fa`],
        ['POST', `${API}/me/2fa/totp`],
        ['GET', `${API}/me/connection-settings`],
        ['GET', `${API}/me/app-passwords`],
        ['POST', `${API}/me/app-passwords`, { body: { name: 'phone', protocols: ['imap'] } }],
        ['GET', `${API}/domains`],
        ['GET', `${API}/mailboxes/${address}`],
      ];
    }

    async function expectOnlyPasswordChange(client: Browser, address: string): Promise<void> {
      const me = await client.get(`${API}/me`);
      expect(me.status).toBe(200);
      expect(me.body.restriction).toBe('password-change');
      expect((await client.get(`${API}/me/password-policy`)).status).toBe(200);
      for (const [method, path, options] of otherRoutes(address)) {
        const response = await client.request(method, path, options);
        expect({ method, path, status: response.status, code: response.body?.code }).toEqual({
          method,
          path,
          status: 403,
          code: 'PASSWORD_CHANGE_REQUIRED',
        });
      }
    }

    it('a mailbox created without a password gets a temporary one that must be changed', async () => {
      const domain = await createDomain(admin);
      const created = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
        body: { localPart: `new${randomInt(1e9)}` },
      });
      expect(created.status).toBe(201);
      expect(created.body.mustChangePassword).toBe(true);
      const address = created.body.address as string;
      const temporary = created.body.temporaryPassword as string;
      expect(temporary).toEqual(expect.any(String));

      const ip = uniqueIp();
      const first = await signIn(address, temporary, ip);
      expect(first.user.restriction).toBe('password-change');
      await expectOnlyPasswordChange(first.client, address);
      const second = await signIn(address, temporary, ip);
      expect(second.user.restriction).toBe('password-change');

      const chosen = strongPassword();
      const change = await first.client.post(`${API}/me/password`, {
        body: { currentPassword: temporary, newPassword: chosen },
      });
      expect(change.status).toBe(204);
      expect(change.body).toBe('');

      // This session is free now; the user's other session has ended.
      const me = await first.client.get(`${API}/me`);
      expect(me.body.restriction).toBeNull();
      expect((await first.client.get(`${API}/me/sessions`)).status).toBe(200);
      expect((await first.client.get(`${API}/me/connection-settings`)).status).toBe(200);
      expectProblem(await second.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');

      expect((await admin.get(`${API}/mailboxes/${address}`)).body.mustChangePassword).toBe(false);
      expect((await signIn(address, chosen, ip)).user.restriction).toBeNull();
      expectProblem(await attemptLogin(address, temporary, ip), 401, 'INVALID_CREDENTIALS');
    });

    it('a password reset without a body sets a temporary password, ends the sessions and forces a change', async () => {
      const user = await newUser();
      const reset = await admin.post(`${API}/mailboxes/${user.address}/password-reset`);
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({
        temporaryPassword: expect.any(String),
        mustChangePassword: true,
      });
      const temporary = reset.body.temporaryPassword as string;

      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).body.mustChangePassword).toBe(
        true,
      );
      expectProblem(
        await attemptLogin(user.address, user.password, user.ip),
        401,
        'INVALID_CREDENTIALS',
      );

      const restricted = await signIn(user.address, temporary, user.ip);
      expect(restricted.user.restriction).toBe('password-change');
      await expectOnlyPasswordChange(restricted.client, user.address);

      const chosen = strongPassword();
      expect(
        (
          await restricted.client.post(`${API}/me/password`, {
            body: { currentPassword: temporary, newPassword: chosen },
          })
        ).status,
      ).toBe(204);
      expect((await restricted.client.get(`${API}/me`)).body.restriction).toBeNull();
      expect((await signIn(user.address, chosen, user.ip)).user.restriction).toBeNull();
    });

    it('a mailbox created with a password and mustChangePassword must change it too', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, {
        password,
        mustChangePassword: true,
      });
      expect(mailbox.mustChangePassword).toBe(true);
      const { client, user } = await signIn(mailbox.address as string, password);
      expect(user.restriction).toBe('password-change');
      await expectOnlyPasswordChange(client, mailbox.address as string);
      const change = await client.post(`${API}/me/password`, {
        body: { currentPassword: password, newPassword: strongPassword() },
      });
      expect(change.status).toBe(204);
      expect((await client.get(`${API}/me`)).body.restriction).toBeNull();
    });

    it('a restricted session can sign out', async () => {
      const user = await newUser();
      const reset = await admin.post(`${API}/mailboxes/${user.address}/password-reset`);
      const { client } = await signIn(user.address, reset.body.temporaryPassword as string);
      expect((await client.post(`${API}/auth/logout`)).status).toBe(204);
      expectProblem(await client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    });

    it('a restricted session still has the password rules checked', async () => {
      const user = await newUser();
      const reset = await admin.post(`${API}/mailboxes/${user.address}/password-reset`);
      const temporary = reset.body.temporaryPassword as string;
      const { client } = await signIn(user.address, temporary);
      const weak = await client.post(`${API}/me/password`, {
        body: { currentPassword: temporary, newPassword: 'password1234' },
      });
      expectProblem(weak, 422, 'PASSWORD_POLICY_VIOLATION');
      expect((await client.get(`${API}/me`)).body.restriction).toBe('password-change');
    });
  });

  describe('changing one’s password', () => {
    it('changes it, keeps this session and ends the others', async () => {
      const user = await newUser();
      const other = await signIn(user.address, user.password);
      const chosen = strongPassword();
      const change = await user.client.post(`${API}/me/password`, {
        body: { currentPassword: user.password, newPassword: chosen },
      });
      expect(change.status).toBe(204);

      expect((await user.client.get(`${API}/me`)).status).toBe(200);
      expectProblem(await other.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      const sessions = await user.client.get(`${API}/me/sessions`);
      expect(sessions.body).toEqual([expect.objectContaining({ current: true })]);

      expectProblem(
        await attemptLogin(user.address, user.password, user.ip),
        401,
        'INVALID_CREDENTIALS',
      );
      await signIn(user.address, chosen, user.ip);
    });

    it('refuses a wrong current password with 422 INVALID_CURRENT_PASSWORD on currentPassword', async () => {
      const user = await newUser();
      const other = await signIn(user.address, user.password);
      const response = await user.client.post(`${API}/me/password`, {
        body: { currentPassword: `${user.password}-nope`, newPassword: strongPassword() },
      });
      expectProblem(response, 422, 'INVALID_CURRENT_PASSWORD');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
      // Nothing changed: the old password works and no session ended.
      expect((await other.client.get(`${API}/me`)).status).toBe(200);
      await signIn(user.address, user.password, user.ip);
    });

    it('refuses a weak new password with 422 PASSWORD_POLICY_VIOLATION on newPassword', async () => {
      const user = await newUser(undefined, 'Kenji Watanabe');
      for (const weak of ['password1234', 'Sh0rt!x', `Watanabe-river-${randomInt(1e6)}`]) {
        const response = await user.client.post(`${API}/me/password`, {
          body: { currentPassword: user.password, newPassword: weak },
        });
        expectProblem(response, 422, 'PASSWORD_POLICY_VIOLATION');
        const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
        expect(fields.length).toBeGreaterThan(0);
        expect(new Set(fields)).toEqual(new Set(['newPassword']));
      }
      await signIn(user.address, user.password, user.ip);
    });

    it('names why a new password is refused', async () => {
      const user = await newUser(undefined, 'Kenji Watanabe');
      const tooShort = await user.client.post(`${API}/me/password`, {
        body: { currentPassword: user.password, newPassword: 'Sh0rt!x' },
      });
      expect(fieldErrors(tooShort)).toContain('newPassword:tooShort');
      const personal = await user.client.post(`${API}/me/password`, {
        body: {
          currentPassword: user.password,
          newPassword: `Watanabe-plum-orbit-${randomInt(1e6)}`,
        },
      });
      expect(fieldErrors(personal)).toContain('newPassword:containsUserInfo');
    });

    it('refuses the current password as the new one (422 on newPassword)', async () => {
      const user = await newUser();
      const response = await user.client.post(`${API}/me/password`, {
        body: { currentPassword: user.password, newPassword: user.password },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    });

    it('refuses missing fields with 422 VALIDATION_FAILED', async () => {
      const user = await newUser();
      const response = await user.client.post(`${API}/me/password`, { body: {} });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['currentPassword', 'newPassword']));
    });
  });

  describe('sessions', () => {
    it('lists the user’s own sessions, marking the current one', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password });
      const laptopIp = uniqueIp();
      const phoneIp = uniqueIp();
      const laptop = await signIn(mailbox.address, password, laptopIp, 'Laptop/1.0 (Yubin test)');
      const phone = await signIn(mailbox.address, password, phoneIp, 'Phone/2.0 (Yubin test)');
      // Someone else's session is not listed.
      await newUser(domain.name);

      const response = await laptop.client.get(`${API}/me/sessions`);
      expect(response.status).toBe(200);
      const sessions = response.body as any[];
      expect(sessions).toHaveLength(2);
      for (const session of sessions) {
        expect(Object.keys(session).sort()).toEqual([
          'createdAt',
          'current',
          'expiresAt',
          'id',
          'ip',
          'lastSeenAt',
          'userAgent',
        ]);
        const lifetime = Date.parse(session.expiresAt) - Date.parse(session.createdAt);
        expect(Math.abs(lifetime - 12 * HOUR_MS)).toBeLessThan(MINUTE_MS);
        expect(Number.isNaN(Date.parse(session.lastSeenAt))).toBe(false);
      }
      const current = sessions.filter((s) => s.current);
      expect(current).toHaveLength(1);
      expect(current[0]).toMatchObject({ ip: laptopIp, userAgent: 'Laptop/1.0 (Yubin test)' });
      expect(sessions.find((s) => !s.current)).toMatchObject({
        ip: phoneIp,
        userAgent: 'Phone/2.0 (Yubin test)',
      });

      // From the phone, the phone's session is the current one.
      const fromPhone = (await phone.client.get(`${API}/me/sessions`)).body as any[];
      expect(fromPhone.find((s) => s.current)?.id).toBe(sessions.find((s) => !s.current)?.id);
    });

    it('ends one of the user’s sessions', async () => {
      const user = await newUser();
      const other = await signIn(user.address, user.password);
      const listed = (await user.client.get(`${API}/me/sessions`)).body as any[];
      const otherId = listed.find((s) => !s.current)?.id as string;

      const response = await user.client.delete(`${API}/me/sessions/${otherId}`);
      expect(response.status).toBe(204);
      expectProblem(await other.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expect((await user.client.get(`${API}/me`)).status).toBe(200);
      const after = (await user.client.get(`${API}/me/sessions`)).body as any[];
      expect(after.map((s) => s.id)).not.toContain(otherId);
      expect(after).toHaveLength(1);
      // It is gone now.
      expectProblem(
        await user.client.delete(`${API}/me/sessions/${otherId}`),
        404,
        'SESSION_NOT_FOUND',
      );
    });

    it('answers 404 SESSION_NOT_FOUND for another user’s session, and leaves it alone', async () => {
      const alice = await newUser();
      const bob = await newUser(alice.domain);
      const bobsId = ((await bob.client.get(`${API}/me/sessions`)).body as any[])[0].id as string;
      expectProblem(
        await alice.client.delete(`${API}/me/sessions/${bobsId}`),
        404,
        'SESSION_NOT_FOUND',
      );
      expect((await bob.client.get(`${API}/me`)).status).toBe(200);
    });

    it('answers 404 SESSION_NOT_FOUND for an unknown or malformed id', async () => {
      const user = await newUser();
      expectProblem(
        await user.client.delete(`${API}/me/sessions/${randomUUID()}`),
        404,
        'SESSION_NOT_FOUND',
      );
      expectProblem(
        await user.client.delete(`${API}/me/sessions/not-a-session`),
        404,
        'SESSION_NOT_FOUND',
      );
    });

    it('signs out everywhere else', async () => {
      const user = await newUser();
      const second = await signIn(user.address, user.password);
      const third = await signIn(user.address, user.password);
      const bystander = await newUser(user.domain);

      const response = await user.client.delete(`${API}/me/sessions`);
      expect(response.status).toBe(204);
      expectProblem(await second.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expectProblem(await third.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
      expect((await user.client.get(`${API}/me`)).status).toBe(200);
      expect((await bystander.client.get(`${API}/me`)).status).toBe(200);
      const listed = (await user.client.get(`${API}/me/sessions`)).body as any[];
      expect(listed).toEqual([expect.objectContaining({ current: true })]);
    });
  });

  describe('session timeouts', () => {
    it('ends a session idle for more than 30 minutes', async () => {
      const user = await newUser();
      travel(31 * MINUTE_MS);
      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    });

    it('keeps a session alive while it is used', async () => {
      const user = await newUser();
      for (let i = 0; i < 4; i++) {
        travel(25 * MINUTE_MS);
        expect((await user.client.get(`${API}/me`)).status).toBe(200);
      }
      travel(31 * MINUTE_MS);
      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    });

    it('ends a session 12 hours after sign-in, however active', async () => {
      const user = await newUser();
      // Active every 25 minutes for 11 h 40 min, then 15 minutes more.
      for (let i = 0; i < 28; i++) {
        travel(25 * MINUTE_MS);
        expect((await user.client.get(`${API}/me`)).status).toBe(200);
      }
      travel(15 * MINUTE_MS);
      expect((await user.client.get(`${API}/me`)).status).toBe(200);
      travel(6 * MINUTE_MS);
      expectProblem(await user.client.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    });

    it('does not list sessions that have timed out', async () => {
      const user = await newUser();
      travel(20 * MINUTE_MS);
      const fresh = await signIn(user.address, user.password);
      travel(15 * MINUTE_MS);
      const listed = (await fresh.client.get(`${API}/me/sessions`)).body as any[];
      expect(listed).toEqual([expect.objectContaining({ current: true })]);
    });
  });

  describe('connection settings', () => {
    it('tells a mailbox user where their mail apps connect', async () => {
      const user = await newUser();
      const response = await user.client.get(`${API}/me/connection-settings`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        username: user.address,
        incoming: [
          { protocol: 'imap', host: MAIL_HOST, port: 993, security: 'tls' },
          { protocol: 'pop3', host: MAIL_HOST, port: 995, security: 'tls' },
        ],
        outgoing: [
          { protocol: 'smtp', host: MAIL_HOST, port: 587, security: 'starttls' },
          { protocol: 'smtp', host: MAIL_HOST, port: 465, security: 'tls' },
        ],
        appPasswordRequired: false,
      });
    });

    it('requires app passwords once TOTP is on', async () => {
      const user = await newUser();
      const begin = await user.client.post(`${API}/me/2fa/totp`);
      const code = await generate({
        secret: begin.body.secret as string,
        epoch: Math.floor(clock.now().getTime() / 1000),
      });
      const confirm = await user.client.post(`${API}/me/2fa/totp/confirm`, { body: { code } });
      expect(confirm.status).toBe(200);
      const response = await user.client.get(`${API}/me/connection-settings`);
      expect(response.body.appPasswordRequired).toBe(true);
    });

    it('is not for a standalone admin (403 NOT_A_MAILBOX_USER)', async () => {
      expectProblem(await admin.get(`${API}/me/connection-settings`), 403, 'NOT_A_MAILBOX_USER');
    });
  });

  describe('own language', () => {
    it('a mailbox user’s choice is their mailbox’s language: shown in /me, to the admin, and as a change of the mailbox', async () => {
      const domain = (await createDomain(admin, { language: 'ja' })).name as string;
      const user = await newUser(domain);
      const me = await user.client.get(`${API}/me`);
      expect(me.body).toMatchObject({ language: null, effectiveLanguage: 'ja' });
      const mailboxPath = `${API}/mailboxes/${user.address}`;
      const before = (await admin.get(mailboxPath)).headers.get('etag') as string;

      const changed = await user.client.patch(`${API}/me`, { body: { language: 'en' } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ language: 'en', effectiveLanguage: 'en' });
      expect((await user.client.get(`${API}/me`)).body).toMatchObject({ language: 'en' });
      const read = await admin.get(mailboxPath);
      expect(read.body.language).toBe('en');
      // An admin's edit based on the mailbox as it was is now stale.
      expectProblem(
        await admin.patch(mailboxPath, {
          body: { displayName: 'Stale' },
          headers: { 'if-match': before },
        }),
        412,
        'PRECONDITION_FAILED',
      );
      const events = await admin.get(
        `${API}/audit-events?action=mailbox.language-change&target=${encodeURIComponent(user.address)}`,
      );
      expect(
        (events.body.items as { before: unknown; after: unknown }[]).map((item) => [
          item.before,
          item.after,
        ]),
      ).toEqual([[{ language: null }, { language: 'en' }]]);

      const inherits = await user.client.patch(`${API}/me`, { body: { language: null } });
      expect(inherits.body).toMatchObject({ language: null, effectiveLanguage: 'ja' });
    });

    it('a standalone admin’s choice follows them to their next sign-in', async () => {
      const domain = (await createDomain(admin, { language: 'ja' })).name as string;
      const credentials = { email: `${randomUUID()}@staff.example`, password: strongPassword() };
      const created = await admin.post(`${API}/admins`, {
        body: { ...credentials, role: 'helpdesk', domains: [domain] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const helpdesk = (await signIn(credentials.email, credentials.password)).client;
      // A standalone admin has no domain language of their own to inherit.
      expect((await helpdesk.get(`${API}/me`)).body).toMatchObject({
        language: null,
        effectiveLanguage: 'en',
      });
      expect((await helpdesk.patch(`${API}/me`, { body: { language: 'ja' } })).status).toBe(200);
      const again = await signIn(credentials.email, credentials.password);
      expect(again.user).toMatchObject({ language: 'ja', effectiveLanguage: 'ja' });
    });

    it('changes nothing for an empty body, and refuses a language Yubin does not speak', async () => {
      const user = await newUser();
      const etag = (await admin.get(`${API}/mailboxes/${user.address}`)).headers.get('etag');
      expect((await user.client.patch(`${API}/me`, { body: {} })).body).toMatchObject({
        language: null,
      });
      const refused = await user.client.patch(`${API}/me`, { body: { language: 'fr' } });
      expectProblem(refused, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(refused).map((error) => error.split(':')[0])).toEqual(['language']);
      expect((await admin.get(`${API}/mailboxes/${user.address}`)).headers.get('etag')).toBe(etag);
    });
  });

  describe('password policy', () => {
    it('shows the default policy', async () => {
      const user = await newUser();
      const response = await user.client.get(`${API}/me/password-policy`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ minLength: 12, maxLength: 256, minScore: 3 });
      expect((await admin.get(`${API}/me/password-policy`)).body).toEqual({
        minLength: 12,
        maxLength: 256,
        minScore: 3,
      });
    });

    it('applies the domain’s own settings to its users, and only to them', async () => {
      const user = await newUser();
      const elsewhere = await newUser();
      const patched = await admin.patch(`${API}/domains/${user.domain}`, {
        body: { passwordMinLength: 30, passwordMinScore: 4 },
      });
      expect(patched.status).toBe(200);

      expect((await user.client.get(`${API}/me/password-policy`)).body).toEqual({
        minLength: 30,
        maxLength: 256,
        minScore: 4,
      });
      expect((await elsewhere.client.get(`${API}/me/password-policy`)).body).toEqual({
        minLength: 12,
        maxLength: 256,
        minScore: 3,
      });

      // A strong password under the domain's minimum length is refused.
      const short = `Plum-orbit-${randomInt(1e6)}-lantern`;
      expect([...short].length).toBeLessThan(30);
      const refused = await user.client.post(`${API}/me/password`, {
        body: { currentPassword: user.password, newPassword: short },
      });
      expectProblem(refused, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(refused)).toContain('newPassword:tooShort');
      // The same password is fine in the other domain.
      const accepted = await elsewhere.client.post(`${API}/me/password`, {
        body: { currentPassword: elsewhere.password, newPassword: short },
      });
      expect(accepted.status).toBe(204);
      // And a long one passes in the strict domain.
      const long = `${strongPassword()}-${strongPassword()}`;
      const changed = await user.client.post(`${API}/me/password`, {
        body: { currentPassword: user.password, newPassword: long },
      });
      expect(changed.status).toBe(204);
    });

    it('shows a shorter minimum where the domain requires 2FA', async () => {
      const user = await newUser();
      const patched = await admin.patch(`${API}/domains/${user.domain}`, {
        body: { twoFactorPolicy: 'required', twoFactorGraceDays: 30, passwordMinLength: 8 },
      });
      expect(patched.status).toBe(200);
      expect((await user.client.get(`${API}/me/password-policy`)).body).toEqual({
        minLength: 8,
        maxLength: 256,
        minScore: 3,
      });
    });
  });
});
