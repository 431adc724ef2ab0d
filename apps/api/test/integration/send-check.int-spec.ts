import { generate } from 'otplib';
import type { ApiResponse } from '../support/api-client.js';
import { Browser, signInBrowser, uniqueIp } from '../support/browser.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createAlias,
  createDomain,
  createMailbox,
  strongPassword,
  unique,
  type MailboxInput,
} from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };

/**
 * The send-check's answers, each made real in the database. That they are what Postfix
 * and Dovecot do is the mail suite's part (e2e/mail/send-check.e2e-spec.ts).
 */
describe('send-check', () => {
  let t: TestApp;
  let root: Browser;

  beforeAll(async () => {
    t = await startTestApp({ ...CHEAP_HASHING, TRUST_PROXY: 'loopback' });
    root = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  function attempt(email: string, password: string, ip: string): Promise<ApiResponse> {
    return new Browser(t.baseUrl, ip).post(`${API}/auth/login`, { body: { email, password } });
  }

  function signIn(email: string, password: string): Promise<Browser> {
    return signInBrowser(t.baseUrl, email, password);
  }

  async function mailbox(
    overrides: MailboxInput = {},
    domain?: string,
  ): Promise<{ address: string; domain: string; password: string }> {
    const name = domain ?? ((await createDomain(root)).name as string);
    const localPart = unique('user');
    const password = strongPassword(`${localPart}@${name}`);
    const created = await createMailbox(root, name, { localPart, password, ...overrides });
    return { address: created.address as string, domain: name, password };
  }

  async function check(
    address: string,
    from: string,
    to: string,
    client: Browser = root,
    language = 'en',
  ): Promise<ApiResponse> {
    return client.post(`${API}/mailboxes/${address}/diagnostics/send-check`, {
      body: { from, to },
      headers: { 'accept-language': language },
    });
  }

  async function verdict(address: string, from: string, to: string) {
    const response = await check(address, from, to);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { accepted: boolean; code: string; message: string };
  }

  it('accepts the mailbox’s own mail to another hosted mailbox, and to the Internet', async () => {
    const sender = await mailbox();
    const recipient = await mailbox();
    expect(await verdict(sender.address, sender.address, recipient.address)).toMatchObject({
      accepted: true,
      code: 'accepted',
    });
    const away = await verdict(sender.address, sender.address, 'friend@elsewhere.example');
    expect(away).toMatchObject({ accepted: true, code: 'accepted-relay' });
    expect(away.message).toContain('friend@elsewhere.example');
  });

  it('lets the mailbox send as an alias that delivers to it, not as anyone else, nor as <>', async () => {
    const sender = await mailbox();
    const other = await mailbox({}, sender.domain);
    const alias = await createAlias(root, sender.domain, { destinations: [sender.address] });
    const to = 'friend@elsewhere.example';
    expect((await verdict(sender.address, alias.address as string, to)).accepted).toBe(true);
    for (const from of [
      other.address,
      'director@outside.example',
      `${unique('x')}@${sender.domain}`,
    ]) {
      const refused = await verdict(sender.address, from, to);
      expect(refused).toMatchObject({ accepted: false, code: 'sender-not-owned' });
      expect(refused.message).toContain(from);
    }
    for (const from of ['', '<>'])
      expect(await verdict(sender.address, from, to)).toMatchObject({
        accepted: false,
        code: 'empty-sender',
      });
  });

  it('refuses an unknown recipient, an inactive one, and any in an inactive domain; takes +tags and catch-alls', async () => {
    const sender = await mailbox();
    const domain = sender.domain;
    const inactive = await mailbox({ active: false }, domain);
    for (const to of [`${unique('nobody')}@${domain}`, inactive.address])
      expect(await verdict(sender.address, sender.address, to)).toMatchObject({
        accepted: false,
        code: 'recipient-unknown',
      });
    const [local] = sender.address.split('@');
    expect((await verdict(sender.address, sender.address, `${local}+news@${domain}`)).code).toBe(
      'accepted',
    );
    const other = await mailbox();
    await createAlias(root, other.domain, {
      address: `@${other.domain}`,
      destinations: [other.address],
    });
    expect(
      (await verdict(sender.address, sender.address, `${unique('any')}@${other.domain}`)).code,
    ).toBe('accepted');
    expect(
      (await root.patch(`${API}/domains/${other.domain}`, { body: { active: false } })).status,
    ).toBe(200);
    expect((await verdict(sender.address, sender.address, other.address)).code).toBe(
      'recipient-unknown',
    );
  });

  it('refuses to sign in a mailbox with SMTP off, and one with 2FA but no SMTP app password', async () => {
    const off = await mailbox({ smtpEnabled: false });
    const refused = await verdict(off.address, off.address, 'friend@elsewhere.example');
    expect(refused).toMatchObject({ accepted: false, code: 'login-refused' });
    expect(refused.message).toMatch(/SMTP is switched off/);

    const user = await mailbox();
    const session = await signIn(user.address, user.password);
    const secret = (await session.post(`${API}/me/2fa/totp`)).body.secret as string;
    await session.post(`${API}/me/2fa/totp/confirm`, {
      body: { code: await generate({ secret }) },
    });
    const twoFactor = await verdict(user.address, user.address, 'friend@elsewhere.example');
    expect(twoFactor).toMatchObject({ accepted: false, code: 'login-refused' });
    expect(twoFactor.message).toMatch(/no app password opens SMTP/);
    await session.post(`${API}/me/app-passwords`, {
      body: { name: 'imap only', protocols: ['imap'] },
    });
    expect((await verdict(user.address, user.address, 'friend@elsewhere.example')).code).toBe(
      'login-refused',
    );
    await session.post(`${API}/me/app-passwords`, { body: { name: 'phone', protocols: ['smtp'] } });
    expect((await verdict(user.address, user.address, 'friend@elsewhere.example')).code).toBe(
      'accepted-relay',
    );
  });

  it('refuses while sign-in is locked', async () => {
    const user = await mailbox();
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++)
      expect((await attempt(user.address, 'wrong-password', ip)).status).toBe(401);
    expect(await verdict(user.address, user.address, 'friend@elsewhere.example')).toMatchObject({
      accepted: false,
      code: 'account-locked',
    });
  });

  it('mail to the mailbox itself is mail from the Internet: no login, any sender; refused by its sender rules or a full mailbox', async () => {
    const user = await mailbox({ smtpEnabled: false, quotaBytes: 1_000_000 });
    const [local, domain] = user.address.split('@') as [string, string];
    expect(await verdict(user.address, 'news@shop.example', user.address)).toMatchObject({
      accepted: true,
      code: 'accepted',
    });
    await root.post(`${API}/mailboxes/${user.address}/sender-rules`, {
      body: { kind: 'block', match: { senderDomain: 'shop.example' } },
    });
    const blocked = await verdict(user.address, 'news@shop.example', `${local}+tag@${domain}`);
    expect(blocked).toMatchObject({ accepted: false, code: 'sender-blocked' });
    expect(blocked.message).toContain('news@shop.example');
    expect((await verdict(user.address, 'friend@else.example', user.address)).accepted).toBe(true);
    await t.sql.query(
      `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
       ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes`,
      [user.address, 1_000_000],
    );
    expect(await verdict(user.address, 'friend@else.example', user.address)).toMatchObject({
      accepted: false,
      code: 'recipient-quota-full',
    });
  });

  it('refuses a globally blocked sender on port 25 before the recipient is looked at', async () => {
    const user = await mailbox();
    const spammer = `${unique('spam')}.example`;
    const rule = await root.post(`${API}/sender-rules`, {
      body: { kind: 'block', match: { senderDomain: spammer } },
    });
    expect(rule.status).toBe(201);
    const refused = await verdict(user.address, `news@mail.${spammer}`, user.address);
    expect(refused).toMatchObject({ accepted: false, code: 'sender-blocked' });
    expect(refused.message).toMatch(/all domains.*\(554\)/);
    // A mailbox that allows the sender lets it past Postfix; its own rules then decide.
    await root.post(`${API}/mailboxes/${user.address}/sender-rules`, {
      body: { kind: 'allow', match: { senderDomain: spammer } },
    });
    expect((await verdict(user.address, `news@mail.${spammer}`, user.address)).code).toBe(
      'accepted',
    );
    await root.delete(`${API}/sender-rules/${rule.body.id as string}`);
  });

  it('follows an alias to the mailboxes it delivers to', async () => {
    const sender = await mailbox();
    const member = await mailbox({ quotaBytes: 1_000_000 });
    const alias = await createAlias(root, member.domain, {
      destinations: [member.address, 'x@elsewhere.example'],
    });
    expect((await verdict(sender.address, sender.address, alias.address as string)).code).toBe(
      'accepted',
    );
    await t.sql.query(
      `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
       ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes`,
      [member.address, 2_000_000],
    );
    const full = await verdict(sender.address, sender.address, alias.address as string);
    expect(full).toMatchObject({ accepted: false, code: 'recipient-quota-full' });
    expect(full.message).toContain(member.address);
  });

  it('says nothing of a recipient outside the caller’s reach beyond what Postfix answers anyone', async () => {
    const sender = await mailbox();
    const stranger = await mailbox({ quotaBytes: 1_000_000 });
    await t.sql.query(
      `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
       ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes`,
      [stranger.address, 1_000_000],
    );
    const email = `${unique('helpdesk')}@staff.example`;
    const password = strongPassword();
    await root.post(`${API}/admins`, {
      body: { email, role: 'helpdesk', domains: [sender.domain], password },
    });
    const helpdesk = await signIn(email, password);
    const answer = await check(sender.address, sender.address, stranger.address, helpdesk);
    expect(answer.body).toMatchObject({ accepted: true, code: 'accepted' });
    // The superadmin reaches both.
    expect((await verdict(sender.address, sender.address, stranger.address)).code).toBe(
      'recipient-quota-full',
    );
    // And another domain's mailbox is not the helpdesk's to check at all.
    expectProblem(
      await check(stranger.address, stranger.address, sender.address, helpdesk),
      404,
      'MAILBOX_NOT_FOUND',
    );
  });

  it('answers in Japanese, and refuses what is no address', async () => {
    const sender = await mailbox();
    const ja = await check(
      sender.address,
      'someone@else.example',
      'x@elsewhere.example',
      root,
      'ja',
    );
    expect(ja.headers.get('content-language')).toBe('ja');
    expect(ja.body.message).toMatch(/[\u3040-\u30ff]/);
    const bad = await check(sender.address, 'not an address', 'nor@this@one');
    expectProblem(bad, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(bad)).toEqual(['from:isMailAddress']);
    const badTo = await check(sender.address, sender.address, 'nor@this@one');
    expect(fieldErrors(badTo)).toEqual(['to:isMailAddress']);
  });
});
