import { inject } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { createDomain, createMailbox, unique } from '../support/factory.js';
import { createDatabase, migrate } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const KEY = 'rspamd-map-key-0123456789abcdef0123456789';
const MAPS = ['sender-rules/allow', 'sender-rules/block', 'settings'] as const;

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function fetchMap(
  t: TestApp,
  map: string,
  headers: Record<string, string> = { authorization: basic('rspamd', KEY) },
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${t.baseUrl}${API}/internal/rspamd/${map}`, { headers });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The map's keys, without its comment lines. */
async function keys(t: TestApp, map: string): Promise<Set<string>> {
  const { status, text } = await fetchMap(t, map);
  expect(status).toBe(200);
  return new Set(text.split('\n').filter((line) => line !== '' && !line.startsWith('#')));
}

/** An IPv4 address masked to every prefix, as PostgreSQL prints a cidr. */
function ipv4Networks(address: string): string[] {
  const value = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  return Array.from({ length: 33 }, (_, prefix) => {
    const masked = prefix === 0 ? 0 : (value - (value % 2 ** (32 - prefix))) >>> 0;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(masked / 2 ** shift) % 256);
    return `${octets.join('.')}/${prefix}`;
  });
}

/**
 * What the rendered Rspamd rule computes from the two maps for one recipient (ADR 0013):
 * the most specific level with a key decides, and a block beats an allow there.
 */
function consumerVerdict(
  allow: Set<string>,
  block: Set<string>,
  recipient: string,
  sender: string,
  clientIp: string,
): 'allow' | 'block' | 'none' {
  const labels = sender.slice(sender.indexOf('@') + 1).split('.');
  const domains = labels.map((_, i) => labels.slice(i).join('.'));
  for (const scope of [recipient, recipient.slice(recipient.indexOf('@') + 1), '*']) {
    const candidates = [
      `${scope}|s|${sender}`,
      ...domains.map((d) => `${scope}|d|${d}`),
      ...ipv4Networks(clientIp).map((n) => `${scope}|i|${n}`),
    ];
    if (candidates.some((key) => block.has(key))) return 'block';
    if (candidates.some((key) => allow.has(key))) return 'allow';
  }
  return 'none';
}

describe('the maps Rspamd fetches (/api/v1/internal/rspamd)', () => {
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    // A database of its own: global rules would reach other specs.
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_rspamd');
    await migrate(database.url);
    t = await startTestApp({ MAIL_AUTH_POLICY_SECRET: KEY }, database.url);
    root = await t.superadmin();
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  async function rule(path: string, kind: 'allow' | 'block', match: object): Promise<string> {
    const created = await root.post(`${API}${path}`, { body: { kind, match } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return (created.body as { id: string }).id;
  }

  it('answers only the mail server key, as HTTP Basic or the header; no user reaches them', async () => {
    for (const map of MAPS) {
      const wrong: Record<string, string>[] = [
        {},
        { authorization: basic('rspamd', `${KEY}x`) },
        { authorization: basic(KEY, 'rspamd') },
        { authorization: `Bearer ${KEY}` },
        { 'x-yubin-mail-server-key': KEY.slice(1) },
      ];
      for (const headers of wrong) {
        const refused = await fetchMap(t, map, headers);
        expect(refused.status, `${map} ${JSON.stringify(headers)}`).toBe(401);
        expect(JSON.parse(refused.text)).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
      expect((await fetchMap(t, map)).status).toBe(200);
      expect((await fetchMap(t, map, { 'x-yubin-mail-server-key': KEY })).status).toBe(200);
      // A superadmin's session is no mail server.
      expect((await root.get(`${API}/internal/rspamd/${map}`)).status).toBe(401);
    }
    expect((await fetchMap(t, 'sender-rules/maybe')).status).toBe(400);
  });

  it('refuses other addresses than MAIL_SERVER_ADDRESSES, as the proxy setup resolves them', async () => {
    const behindProxy = await startTestApp(
      {
        MAIL_AUTH_POLICY_SECRET: KEY,
        TRUST_PROXY: 'loopback',
        MAIL_SERVER_ADDRESSES: '127.0.0.1/32, 198.51.100.0/24',
      },
      database.url,
    );
    const direct = await startTestApp(
      { MAIL_AUTH_POLICY_SECRET: KEY, MAIL_SERVER_ADDRESSES: '198.51.100.0/24' },
      database.url,
    );
    try {
      const auth = { authorization: basic('rspamd', KEY) };
      // The proxy on loopback forwards for a client: the client's address decides.
      const forwarded = (client: string) => ({ ...auth, 'x-forwarded-for': client });
      const outside = await fetchMap(behindProxy, 'settings', forwarded('203.0.113.9'));
      expect(outside.status).toBe(403);
      expect(JSON.parse(outside.text)).toMatchObject({ code: 'MAIL_SERVER_ADDRESS_REFUSED' });
      // Refused before the key is looked at: no key, still 403.
      expect(
        (await fetchMap(behindProxy, 'settings', { 'x-forwarded-for': '203.0.113.9' })).status,
      ).toBe(403);
      expect((await fetchMap(behindProxy, 'settings', forwarded('198.51.100.20'))).status).toBe(
        200,
      );
      expect((await fetchMap(behindProxy, 'settings', auth)).status).toBe(200);
      // Without a trusted proxy the header is the client's own word: never believed.
      expect((await fetchMap(direct, 'settings', forwarded('198.51.100.20'))).status).toBe(403);
      expect((await fetchMap(direct, 'settings', auth)).status).toBe(403);
    } finally {
      await behindProxy.close();
      await direct.close();
    }
  });

  it('lists every rule so that the consumer decides as ADR 0012 does, for every recipient', async () => {
    const spam = `${unique('spam')}.example`;
    const other = `${unique('other')}.example`;
    const a = (await createDomain(root)).name as string;
    const b = (await createDomain(root)).name as string;
    const a1 = (await createMailbox(root, a)).address as string;
    const a2 = (await createMailbox(root, a)).address as string;
    const b1 = (await createMailbox(root, b)).address as string;
    await rule('/sender-rules', 'block', { senderDomain: spam });
    await rule('/sender-rules', 'allow', { sender: `news@${other}` });
    await rule('/sender-rules', 'block', { clientIp: '192.0.2.0/24' });
    await rule(`/domains/${a}/sender-rules`, 'allow', { sender: `friend@${spam}` });
    await rule(`/domains/${a}/sender-rules`, 'block', { senderDomain: other });
    await rule(`/domains/${b}/sender-rules`, 'allow', { clientIp: '192.0.2.128/25' });
    await rule(`/mailboxes/${a1}/sender-rules`, 'allow', { senderDomain: other });
    await rule(`/mailboxes/${a1}/sender-rules`, 'block', { sender: `friend@${spam}` });
    await rule(`/mailboxes/${b1}/sender-rules`, 'block', { clientIp: '192.0.2.200/32' });

    const allow = await keys(t, 'sender-rules/allow');
    const block = await keys(t, 'sender-rules/block');
    expect(block).toContain(`*|d|${spam}`);
    expect(block).toContain(`${a1}|s|friend@${spam}`);
    expect(allow).toContain(`${b}|i|192.0.2.128/25`);

    let decided = 0;
    for (const sender of [
      `friend@${spam}`,
      `x@sub.${spam}`,
      `news@${other}`,
      `y@${other}`,
      'z@fine.example',
    ]) {
      for (const clientIp of ['192.0.2.1', '192.0.2.130', '192.0.2.200', '203.0.113.5']) {
        const query = new URLSearchParams({ sender, clientIp }).toString();
        for (const mailbox of [a1, a2, b1]) {
          const decision = await root.get(
            `${API}/mailboxes/${mailbox}/sender-rules/decision?${query}`,
          );
          expect(decision.status).toBe(200);
          const verdict = (decision.body as { verdict: string }).verdict;
          expect(
            consumerVerdict(allow, block, mailbox, sender, clientIp),
            `${mailbox} ← ${sender} from ${clientIp}`,
          ).toBe(verdict);
          if (verdict !== 'none') decided++;
        }
      }
    }
    expect(decided).toBeGreaterThan(30);
  });

  it('gives each domain and mailbox with a policy its effective thresholds', async () => {
    const domain = (await createDomain(root)).name as string;
    const strict = (await createMailbox(root, domain)).address as string;
    const off = (await createMailbox(root, domain)).address as string;
    const set = async (path: string, body: object) =>
      expect((await root.put(`${API}${path}/spam-policy`, { body })).status).toBe(200);
    await set(`/domains/${domain}`, { junkScore: 8, rejectScore: 20, virusAction: 'junk' });
    await set(`/mailboxes/${strict}`, { addHeaderScore: 3, rejectScore: 12 });
    await set(`/mailboxes/${off}`, { enabled: false });

    const { text } = await fetchMap(t, 'settings');
    const entry = (rcpt: string) => text.split('\n').find((l) => l.includes(`rcpt = "${rcpt}";`));
    expect(entry(`@${domain}`)).toMatch(
      /^yubin_domain_\d+ \{ priority = medium; rcpt = "@[^"]+"; symbols = \["YUBIN_VIRUS_JUNK"\]; apply \{ actions \{ add_header = 5; junk = 8; reject = 20; greylist = null; rewrite_subject = null; soft_reject = null; \} \} \}$/,
    );
    expect(entry(strict)).toMatch(
      /priority = high; .*symbols = \["YUBIN_VIRUS_JUNK"\]; apply \{ actions \{ add_header = 3; junk = 8; reject = 12; /,
    );
    expect(entry(off)).toContain('actions { add_header = null; junk = null; reject = null;');
  });

  it('answers 304 while nothing changed, and 200 after a change within the same second', async () => {
    for (const map of MAPS) {
      const first = await fetchMap(t, map);
      const etag = first.headers.get('etag') ?? '';
      const lastModified = first.headers.get('last-modified') ?? '';
      expect(etag).toMatch(/^"[a-z-]+-\d+"$/);
      expect(Date.parse(lastModified)).toBeGreaterThan(0);
      const auth = { authorization: basic('rspamd', KEY) };
      const byTag = await fetchMap(t, map, { ...auth, 'if-none-match': etag });
      expect(byTag.status).toBe(304);
      expect(byTag.text).toBe('');
      expect(byTag.headers.get('etag')).toBe(etag);
      expect((await fetchMap(t, map, { ...auth, 'if-modified-since': lastModified })).status).toBe(
        304,
      );
      // A validator that does not match: the body.
      expect((await fetchMap(t, map, { ...auth, 'if-none-match': '"other"' })).status).toBe(200);
    }

    // Rspamd sends back the Last-Modified it got; a change right after it, well within
    // that second, must not be mistaken for no change.
    const before = await fetchMap(t, 'sender-rules/block');
    const lastModified = before.headers.get('last-modified') ?? '';
    const etag = before.headers.get('etag') ?? '';
    const sender = `${unique('late')}@late.example`;
    await rule('/sender-rules', 'block', { sender });
    const auth = { authorization: basic('rspamd', KEY) };
    const since = await fetchMap(t, 'sender-rules/block', {
      ...auth,
      'if-modified-since': lastModified,
    });
    expect(since.status).toBe(200);
    expect(since.text).toContain(`*|s|${sender}`);
    expect(Date.parse(since.headers.get('last-modified') ?? '')).toBeGreaterThan(
      Date.parse(lastModified),
    );
    const tagged = await fetchMap(t, 'sender-rules/block', {
      ...auth,
      'if-none-match': etag,
      'if-modified-since': lastModified,
    });
    expect(tagged.status).toBe(200);
    // Two changes in a row each move Last-Modified on.
    const next = since.headers.get('last-modified') ?? '';
    await rule('/sender-rules', 'block', { sender: `${unique('later')}@late.example` });
    const after = await fetchMap(t, 'sender-rules/block', { ...auth, 'if-modified-since': next });
    expect(after.status).toBe(200);
    // The allow map shares the rules' counter; the settings map does not move.
    const settings = await fetchMap(t, 'settings');
    await rule('/sender-rules', 'allow', { sender: `${unique('x')}@late.example` });
    expect(
      (
        await fetchMap(t, 'settings', {
          ...auth,
          'if-none-match': settings.headers.get('etag') ?? '',
        })
      ).status,
    ).toBe(304);
  });
});
