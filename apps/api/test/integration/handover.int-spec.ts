import { Browser, uniqueIp } from '../support/browser.js';
import { cookieValue, expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };

describe('handover sheet', () => {
  let t: TestApp;
  let root: Browser;

  beforeAll(async () => {
    t = await startTestApp({
      ...CHEAP_HASHING,
      TRUST_PROXY: 'loopback',
      MAIL_HOSTNAME: 'mail.yubin.test',
      SMTP_HOSTNAME: 'smtp.yubin.test',
      WEB_HOSTNAME: 'yubin.example',
    });
    root = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  async function signIn(email: string, password: string): Promise<Browser> {
    const ip = uniqueIp();
    const response = await new Browser(t.baseUrl, ip).post(`${API}/auth/login`, {
      body: { email, password },
    });
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

  async function staff(role: 'helpdesk' | 'domain-admin', domain: string): Promise<Browser> {
    const email = `${unique(role)}@staff.example`;
    const password = strongPassword();
    const created = await root.post(`${API}/admins`, {
      body: { email, role, domains: [domain], password },
    });
    expect(created.status).toBe(201);
    return signIn(email, password);
  }

  const sheetOf = (address: string): string => `${API}/mailboxes/${address}/handover`;

  it('has the servers of the connection settings page, the autoconfig link and no password', async () => {
    const domain = (await createDomain(root)).name as string;
    const created = await createMailbox(root, domain, { displayName: 'Hana Sato' });
    const helpdesk = await staff('helpdesk', domain);

    const response = await helpdesk.get(sheetOf(created.address as string));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({
      address: created.address,
      displayName: 'Hana Sato',
      incoming: [
        { protocol: 'imap', host: 'mail.yubin.test', port: 993, security: 'tls' },
        { protocol: 'pop3', host: 'mail.yubin.test', port: 995, security: 'tls' },
      ],
      outgoing: [
        { protocol: 'smtp', host: 'smtp.yubin.test', port: 587, security: 'starttls' },
        { protocol: 'smtp', host: 'smtp.yubin.test', port: 465, security: 'tls' },
      ],
      autoconfigUrl: `https://yubin.example/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(created.address as string)}`,
      language: 'en',
      canSendByMail: false,
    });
  });

  it('cannot be sent by mail while no outgoing mail server is set: 409, before any password is checked', async () => {
    const domain = (await createDomain(root)).name as string;
    const created = await createMailbox(root, domain);
    const response = await root.post(`${sheetOf(created.address as string)}/send`, {
      body: { to: 'someone@elsewhere.example', temporaryPassword: 'whatever-it-is' },
    });
    expectProblem(response, 409, 'OUTBOUND_MAIL_NOT_CONFIGURED');
  });

  it('is handed over in the mailbox’s language, else the domain’s', async () => {
    const domain = (await createDomain(root, { language: 'ja' })).name as string;
    const inherits = await createMailbox(root, domain);
    const own = await createMailbox(root, domain, { language: 'en' });
    expect((await root.get(sheetOf(inherits.address as string))).body.language).toBe('ja');
    expect((await root.get(sheetOf(own.address as string))).body.language).toBe('en');
  });

  it('uses the domain’s own mailHostname, even while the domain is inactive', async () => {
    const domain = (await createDomain(root, { mailHostname: 'mail.customer.example' }))
      .name as string;
    const created = await createMailbox(root, domain);
    expect((await root.patch(`${API}/domains/${domain}`, { body: { active: false } })).status).toBe(
      200,
    );
    const response = await root.get(sheetOf(created.address as string));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const hosts = [...response.body.incoming, ...response.body.outgoing].map(
      (server: { host: string }) => server.host,
    );
    expect(new Set(hosts)).toEqual(new Set(['mail.customer.example']));
  });

  it('a domain admin or helpdesk of another domain gets 404, as for a mailbox that does not exist', async () => {
    const domain = (await createDomain(root)).name as string;
    const other = (await createDomain(root)).name as string;
    const created = await createMailbox(root, domain);
    for (const outsider of [await staff('domain-admin', other), await staff('helpdesk', other)]) {
      expectProblem(
        await outsider.get(sheetOf(created.address as string)),
        404,
        'MAILBOX_NOT_FOUND',
      );
    }
    expectProblem(await root.get(sheetOf(`nobody@${domain}`)), 404, 'MAILBOX_NOT_FOUND');
  });

  it('a mailbox user may not read another mailbox’s sheet, nor their own', async () => {
    const domain = (await createDomain(root)).name as string;
    const password = strongPassword();
    const user = await createMailbox(root, domain, { password });
    const neighbour = await createMailbox(root, domain);
    const client = await signIn(user.address as string, password);
    expect((await client.get(sheetOf(neighbour.address as string))).status).toBe(403);
    expect((await client.get(sheetOf(user.address as string))).status).toBe(403);
  });
});
