import { generate } from 'otplib';
import { DIAGNOSTIC_CODES } from '#contracts';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { Browser, uniqueIp } from '../support/browser.js';
import { cookieValue, expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
  type MailboxInput,
} from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Check {
  status: 'ok' | 'warn' | 'fail';
  code: string;
  message: string;
  action: { code: string; label: string } | null;
}

describe('diagnostics', () => {
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

  async function signIn(email: string, password: string): Promise<Browser> {
    const ip = uniqueIp();
    const response = await attempt(email, password, ip);
    const session = cookieValue(response, 'yubin_session');
    const xsrf = cookieValue(response, 'XSRF-TOKEN');
    if (response.status !== 200 || session === undefined || xsrf === undefined)
      throw new Error(`login as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return new Browser(t.baseUrl, ip, {
      kind: 'session',
      cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`,
      xsrf,
    });
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

  async function staff(role: 'helpdesk' | 'domain-admin', domain: string): Promise<Browser> {
    const email = `${unique(role)}@staff.example`;
    const password = strongPassword();
    const created = await root.post(`${API}/admins`, {
      body: { email, role, domains: [domain], password },
    });
    expect(created.status).toBe(201);
    return signIn(email, password);
  }

  async function checks(client: ApiClient, path: string, language = 'en'): Promise<Check[]> {
    const response = await client.get(path, { headers: { 'accept-language': language } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.checks as Check[];
  }

  const ofMailbox = (address: string, query = ''): string =>
    `${API}/mailboxes/${address}/diagnostics${query}`;

  function check(list: Check[], code: string): Check {
    const found = list.filter((c) => c.code === code);
    expect(found, code).toHaveLength(1);
    return found[0]!;
  }

  async function writeUsage(address: string, bytes: number): Promise<void> {
    // What Dovecot's quota_clone does after each delivery.
    await t.sql.query(
      `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
       ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes`,
      [address, bytes],
    );
  }

  it('a healthy mailbox passes every check but DNS, which was never verified; only that to do', async () => {
    const { address, domain } = await mailbox();
    const response = await root.get(ofMailbox(address));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('en');
    expect(response.headers.get('vary')).toMatch(/accept-language/i);
    const list = response.body.checks as Check[];
    // Without ?from=, every code but the sender's, each once, quota by its lower name.
    expect(list.map((c) => c.code)).toEqual(
      DIAGNOSTIC_CODES.filter((code) => code !== 'quota-full' && code !== 'sender-blocked'),
    );
    for (const c of list) {
      if (c.code === 'dns-dkim') {
        expect(c).toMatchObject({ status: 'warn', action: null });
        expect(c.message).toMatch(/no DKIM key yet/);
      } else if (c.code.startsWith('dns-')) {
        expect(c.status).toBe('warn');
        expect(c.message).toContain(domain);
        expect(c.message).toMatch(/never verified/);
        expect(c.action).toEqual({ code: 'verify-dns', label: 'Verify DNS records' });
      } else {
        expect(c, c.code).toMatchObject({ status: 'ok', action: null });
      }
      expect(c.message.length).toBeGreaterThan(10);
      expect(c.message).not.toMatch(JAPANESE);
    }
    expect(check(list, 'quota-warning').message).toContain('0%');
  });

  it('answers in Japanese for Accept-Language: ja, labels included', async () => {
    const { address } = await mailbox({ active: false });
    const response = await root.get(ofMailbox(address), {
      headers: { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.5' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('ja');
    for (const c of response.body.checks as Check[]) expect(c.message, c.code).toMatch(JAPANESE);
    const inactive = check(response.body.checks as Check[], 'mailbox-inactive');
    expect(inactive).toMatchObject({ status: 'fail', action: { code: 'activate-mailbox' } });
    expect(inactive.action!.label).toMatch(JAPANESE);
    // A language Yubin does not speak falls back to English.
    expect(check(await checks(root, ofMailbox(address), 'fr'), 'mailbox-inactive').message).toMatch(
      /switched off/,
    );
  });

  it('mailbox-inactive: fails, and only someone who may change the mailbox is offered to turn it on', async () => {
    const { address, domain } = await mailbox({ active: false });
    const admin = await staff('domain-admin', domain);
    const helpdesk = await staff('helpdesk', domain);
    expect(check(await checks(admin, ofMailbox(address)), 'mailbox-inactive')).toMatchObject({
      status: 'fail',
      action: { code: 'activate-mailbox', label: 'Turn the mailbox on' },
    });
    // Helpdesk holds no mailboxes:write: the finding, without a button it could not use.
    expect(check(await checks(helpdesk, ofMailbox(address)), 'mailbox-inactive')).toMatchObject({
      status: 'fail',
      action: null,
    });
  });

  it('domain-inactive: fails when the domain is switched off', async () => {
    const { address, domain } = await mailbox();
    expect((await root.patch(`${API}/domains/${domain}`, { body: { active: false } })).status).toBe(
      200,
    );
    const found = check(await checks(root, ofMailbox(address)), 'domain-inactive');
    expect(found).toMatchObject({ status: 'fail', action: { code: 'activate-domain' } });
    expect(found.message).toContain(domain);
  });

  it('quota: ok below 90 %, quota-warning from 90 %, quota-full from 100 %; raise-quota for an admin, delete old mail for the user', async () => {
    const { address, password } = await mailbox({ quotaBytes: 1_000_000 });
    const user = await signIn(address, password);
    await writeUsage(address, 899_999);
    expect(check(await checks(root, ofMailbox(address)), 'quota-warning')).toMatchObject({
      status: 'ok',
    });
    await writeUsage(address, 900_000);
    const warning = check(await checks(root, ofMailbox(address)), 'quota-warning');
    expect(warning).toMatchObject({ status: 'warn', action: { code: 'raise-quota' } });
    expect(warning.message).toContain('90%');
    await writeUsage(address, 1_000_000);
    const admin = await checks(root, ofMailbox(address));
    expect(admin.some((c) => c.code === 'quota-warning')).toBe(false);
    expect(check(admin, 'quota-full')).toMatchObject({
      status: 'fail',
      action: { code: 'raise-quota' },
    });
    expect(check(await checks(user, `${API}/me/diagnostics`), 'quota-full')).toMatchObject({
      status: 'fail',
      action: { code: 'empty-mailbox' },
    });
  });

  it('imap-disabled, pop3-disabled, smtp-disabled: a warning each, with the switch to turn it on', async () => {
    const { address } = await mailbox({
      imapEnabled: false,
      pop3Enabled: false,
      smtpEnabled: false,
    });
    const list = await checks(root, ofMailbox(address));
    for (const protocol of ['imap', 'pop3', 'smtp'])
      expect(check(list, `${protocol}-disabled`)).toMatchObject({
        status: 'warn',
        action: { code: `enable-${protocol}` },
      });
    expect(check(list, 'smtp-disabled').message).toMatch(/cannot send mail with SMTP/);
  });

  it('app-password-needed: with 2FA on, warns until each protocol in use has an unexpired app password', async () => {
    const { address, domain, password } = await mailbox({ pop3Enabled: false });
    const user = await signIn(address, password);
    expect(check(await checks(user, `${API}/me/diagnostics`), 'app-password-needed')).toMatchObject(
      { status: 'ok', action: null },
    );
    const begin = await user.post(`${API}/me/2fa/totp`);
    const secret = begin.body.secret as string;
    const confirmed = await user.post(`${API}/me/2fa/totp/confirm`, {
      body: { code: await generate({ secret }) },
    });
    expect(confirmed.status).toBe(200);

    const mine = check(await checks(user, `${API}/me/diagnostics`), 'app-password-needed');
    expect(mine).toMatchObject({ status: 'warn', action: { code: 'create-app-password' } });
    // POP3 is off, so it needs none.
    expect(mine.message).toContain('IMAP, SMTP yet');
    const helpdesk = await staff('helpdesk', domain);
    expect(check(await checks(helpdesk, ofMailbox(address)), 'app-password-needed')).toMatchObject({
      status: 'warn',
      action: { code: 'issue-app-password' },
    });

    const expired = await root.post(`${API}/mailboxes/${address}/app-passwords`, {
      body: {
        name: 'old phone',
        protocols: ['imap', 'smtp'],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(expired.status).toBe(201);
    await t.sql.query(
      `UPDATE app_password SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired.body.id],
    );
    expect(
      check(await checks(user, `${API}/me/diagnostics`), 'app-password-needed').message,
    ).toContain('IMAP, SMTP yet');
    const imap = await user.post(`${API}/me/app-passwords`, {
      body: { name: 'laptop', protocols: ['imap'] },
    });
    expect(imap.status).toBe(201);
    expect(
      check(await checks(user, `${API}/me/diagnostics`), 'app-password-needed').message,
    ).toContain('SMTP yet');
    await user.post(`${API}/me/app-passwords`, { body: { name: 'phone', protocols: ['smtp'] } });
    expect(check(await checks(user, `${API}/me/diagnostics`), 'app-password-needed')).toMatchObject(
      { status: 'ok', action: null },
    );
  });

  it('password-change-pending: warns after a reset; the helpdesk may reset again', async () => {
    const { address, domain } = await mailbox({ mustChangePassword: true });
    const helpdesk = await staff('helpdesk', domain);
    expect(
      check(await checks(helpdesk, ofMailbox(address)), 'password-change-pending'),
    ).toMatchObject({
      status: 'warn',
      action: { code: 'reset-password', label: 'Reset the password' },
    });
  });

  it('account-locked: fails while sign-in is locked, with unlock for the helpdesk, and passes once unlocked', async () => {
    const { address, domain } = await mailbox();
    const helpdesk = await staff('helpdesk', domain);
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++)
      expect((await attempt(address, 'wrong-password', ip)).status).toBe(401);
    const locked = check(await checks(helpdesk, ofMailbox(address)), 'account-locked');
    expect(locked).toMatchObject({ status: 'fail', action: { code: 'unlock' } });
    expect(locked.message).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect((await helpdesk.post(`${API}/mailboxes/${address}/unlock`)).status).toBe(204);
    expect(check(await checks(helpdesk, ofMailbox(address)), 'account-locked').status).toBe('ok');
  });

  it('sender-blocked: with ?from=, names the level whose rule blocks; a mailbox allow wins over the domain block', async () => {
    const { address, domain, password } = await mailbox();
    const sender = `${unique('news')}@spam.example`;
    const from = `?from=${encodeURIComponent(` ${sender.toUpperCase()} `)}`;
    expect(check(await checks(root, ofMailbox(address, from)), 'sender-blocked')).toMatchObject({
      status: 'ok',
    });
    const rule = await root.post(`${API}/domains/${domain}/sender-rules`, {
      body: { kind: 'block', match: { senderDomain: 'spam.example' } },
    });
    expect(rule.status).toBe(201);
    const blocked = check(await checks(root, ofMailbox(address, from)), 'sender-blocked');
    expect(blocked).toMatchObject({ status: 'fail', action: { code: 'edit-sender-rules' } });
    expect(blocked.message).toContain(sender);
    expect(blocked.message).toContain('the domain’s list');
    // The user cannot change the domain's list.
    const user = await signIn(address, password);
    expect(
      check(await checks(user, `${API}/me/diagnostics${from}`), 'sender-blocked'),
    ).toMatchObject({ status: 'fail', action: { code: 'contact-admin' } });
    const allow = await user.post(`${API}/me/sender-rules`, {
      body: { kind: 'allow', match: { sender } },
    });
    expect(allow.status).toBe(201);
    const allowed = check(await checks(user, `${API}/me/diagnostics${from}`), 'sender-blocked');
    expect(allowed).toMatchObject({ status: 'ok', action: null });
    expect(allowed.message).toMatch(/always allowed/);
  });

  it('sender-blocked: a block in the user’s own list offers the user their own rules', async () => {
    const { address, password } = await mailbox();
    const user = await signIn(address, password);
    const sender = `${unique('ex')}@example.org`;
    await user.post(`${API}/me/sender-rules`, { body: { kind: 'block', match: { sender } } });
    expect(
      check(await checks(user, `${API}/me/diagnostics?from=${sender}`), 'sender-blocked'),
    ).toMatchObject({ status: 'fail', action: { code: 'edit-sender-rules' } });
  });

  it('refuses a from that is no mail address', async () => {
    const { address } = await mailbox();
    const response = await root.get(ofMailbox(address, '?from=not-an-address'));
    expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(response)).toEqual(['from:isMailAddress']);
  });

  it('spam-threshold: warns when the domain files ordinary mail as spam; the user cannot undo the domain’s', async () => {
    const { address, domain, password } = await mailbox();
    expect(
      (
        await root.put(`${API}/domains/${domain}/spam-policy`, {
          body: { addHeaderScore: 1, junkScore: 2 },
        })
      ).status,
    ).toBe(200);
    const admin = check(await checks(root, ofMailbox(address)), 'spam-threshold');
    expect(admin).toMatchObject({ status: 'warn', action: { code: 'edit-spam-policy' } });
    expect(admin.message).toContain('from score 2');
    const user = await signIn(address, password);
    expect(check(await checks(user, `${API}/me/diagnostics`), 'spam-threshold')).toMatchObject({
      status: 'warn',
      action: { code: 'contact-admin' },
    });
  });

  it('forwarding-without-copy: warns when mail leaves without a copy kept', async () => {
    const { address } = await mailbox({ forwardTo: ['away@elsewhere.example'], keepCopy: false });
    const found = check(await checks(root, ofMailbox(address)), 'forwarding-without-copy');
    expect(found).toMatchObject({ status: 'warn', action: { code: 'edit-forwarding' } });
    expect(found.message).toContain('away@elsewhere.example');
    const kept = await mailbox({ forwardTo: ['away@elsewhere.example'], keepCopy: true });
    expect(
      check(await checks(root, ofMailbox(kept.address)), 'forwarding-without-copy').status,
    ).toBe('ok');
  });

  describe('DNS: the latest verification of the domain’s records', () => {
    interface Desired {
      type: string;
      name: string;
      value: string;
    }

    async function desired(domain: string): Promise<Desired[]> {
      const response = await root.get(`${API}/domains/${domain}/dns-records`);
      expect(response.status).toBe(200);
      return response.body.records as Desired[];
    }

    /** What verification stores (DnsVerificationService.verifyDomain), row by row. */
    async function verified(
      domain: string,
      outcome: (record: Desired) => { status: string; found: string[] },
    ): Promise<void> {
      const records = await desired(domain);
      await t.sql.query(
        `DELETE FROM dns_record_check WHERE domain_id = (SELECT id FROM domain WHERE name = $1)`,
        [domain],
      );
      for (const record of records) {
        const { status, found } = outcome(record);
        await t.sql.query(
          `INSERT INTO dns_record_check (domain_id, type, name, value, status, found, checked_at)
           SELECT id, $2, $3, $4, $5, $6, now() FROM domain WHERE name = $1`,
          [domain, record.type, record.name, record.value, status, found],
        );
      }
    }

    const apexOf = (domain: string) => `${domain}.`;
    const dnsChecks = (list: Check[]) =>
      list.filter((c) => c.code.startsWith('dns-')).map((c) => [c.code, c.status]);

    it('all found as needed: MX, SPF and DMARC pass; DKIM warns while the domain has no key', async () => {
      const { address, domain } = await mailbox();
      await verified(domain, (r) => ({ status: 'ok', found: [r.value] }));
      const list = await checks(root, ofMailbox(address));
      expect(dnsChecks(list)).toEqual([
        ['dns-mx', 'ok'],
        ['dns-spf', 'ok'],
        ['dns-dkim', 'warn'],
        ['dns-dmarc', 'ok'],
      ]);
      expect(check(list, 'dns-mx')).toMatchObject({ action: null });
      expect(check(list, 'dns-mx').message).toBe(`The MX record of ${domain} is right.`);
      expect(check(list, 'dns-dkim')).toMatchObject({ action: null });
      expect(check(list, 'dns-dkim').message).toMatch(/no DKIM key yet/);
    });

    it('missing and mismatch fail with what DNS answered; the domain admin verifies, the helpdesk may not, the user is told to ask', async () => {
      const { address, domain, password } = await mailbox();
      const apex = apexOf(domain);
      await verified(domain, (r) => {
        if (r.type === 'MX') return { status: 'mismatch', found: ['10 other.example.'] };
        if (r.name === `_dmarc.${apex}`) return { status: 'missing', found: [] };
        return { status: 'ok', found: [r.value] };
      });
      const admin = await staff('domain-admin', domain);
      const list = await checks(admin, ofMailbox(address));
      expect(dnsChecks(list)).toEqual([
        ['dns-mx', 'fail'],
        ['dns-spf', 'ok'],
        ['dns-dkim', 'warn'],
        ['dns-dmarc', 'fail'],
      ]);
      const mx = check(list, 'dns-mx');
      expect(mx.action).toEqual({ code: 'verify-dns', label: 'Verify DNS records' });
      expect(mx.message).toContain('10 other.example.');
      const mxWanted = (await desired(domain)).find((r) => r.type === 'MX')!.value;
      expect(mx.message).toContain(mxWanted);
      const dmarc = check(list, 'dns-dmarc');
      expect(dmarc.action).toEqual({ code: 'verify-dns', label: 'Verify DNS records' });
      expect(dmarc.message).toMatch(/is missing/);
      expect(dmarc.message).toContain(`_dmarc.${domain}`);

      const japanese = await checks(admin, ofMailbox(address), 'ja');
      expect(check(japanese, 'dns-mx').message).toContain('10 other.example.');
      expect(check(japanese, 'dns-mx').message).toMatch(JAPANESE);
      expect(check(japanese, 'dns-mx').action!.label).toBe('DNS レコードを検証する');

      const helpdesk = await staff('helpdesk', domain);
      expect(check(await checks(helpdesk, ofMailbox(address)), 'dns-mx')).toMatchObject({
        status: 'fail',
        action: null,
      });
      const user = await signIn(address, password);
      expect(check(await checks(user, `${API}/me/diagnostics`), 'dns-mx')).toMatchObject({
        status: 'fail',
        action: { code: 'contact-admin' },
      });
    });

    it('a record that changed since the last verification warns as not checked since, not as a stale ok', async () => {
      const { address, domain } = await mailbox();
      await verified(domain, (r) => ({ status: 'ok', found: [r.value] }));
      expect(check(await checks(root, ofMailbox(address)), 'dns-spf').status).toBe('ok');
      const put = await root.put(`${API}/domains/${domain}/dns-settings`, {
        body: { spfPolicy: '~all' },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const list = await checks(root, ofMailbox(address));
      expect(dnsChecks(list)).toEqual([
        ['dns-mx', 'ok'],
        ['dns-spf', 'warn'],
        ['dns-dkim', 'warn'],
        ['dns-dmarc', 'ok'],
      ]);
      const spf = check(list, 'dns-spf');
      expect(spf.action).toEqual({ code: 'verify-dns', label: 'Verify DNS records' });
      expect(spf.message).toMatch(/not been checked since it changed/);
    });
  });

  describe('reach', () => {
    it('a domain admin or helpdesk of another domain, or a token limited to it, gets 404', async () => {
      const { address } = await mailbox();
      const other = (await createDomain(root)).name as string;
      for (const outsider of [await staff('domain-admin', other), await staff('helpdesk', other)]) {
        expectProblem(await outsider.get(ofMailbox(address)), 404, 'MAILBOX_NOT_FOUND');
      }
      const token = await createToken(root, { scopes: ['mailboxes:read'], domains: [other] });
      expectProblem(
        await t.anonymous().withToken(token.token).get(ofMailbox(address)),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });

    it('the helpdesk of a domain cannot diagnose the mailbox of a superadmin in it', async () => {
      const { address, domain } = await mailbox();
      const promoted = await root.post(`${API}/admins`, {
        body: { email: address, role: 'superadmin' },
      });
      expect(promoted.status, JSON.stringify(promoted.body)).toBe(201);
      expectProblem(
        await (await staff('helpdesk', domain)).get(ofMailbox(address)),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expect((await root.get(ofMailbox(address))).status).toBe(200);
    });

    it('a mailbox user diagnoses only their own mailbox; an account without one is told so', async () => {
      const own = await mailbox();
      const neighbour = await mailbox({}, own.domain);
      const user = await signIn(own.address, own.password);
      expectProblem(await user.get(ofMailbox(neighbour.address)), 403, 'FORBIDDEN');
      expectProblem(await user.get(ofMailbox(own.address)), 403, 'FORBIDDEN');
      expect((await user.get(`${API}/me/diagnostics`)).status).toBe(200);
      expectProblem(await root.get(`${API}/me/diagnostics`), 403, 'NOT_A_MAILBOX_USER');
      expectProblem(await t.anonymous().get(`${API}/me/diagnostics`), 401, 'UNAUTHENTICATED');
    });

    it('a mailbox that does not exist, or was deleted, is 404', async () => {
      const { address } = await mailbox();
      expect((await root.delete(`${API}/mailboxes/${address}`)).status).toBe(204);
      expectProblem(await root.get(ofMailbox(address)), 404, 'MAILBOX_NOT_FOUND');
      expectProblem(
        await root.get(ofMailbox(`nobody@${unique('d')}.example`)),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });
  });
});
