import { Browser, uniqueIp } from '../support/browser.js';
import { cookieValue, expectProblem } from '../support/expectations.js';
import {
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
} from '../support/factory.js';
import { freePort } from '../support/free-port.js';
import { captureLog } from '../support/log-capture.js';
import { readTextMessage } from '../support/mime.js';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtp-sink.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const HOSTS = {
  MAIL_HOSTNAME: 'mail.yubin.test',
  SMTP_HOSTNAME: 'smtp.yubin.test',
  WEB_HOSTNAME: 'yubin.example',
};

describe('handover sheet sent by mail', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let root: Browser;

  beforeAll(async () => {
    const port = await freePort();
    sink = await startSmtpSink(port);
    t = await startTestApp({
      ...CHEAP_HASHING,
      ...HOSTS,
      TRUST_PROXY: 'loopback',
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${port}`,
      OUTBOUND_MAIL_FROM: 'noreply@yubin.example',
    });
    root = await signIn(t, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function signIn(app: TestApp, email: string, password: string): Promise<Browser> {
    const ip = uniqueIp();
    const response = await new Browser(app.baseUrl, ip).post(`${API}/auth/login`, {
      body: { email, password },
    });
    const session = cookieValue(response, 'yubin_session');
    const xsrf = cookieValue(response, 'XSRF-TOKEN');
    if (response.status !== 200 || session === undefined || xsrf === undefined)
      throw new Error(`login as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return new Browser(app.baseUrl, ip, {
      kind: 'session',
      cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`,
      xsrf,
    });
  }

  async function staff(
    app: TestApp,
    admin: Browser,
    role: 'helpdesk' | 'domain-admin',
    domain: string,
  ): Promise<Browser> {
    const email = `${unique(role)}@staff.example`;
    const password = strongPassword();
    const created = await admin.post(`${API}/admins`, {
      body: { email, role, domains: [domain], password },
    });
    expect(created.status).toBe(201);
    return signIn(app, email, password);
  }

  /** A mailbox with a generated temporary password, which the creator saw once. */
  async function newMailbox(
    client: Browser,
    domain: string,
    overrides: Record<string, unknown> = {},
  ): Promise<{ address: string; temporaryPassword: string }> {
    const created = await createMailbox(client, domain, { password: undefined, ...overrides });
    expect(typeof created.temporaryPassword).toBe('string');
    return { address: created.address as string, temporaryPassword: created.temporaryPassword };
  }

  const sendPath = (address: string): string => `${API}/mailboxes/${address}/handover/send`;
  const sentTo = (to: string): SinkMessage[] =>
    sink.messages.filter((m) => m.to.includes(`<${to}>`));

  it('mails the sheet with the temporary password to the address given, and audits it without the password', async () => {
    const domain = (await createDomain(root)).name as string;
    const mailbox = await newMailbox(root, domain, { displayName: 'Hana Sato' });
    const helpdesk = await staff(t, root, 'helpdesk', domain);
    const to = `${unique('private')}@elsewhere.example`;

    const response = await helpdesk.post(sendPath(mailbox.address), {
      body: { to: `  ${to.toUpperCase()} `, temporaryPassword: mailbox.temporaryPassword },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ sentTo: to, passwordIncluded: true });
    expect(JSON.stringify(response.body)).not.toContain(mailbox.temporaryPassword);

    const [message, ...more] = sentTo(to);
    expect(more).toEqual([]);
    expect(message?.from).toBe('<noreply@yubin.example>');
    const { headers, text } = readTextMessage(message?.data ?? '');
    expect(headers.get('subject')).toBe(`Your new mail account: ${mailbox.address}`);
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('content-language')).toBe('en');
    expect(headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    for (const expected of [
      'Hello Hana Sato,',
      `Address and user name: ${mailbox.address}`,
      `Temporary password: ${mailbox.temporaryPassword}`,
      'First sign in at https://yubin.example and choose your own password',
      `https://yubin.example/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(mailbox.address)}`,
      '  IMAP  mail.yubin.test  port 993  SSL/TLS',
      '  POP3  mail.yubin.test  port 995  SSL/TLS',
      '  SMTP  smtp.yubin.test  port 587  STARTTLS',
      '  SMTP  smtp.yubin.test  port 465  SSL/TLS',
      'IMAP keeps your mail on the server',
      'Not port 25',
    ]) {
      expect(text).toContain(expected);
    }

    const audit = await t.sql.query(
      `SELECT actor_label, after FROM audit_event WHERE action = 'mailbox.handover-sent' AND target_id = $1`,
      [mailbox.address],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toEqual({ to, credentialIncluded: true, language: 'en' });
    expect(JSON.stringify(audit.rows)).not.toContain(mailbox.temporaryPassword);
  });

  it('without a password sends the sheet without one, in the mailbox’s language', async () => {
    const domain = (await createDomain(root, { language: 'ja' })).name as string;
    const mailbox = await newMailbox(root, domain);
    const to = `${unique('private')}@elsewhere.example`;
    const response = await root.post(sendPath(mailbox.address), { body: { to } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ sentTo: to, passwordIncluded: false });
    const { headers, text } = readTextMessage(sentTo(to)[0]?.data ?? '');
    expect(headers.get('content-language')).toBe('ja');
    expect(text).toContain(`メールアドレス（ユーザー名）: ${mailbox.address}`);
    expect(text).not.toContain('仮パスワード');
    expect(text).not.toContain(mailbox.temporaryPassword);
  });

  it('the sheet says whether it can be sent', async () => {
    const domain = (await createDomain(root)).name as string;
    const mailbox = await newMailbox(root, domain);
    const sheet = await root.get(`${API}/mailboxes/${mailbox.address}/handover`);
    expect(sheet.body.canSendByMail).toBe(true);
  });

  it('a wrong password and a password no longer to be changed get the same 422, and nothing is sent', async () => {
    const domain = (await createDomain(root)).name as string;
    const pending = await newMailbox(root, domain);
    const chosen = strongPassword();
    const settled = (await createMailbox(root, domain, { password: chosen })).address as string;
    const to = `${unique('private')}@elsewhere.example`;

    const wrong = await root.post(sendPath(pending.address), {
      body: { to, temporaryPassword: `${pending.temporaryPassword}x` },
    });
    const notPending = await root.post(sendPath(settled), {
      body: { to, temporaryPassword: chosen },
    });
    for (const response of [wrong, notPending]) {
      expectProblem(response, 422, 'HANDOVER_PASSWORD_NOT_CURRENT');
    }
    const withoutInstance = (body: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'instance'));
    expect(withoutInstance(wrong.body)).toEqual(withoutInstance(notPending.body));
    expect(JSON.stringify(notPending.body)).not.toContain(chosen);
    expect(sentTo(to)).toEqual([]);
  });

  it('takes one valid address only', async () => {
    const domain = (await createDomain(root)).name as string;
    const mailbox = await newMailbox(root, domain);
    for (const to of [
      'a@example.org, b@example.org',
      'a@example.org\r\nBcc: b@example.org',
      'not an address',
      ['a@example.org'],
    ]) {
      const response = await root.post(sendPath(mailbox.address), { body: { to } });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('to');
    }
    const idn = await root.post(sendPath(mailbox.address), { body: { to: 'hana@例え.jp' } });
    expect(idn.status, JSON.stringify(idn.body)).toBe(200);
    expect(idn.body.sentTo).toBe('hana@xn--r8jz45g.jp');
  });

  it('helpdesk and domain admins of the domain may send; a mailbox user, an outsider and a token without the scope may not', async () => {
    const domain = (await createDomain(root)).name as string;
    const other = (await createDomain(root)).name as string;
    const mailbox = await newMailbox(root, domain);
    const to = `${unique('private')}@elsewhere.example`;
    for (const insider of [
      await staff(t, root, 'helpdesk', domain),
      await staff(t, root, 'domain-admin', domain),
    ]) {
      expect((await insider.post(sendPath(mailbox.address), { body: { to } })).status).toBe(200);
    }
    for (const outsider of [
      await staff(t, root, 'domain-admin', other),
      await staff(t, root, 'helpdesk', other),
    ]) {
      expectProblem(
        await outsider.post(sendPath(mailbox.address), { body: { to } }),
        404,
        'MAILBOX_NOT_FOUND',
      );
    }
    const password = strongPassword();
    const user = (await createMailbox(root, domain, { password })).address as string;
    const client = await signIn(t, user, password);
    expect((await client.post(sendPath(user), { body: { to } })).status).toBe(403);
    expect((await client.post(sendPath(mailbox.address), { body: { to } })).status).toBe(403);

    const readOnly = await createToken(root, { scopes: ['mailboxes:read'] });
    const withScope = await createToken(root, { scopes: ['mailboxes:credentials'] });
    expectProblem(
      await root.withToken(readOnly.token).post(sendPath(mailbox.address), { body: { to } }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await root.withToken(withScope.token).post(sendPath(mailbox.address), { body: { to } }))
        .status,
    ).toBe(200);
    expect(sentTo(to)).toHaveLength(3);
  });

  it('sends at most 5 an hour for a mailbox, right password or wrong: then 429 with Retry-After', async () => {
    const domain = (await createDomain(root)).name as string;
    const mailbox = await newMailbox(root, domain);
    const helpdesk = await staff(t, root, 'helpdesk', domain);
    const to = `${unique('private')}@elsewhere.example`;
    const statuses: number[] = [];
    for (const temporaryPassword of ['wrong-1', undefined, 'wrong-2', undefined, undefined]) {
      statuses.push(
        (await helpdesk.post(sendPath(mailbox.address), { body: { to, temporaryPassword } }))
          .status,
      );
    }
    expect(statuses).toEqual([422, 200, 422, 200, 200]);
    // Another sender gets no more for this mailbox, even with the right password.
    for (const sender of [helpdesk, root]) {
      const refused = await sender.post(sendPath(mailbox.address), {
        body: { to, temporaryPassword: mailbox.temporaryPassword },
      });
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    }
    expect(sentTo(to)).toHaveLength(3);
    // Other mailboxes are not held up.
    const next = await newMailbox(root, domain);
    expect((await helpdesk.post(sendPath(next.address), { body: { to } })).status).toBe(200);
  });

  describe('when the mail server fails', () => {
    let broken: TestApp;
    beforeAll(async () => {
      // A port nothing listens on: refused.
      broken = await startTestApp({
        ...CHEAP_HASHING,
        OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
      });
    });
    afterAll(() => broken.close());

    it('answers 502 HANDOVER_MAIL_FAILED, with the password in neither the problem nor the log', async () => {
      const admin = await signIn(broken, ADMIN_EMAIL, ADMIN_PASSWORD);
      const domain = (await createDomain(admin)).name as string;
      const mailbox = await newMailbox(admin, domain);
      const log = captureLog({ echo: false });
      let response;
      try {
        response = await admin.post(sendPath(mailbox.address), {
          body: { to: 'someone@elsewhere.example', temporaryPassword: mailbox.temporaryPassword },
        });
      } finally {
        log.stop();
      }
      expectProblem(response, 502, 'HANDOVER_MAIL_FAILED');
      expect(JSON.stringify(response.body)).not.toContain(mailbox.temporaryPassword);
      // The log says why (so the capture works), never with what.
      expect(log.text()).toContain('ECONNREFUSED');
      expect(log.text()).toContain('/handover/send');
      expect(log.text()).not.toContain(mailbox.temporaryPassword);
      const audit = await broken.sql.query(
        `SELECT 1 FROM audit_event WHERE action = 'mailbox.handover-sent' AND target_id = $1`,
        [mailbox.address],
      );
      expect(audit.rows).toEqual([]);
    });
  });
});
