import { Browser, uniqueIp } from '../support/browser.js';
import { createDomain, createMailbox, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TB_WELL_KNOWN = '/.well-known/autoconfig/mail/config-v1.1.xml';
const POX = '/autodiscover/autodiscover.xml';
/** AUTOCONFIG_RULE's free misses per client address: the next one locks it. */
const FREE_MISSES = 30;

function poxRequest(address: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${address}</EMailAddress>
    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;
}

describe('mail app autoconfiguration is throttled per client address', () => {
  let t: TestApp;
  let domain: string;
  let mailbox: string;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', MAIL_HOSTNAME: 'mail.yubin.test' });
    const admin = await t.superadmin();
    domain = (await createDomain(admin)).name as string;
    mailbox = (await createMailbox(admin, domain)).address as string;
  });
  afterAll(() => t.close());

  function thunderbird(client: Browser, address: string) {
    return client.request('GET', `${TB_WELL_KNOWN}?emailaddress=${encodeURIComponent(address)}`, {
      headers: { accept: '*/*' },
    });
  }

  function outlook(client: Browser, address: string) {
    return client.request('POST', POX, {
      rawBody: poxRequest(address),
      headers: { 'content-type': 'text/xml', accept: '*/*' },
    });
  }

  it('answers a hosted domain as often as asked, for mailboxes that exist or not', async () => {
    const client = new Browser(t.baseUrl, uniqueIp());
    for (let i = 0; i < FREE_MISSES + 10; i++) {
      const address = i % 2 === 0 ? mailbox : `${unique('nobody')}@${domain}`;
      const response =
        i % 3 === 0 ? await outlook(client, address) : await thunderbird(client, address);
      expect(response.status, `lookup ${i}`).toBe(200);
    }
  });

  it('after 30 free misses, the next locks the client out (429, Retry-After), every form and every domain; others are served', async () => {
    const sweeper = new Browser(t.baseUrl, uniqueIp());
    for (let i = 0; i <= FREE_MISSES; i++) {
      const missing = `someone@${unique('not-hosted')}.example`;
      const response =
        i % 2 === 0 ? await thunderbird(sweeper, missing) : await outlook(sweeper, missing);
      expect(response.status, `miss ${i}`).toBe(404);
    }
    const refused = await thunderbird(sweeper, mailbox);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await outlook(sweeper, mailbox)).status).toBe(429);
    const json = await sweeper.request(
      'GET',
      `/autodiscover/autodiscover.json/v1.0/${mailbox}?Protocol=AutodiscoverV1`,
    );
    expect(json.status).toBe(429);

    const neighbour = new Browser(t.baseUrl, uniqueIp());
    expect((await thunderbird(neighbour, mailbox)).status).toBe(200);
  });

  it('counts a lookup without an address as a miss', async () => {
    const client = new Browser(t.baseUrl, uniqueIp());
    for (let i = 0; i <= FREE_MISSES; i++)
      expect(
        (await client.request('GET', TB_WELL_KNOWN, { headers: { accept: '*/*' } })).status,
      ).toBe(422);
    expect((await thunderbird(client, mailbox)).status).toBe(429);
  });
});
