import type { ApiClient } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, createMailbox, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const KEY = 'quota-warning-key-0123456789abcdef0123456789';
const PATH = `${API}/internal/dovecot/quota-warning`;

async function report(
  t: TestApp,
  body: unknown,
  headers: Record<string, string> = { 'x-yubin-mail-server-key': KEY },
): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${t.baseUrl}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type'),
  };
}

describe('Dovecot’s quota warning report (/api/v1/internal/dovecot/quota-warning)', () => {
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_AUTH_POLICY_SECRET: KEY });
    root = await t.superadmin();
  });
  afterAll(() => t.close());

  async function mailbox(): Promise<{ address: string; domain: string }> {
    const domain = (await createDomain(root)).name as string;
    const created = await createMailbox(root, domain, {
      localPart: unique('full'),
      quotaBytes: 2 * 1024 * 1024,
    });
    return { address: created.address as string, domain };
  }

  async function events(address: string): Promise<Record<string, unknown>[]> {
    const response = await root.get(
      `${API}/audit-events?action=mailbox.quota-warning&target=${encodeURIComponent(address)}`,
    );
    expect(response.status).toBe(200);
    return response.body.items as Record<string, unknown>[];
  }

  it('records the warning and answers the message to deliver', async () => {
    const { address, domain } = await mailbox();
    const answered = await report(t, { address: address.toUpperCase(), percent: 95 });
    expect(answered.status, answered.text).toBe(200);
    expect(answered.type).toMatch(/^message\/rfc822/);
    expect(answered.text).toMatch(/^From: Mail server <postmaster@/);
    expect(answered.text).toContain(`\nSubject: Your mailbox is 95% full\n`);
    expect(answered.text).toContain(`${address} has used 95% of its 2 MB.`);
    const recorded = await events(address);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: 'mailbox.quota-warning',
      targetType: 'mailbox',
      target: address,
      domain,
      actor: { type: 'system' },
      after: { percent: 95, quotaBytes: 2 * 1024 * 1024 },
    });
  });

  it('writes in the mailbox’s language, else its domain’s, else English', async () => {
    const contentLanguage = async (address: string): Promise<string | undefined> => {
      const answered = await report(t, { address, percent: 80 });
      expect(answered.status, answered.text).toBe(200);
      return /^Content-Language: (\S+)$/m.exec(answered.text)?.[1];
    };
    const domain = (await createDomain(root)).name as string;
    expect((await root.get(`${API}/domains/${domain}`)).body.language).toBeNull();
    const plain = (await createMailbox(root, domain)).address as string;
    const own = (await createMailbox(root, domain, { language: 'ja' })).address as string;
    expect((await root.get(`${API}/mailboxes/${own}`)).body.language).toBe('ja');
    expect(await contentLanguage(plain)).toBe('en');
    expect(await contentLanguage(own)).toBe('ja');

    expect(
      (await root.patch(`${API}/domains/${domain}`, { body: { language: 'ja' } })).body.language,
    ).toBe('ja');
    const answered = await report(t, { address: plain, percent: 95 });
    expect(answered.text).toContain('Content-Language: ja');
    expect(answered.text).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    const english = await root.patch(`${API}/mailboxes/${own}`, { body: { language: 'en' } });
    expect(english.body.language).toBe('en');
    expect(await contentLanguage(own)).toBe('en');
    // Null inherits again.
    const inherit = await root.patch(`${API}/mailboxes/${own}`, { body: { language: null } });
    expect(inherit.status).toBe(200);
    expect(inherit.body.language).toBeNull();
    expect(await contentLanguage(own)).toBe('ja');
  });

  it('refuses a language Yubin does not write in, on the field', async () => {
    const domain = (await createDomain(root)).name as string;
    const refused = await root.patch(`${API}/domains/${domain}`, { body: { language: 'fr' } });
    expectProblem(refused, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(refused)).toEqual(['language:isIn']);
    const mailbox = await root.post(`${API}/domains/${domain}/mailboxes`, {
      body: { localPart: unique('m'), language: 'EN' },
    });
    expectProblem(mailbox, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(mailbox)).toEqual(['language:isIn']);
  });

  it('answers only the mail server key; no user session reaches it', async () => {
    const { address } = await mailbox();
    const wrong: Record<string, string>[] = [{}, { 'x-yubin-mail-server-key': `${KEY}x` }];
    for (const headers of wrong) {
      const refused = await report(t, { address, percent: 80 }, headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect((await root.post(PATH, { body: { address, percent: 80 } })).status).toBe(401);
    expect(await events(address)).toEqual([]);
  });

  it('refuses an address outside MAIL_SERVER_ADDRESSES before looking at the key', async () => {
    const elsewhere = await startTestApp({
      MAIL_AUTH_POLICY_SECRET: KEY,
      MAIL_SERVER_ADDRESSES: '198.51.100.0/24',
    });
    try {
      const refused = await report(elsewhere, { address: 'nobody@example.com', percent: 80 });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toMatchObject({ code: 'MAIL_SERVER_ADDRESS_REFUSED' });
    } finally {
      await elsewhere.close();
    }
  });

  it('is 404 for a mailbox that does not exist and 422 for a threshold Dovecot is not given', async () => {
    const missing = await report(t, { address: `${unique('gone')}@example.com`, percent: 80 });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ code: 'MAILBOX_NOT_FOUND' });
    const { address } = await mailbox();
    const odd = await report(t, { address, percent: 50 });
    expect(odd.status).toBe(422);
    expect(JSON.parse(odd.text)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await events(address)).toEqual([]);
  });
});
