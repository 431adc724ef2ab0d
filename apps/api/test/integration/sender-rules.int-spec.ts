import { ApiClient } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
/** Small, so the limit is reached in a few requests. */
const MAILBOX_LIMIT = 12;
const API = '/api/v1';

describe('sender rules', () => {
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ ...CHEAP_HASHING, SENDER_RULES_PER_MAILBOX: String(MAILBOX_LIMIT) });
    root = await t.superadmin();
  });
  afterAll(() => t.close());

  async function domainWithUser(): Promise<{ domain: string; address: string; user: ApiClient }> {
    const domain = (await createDomain(root)).name as string;
    const password = strongPassword();
    const address = (await createMailbox(root, domain, { password })).address as string;
    return { domain, address, user: await ApiClient.login(t.baseUrl, address, password) };
  }

  it('normalises matches: lowercase, punycode, networks without host bits, IPv6 too', async () => {
    const { address } = await domainWithUser();
    const path = `${API}/mailboxes/${address}/sender-rules`;
    for (const [match, stored] of [
      [{ sender: ' News@例え.JP ' }, { sender: 'news@xn--r8jz45g.jp' }],
      [{ senderDomain: 'Bücher.Example' }, { senderDomain: 'xn--bcher-kva.example' }],
      [{ clientIp: '192.0.2.77/24' }, { clientIp: '192.0.2.0/24' }],
      [{ clientIp: '198.51.100.7' }, { clientIp: '198.51.100.7/32' }],
      [{ clientIp: '2001:DB8:0:0::1/32' }, { clientIp: '2001:db8::/32' }],
      [{ clientIp: '::ffff:203.0.113.5' }, { clientIp: '203.0.113.5/32' }],
    ] as const) {
      const created = await root.post(path, { body: { kind: 'block', match, note: ' why ' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({
        level: 'mailbox',
        mailbox: address,
        kind: 'block',
        match: stored,
        note: 'why',
      });
    }
    // The same match again, whatever its kind or spelling: 409.
    expectProblem(
      await root.post(path, { body: { kind: 'allow', match: { sender: 'NEWS@xn--r8jz45g.jp' } } }),
      409,
      'SENDER_RULE_EXISTS',
    );
    expectProblem(
      await root.post(path, { body: { kind: 'block', match: { clientIp: '192.0.2.1/24' } } }),
      409,
      'SENDER_RULE_EXISTS',
    );
    for (const [body, field] of [
      [{ kind: 'block', match: {} }, 'match'],
      [{ kind: 'block', match: { sender: 'a@b.example', clientIp: '192.0.2.1' } }, 'match'],
      [{ kind: 'block', match: { sender: 'nobody' } }, 'match.sender'],
      [{ kind: 'block', match: { senderDomain: 'a@b.example' } }, 'match.senderDomain'],
      [{ kind: 'block', match: { clientIp: '192.0.2.0/33' } }, 'match.clientIp'],
      [{ kind: 'deny', match: { sender: 'a@b.example' } }, 'kind'],
      [{ kind: 'block' }, 'match'],
      [{ kind: 'block', match: { sender: 'a@b.example' }, note: 'x'.repeat(201) }, 'note'],
    ] as const) {
      const response = await root.post(path, { body });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response).map((f) => f.split(':')[0])).toContain(field);
    }
  });

  it('lists newest first in keyset pages, and with inherited=true the levels above', async () => {
    const { domain, address, user } = await domainWithUser();
    const own: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await user.post(`${API}/me/sender-rules`, {
        body: { kind: i % 2 === 0 ? 'block' : 'allow', match: { sender: `s${i}@x.example` } },
      });
      expect(created.status).toBe(201);
      own.unshift(created.body.id as string);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await user.get(
        `${API}/me/sender-rules?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { id: string }[]).map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(own);
    const blocked = await user.get(`${API}/me/sender-rules?kind=block&limit=200`);
    expect((blocked.body.items as { id: string }[]).map((r) => r.id)).toEqual(
      own.filter((_, i) => i % 2 === 0),
    );
    expect(
      (await root.get(`${API}/mailboxes/${address}/sender-rules?limit=200`)).body.items,
    ).toHaveLength(5);

    const domainRule = await root.post(`${API}/domains/${domain}/sender-rules`, {
      body: { kind: 'block', match: { senderDomain: 'spam.example' } },
    });
    const globalRule = await root.post(`${API}/sender-rules`, {
      body: { kind: 'block', match: { clientIp: `10.${Math.floor(Math.random() * 250)}.0.0/16` } },
    });
    expect([domainRule.status, globalRule.status]).toEqual([201, 201]);
    const mine = await user.get(`${API}/me/sender-rules?inherited=true&limit=200`);
    const levels = (mine.body.items as { id: string; level: string }[]).map((r) => r.level);
    expect(levels.filter((l) => l === 'mailbox')).toHaveLength(5);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(domainRule.body.id);
    // A mailbox user does not read global rules.
    expect(levels).not.toContain('global');
    const asRoot = await root.get(
      `${API}/mailboxes/${address}/sender-rules?inherited=true&limit=200`,
    );
    expect(asRoot.body.items.map((r: { id: string }) => r.id)).toContain(globalRule.body.id);
    expect((await root.delete(`${API}/sender-rules/${globalRule.body.id as string}`)).status).toBe(
      204,
    );
  });

  it('decides with the precedence of ADR 0012, as the helpdesk asks', async () => {
    const { domain, address, user } = await domainWithUser();
    const colleague = (await createMailbox(root, domain)).address as string;
    const decide = async (mailbox: string, query: string) =>
      (await root.get(`${API}/mailboxes/${mailbox}/sender-rules/decision?${query}`)).body;

    const badDomain = `${unique('bad')}.example`;
    expect(await decide(address, `sender=a@${badDomain}`)).toEqual({
      verdict: 'none',
      level: null,
      rule: null,
    });
    const block = await root.post(`${API}/domains/${domain}/sender-rules`, {
      body: { kind: 'block', match: { senderDomain: badDomain } },
    });
    expect(await decide(address, `sender=a@mail.${badDomain}`)).toMatchObject({
      verdict: 'block',
      level: 'domain',
      rule: { id: block.body.id },
    });
    // The user allows one sender of that domain: their allow beats the domain's block, for them only.
    const allow = await user.post(`${API}/me/sender-rules`, {
      body: { kind: 'allow', match: { sender: `friend@${badDomain}` } },
    });
    expect(await decide(address, `sender=friend@${badDomain}`)).toMatchObject({
      verdict: 'allow',
      level: 'mailbox',
      rule: { id: allow.body.id },
    });
    expect((await decide(colleague, `sender=friend@${badDomain}`)).verdict).toBe('block');
    // On one level, a block beats an allow.
    await user.post(`${API}/me/sender-rules`, {
      body: { kind: 'block', match: { clientIp: '2001:db8:bad::/48' } },
    });
    expect(
      await decide(address, `sender=friend@${badDomain}&clientIp=2001:db8:bad::25`),
    ).toMatchObject({
      verdict: 'block',
      level: 'mailbox',
      rule: { match: { clientIp: '2001:db8:bad::/48' } },
    });
    expectProblem(
      await root.get(`${API}/mailboxes/${address}/sender-rules/decision`),
      422,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await root.get(`${API}/mailboxes/${address}/sender-rules/decision?clientIp=192.0.2.0/24`),
      422,
      'VALIDATION_FAILED',
    );
  });

  it('removes rules by id within their own list only, and audits both writes', async () => {
    const { address, user } = await domainWithUser();
    const other = await domainWithUser();
    const created = await user.post(`${API}/me/sender-rules`, {
      body: { kind: 'block', match: { sender: 'x@y.example' } },
    });
    const id = created.body.id as string;
    expectProblem(
      await other.user.delete(`${API}/me/sender-rules/${id}`),
      404,
      'SENDER_RULE_NOT_FOUND',
    );
    expectProblem(
      await root.delete(`${API}/mailboxes/${other.address}/sender-rules/${id}`),
      404,
      'SENDER_RULE_NOT_FOUND',
    );
    expectProblem(await root.delete(`${API}/sender-rules/${id}`), 404, 'SENDER_RULE_NOT_FOUND');
    expect((await user.delete(`${API}/me/sender-rules/${id}`)).status).toBe(204);
    expectProblem(await user.delete(`${API}/me/sender-rules/${id}`), 404, 'SENDER_RULE_NOT_FOUND');
    const events = (await root.get(`${API}/audit-events?target=${address}`)).body.items as any[];
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['sender-rule.create', 'sender-rule.delete']),
    );
    expect(events.find((e) => e.action === 'sender-rule.delete').before).toMatchObject({
      id,
      match: { sender: 'x@y.example' },
    });
  });

  it('holds a list’s limit under parallel requests', async () => {
    const { address } = await domainWithUser();
    const limit = MAILBOX_LIMIT;
    const path = `${API}/mailboxes/${address}/sender-rules`;
    const fill = Array.from({ length: limit - 2 }, (_, i) => i);
    for (let start = 0; start < fill.length; start += 5) {
      const batch = fill.slice(start, start + 5);
      const responses = await Promise.all(
        batch.map((i) =>
          root.post(path, { body: { kind: 'block', match: { sender: `f${i}@fill.example` } } }),
        ),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
    }
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        root.post(path, { body: { kind: 'block', match: { sender: `r${i}@race.example` } } }),
      ),
    );
    expect(racing.filter((r) => r.status === 201)).toHaveLength(2);
    for (const refused of racing.filter((r) => r.status !== 201))
      expectProblem(refused, 409, 'SENDER_RULE_LIMIT_REACHED');
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: any = await root.get(
        `${path}?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      count += page.body.items.length as number;
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(count).toBe(limit);
  });
});
