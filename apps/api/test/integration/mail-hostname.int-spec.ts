import { ApiClient } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createDomain,
  createMailbox,
  strongPassword,
  uniqueDomainName,
} from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';

async function connectionHosts(t: TestApp, domain: string): Promise<string[]> {
  const admin = await t.superadmin();
  const password = strongPassword();
  const mailbox = await createMailbox(admin, domain, { password });
  const user = await ApiClient.login(t.baseUrl, mailbox.address, password);
  const response = await user.get(`${API}/me/connection-settings`);
  expect(response.status).toBe(200);
  return [...response.body.incoming, ...response.body.outgoing].map(
    (server: { protocol: string; host: string; port: number }) =>
      `${server.protocol}:${server.port}:${server.host}`,
  );
}

describe('mail host names', () => {
  describe('while MAIL_HOSTNAME is unset', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('says so in the settings, so the dashboard can warn', async () => {
      const response = await (await t.superadmin()).get(`${API}/settings`);
      expect(response.status).toBe(200);
      expect(response.body.mailHostnamesConfigured).toBe(false);
    });

    it('tells mail apps localhost', async () => {
      const domain = await createDomain(await t.superadmin());
      expect(domain.mailHostname).toBeNull();
      expect(await connectionHosts(t, domain.name)).toEqual([
        'imap:993:localhost',
        'pop3:995:localhost',
        'smtp:587:localhost',
        'smtp:465:localhost',
      ]);
    });

    it('uses a domain’s own mailHostname for all its protocols, in punycode', async () => {
      const admin = await t.superadmin();
      const domain = await createDomain(admin, { mailHostname: ' Mail.例え.JP ' });
      expect(domain.mailHostname).toBe('mail.xn--r8jz45g.jp');
      expect(await connectionHosts(t, domain.name)).toEqual([
        'imap:993:mail.xn--r8jz45g.jp',
        'pop3:995:mail.xn--r8jz45g.jp',
        'smtp:587:mail.xn--r8jz45g.jp',
        'smtp:465:mail.xn--r8jz45g.jp',
      ]);
    });
  });

  describe('with host names configured', () => {
    let t: TestApp;
    let admin: ApiClient;
    beforeAll(async () => {
      t = await startTestApp({
        MAIL_HOSTNAME: 'mail.yubin.test',
        SMTP_HOSTNAME: 'smtp.yubin.test',
      });
      admin = await t.superadmin();
    });
    afterAll(() => t.close());

    it('reports them configured', async () => {
      expect((await admin.get(`${API}/settings`)).body.mailHostnamesConfigured).toBe(true);
    });

    it('uses the global names until a domain sets its own, and again once it clears it', async () => {
      const domain = await createDomain(admin);
      const global = ['imap:993:mail.yubin.test', 'pop3:995:mail.yubin.test'];
      const globalOut = ['smtp:587:smtp.yubin.test', 'smtp:465:smtp.yubin.test'];
      expect(await connectionHosts(t, domain.name)).toEqual([...global, ...globalOut]);

      const set = await admin.patch(`${API}/domains/${domain.name}`, {
        body: { mailHostname: `mail.${domain.name}` },
      });
      expect(set.status).toBe(200);
      expect(set.body.mailHostname).toBe(`mail.${domain.name}`);
      const own = `mail.${domain.name}`;
      expect(await connectionHosts(t, domain.name)).toEqual([
        `imap:993:${own}`,
        `pop3:995:${own}`,
        `smtp:587:${own}`,
        `smtp:465:${own}`,
      ]);

      const cleared = await admin.patch(`${API}/domains/${domain.name}`, {
        body: { mailHostname: null },
      });
      expect(cleared.body.mailHostname).toBeNull();
      expect(await connectionHosts(t, domain.name)).toEqual([...global, ...globalOut]);
    });

    it('leaves other domains on the global names', async () => {
      const own = await createDomain(admin);
      await admin.patch(`${API}/domains/${own.name}`, { body: { mailHostname: `mx.${own.name}` } });
      const other = await createDomain(admin);
      expect(await connectionHosts(t, other.name)).toEqual([
        'imap:993:mail.yubin.test',
        'pop3:995:mail.yubin.test',
        'smtp:587:smtp.yubin.test',
        'smtp:465:smtp.yubin.test',
      ]);
    });

    it.each([
      ['not a host', 'mailHostname:isDomainName'],
      ['localhost', 'mailHostname:domainSingleLabel'],
      ['mail..example.com', 'mailHostname:domainEmptyLabel'],
      [42, 'mailHostname:isString'],
    ])('refuses %j as a mailHostname', async (mailHostname, error) => {
      const response = await admin.post(`${API}/domains`, {
        body: { name: uniqueDomainName(), mailHostname },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toContain(error);
    });
  });
});

describe('only IMAP_HOSTNAME set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ IMAP_HOSTNAME: 'imap.yubin.test' });
  });
  afterAll(() => t.close());

  it('still warns: POP3 and SMTP would be localhost', async () => {
    const response = await (await t.superadmin()).get(`${API}/settings`);
    expect(response.body.mailHostnamesConfigured).toBe(false);
  });
});
