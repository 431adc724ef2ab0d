import { SPAM_POLICY_DEFAULTS } from '#contracts';
import { ApiClient } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const API = '/api/v1';
const NOTHING = {
  enabled: null,
  addHeaderScore: null,
  junkScore: null,
  rejectScore: null,
  junkFolder: null,
  virusAction: null,
};

describe('spam policy', () => {
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(CHEAP_HASHING);
    root = await t.superadmin();
  });
  afterAll(() => t.close());

  async function domainWithUser(): Promise<{ domain: string; address: string; user: ApiClient }> {
    const domain = (await createDomain(root)).name as string;
    const password = strongPassword();
    const address = (await createMailbox(root, domain, { password })).address as string;
    return { domain, address, user: await ApiClient.login(t.baseUrl, address, password) };
  }

  it('starts from the documented defaults, and a mailbox inherits what its domain sets', async () => {
    const { domain, address } = await domainWithUser();
    const fresh = await root.get(`${API}/domains/${domain}/spam-policy`);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe('"0"');
    expect(fresh.body).toEqual({
      own: NOTHING,
      effective: SPAM_POLICY_DEFAULTS,
      sources: {
        enabled: 'default',
        addHeaderScore: 'default',
        junkScore: 'default',
        rejectScore: 'default',
        junkFolder: 'default',
        virusAction: 'default',
      },
      inherited: SPAM_POLICY_DEFAULTS,
    });
    expect(SPAM_POLICY_DEFAULTS).toMatchObject({
      addHeaderScore: 5,
      junkScore: 6,
      rejectScore: 15,
    });

    const set = await root.put(`${API}/domains/${domain}/spam-policy`, {
      body: { junkScore: 8, rejectScore: 20, virusAction: 'junk' },
      headers: { 'if-match': '"0"' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.headers.get('etag')).toBe('"1"');
    expect(set.body.own).toEqual({
      ...NOTHING,
      junkScore: 8,
      rejectScore: 20,
      virusAction: 'junk',
    });

    const mailbox = await root.put(`${API}/mailboxes/${address}/spam-policy`, {
      body: { junkScore: 7.5, junkFolder: 'Spam' },
    });
    expect(mailbox.status, JSON.stringify(mailbox.body)).toBe(200);
    expect(mailbox.body).toEqual({
      own: { ...NOTHING, junkScore: 7.5, junkFolder: 'Spam' },
      effective: {
        enabled: true,
        addHeaderScore: 5,
        junkScore: 7.5,
        rejectScore: 20,
        junkFolder: 'Spam',
        virusAction: 'junk',
      },
      sources: {
        enabled: 'default',
        addHeaderScore: 'default',
        junkScore: 'mailbox',
        rejectScore: 'domain',
        junkFolder: 'mailbox',
        virusAction: 'domain',
      },
      inherited: {
        enabled: true,
        addHeaderScore: 5,
        junkScore: 8,
        rejectScore: 20,
        junkFolder: 'Junk',
        virusAction: 'junk',
      },
    });
    // PUT replaces: what is left out inherits again.
    const cleared = await root.put(`${API}/mailboxes/${address}/spam-policy`, {
      body: { junkFolder: 'Spam' },
    });
    expect(cleared.body.effective.junkScore).toBe(8);
    expect(cleared.body.sources.junkScore).toBe('domain');
    expect(cleared.headers.get('etag')).toBe('"2"');
  });

  it('refuses thresholds out of order on the effective values, naming the fields this level set', async () => {
    const { domain, address } = await domainWithUser();
    expect(
      (await root.put(`${API}/domains/${domain}/spam-policy`, { body: { junkScore: 8 } })).status,
    ).toBe(200);

    // Alone fine, but above the domain's junk threshold of 8.
    const header = await root.put(`${API}/mailboxes/${address}/spam-policy`, {
      body: { addHeaderScore: 9 },
    });
    expectProblem(header, 422, 'SPAM_THRESHOLDS_OUT_OF_ORDER');
    expect(fieldErrors(header)).toEqual(['addHeaderScore:thresholdOrder']);
    // Below the default header score of 5.
    const junk = await root.put(`${API}/mailboxes/${address}/spam-policy`, {
      body: { junkScore: 4 },
    });
    expectProblem(junk, 422, 'SPAM_THRESHOLDS_OUT_OF_ORDER');
    expect(fieldErrors(junk)).toEqual(['junkScore:thresholdOrder']);
    const domainItself = await root.put(`${API}/domains/${domain}/spam-policy`, {
      body: { junkScore: 30, rejectScore: 20 },
    });
    expectProblem(domainItself, 422, 'SPAM_THRESHOLDS_OUT_OF_ORDER');
    expect(fieldErrors(domainItself)).toEqual([
      'junkScore:thresholdOrder',
      'rejectScore:thresholdOrder',
    ]);

    // A domain change that would put a mailbox's own thresholds out of order is refused too.
    expect(
      (await root.put(`${API}/mailboxes/${address}/spam-policy`, { body: { rejectScore: 9 } }))
        .status,
    ).toBe(200);
    expectProblem(
      await root.put(`${API}/domains/${domain}/spam-policy`, { body: { junkScore: 10 } }),
      422,
      'SPAM_THRESHOLDS_OUT_OF_ORDER',
    );
    expect((await root.get(`${API}/domains/${domain}/spam-policy`)).body.own.junkScore).toBe(8);
    // Equal thresholds keep the order.
    expect(
      (
        await root.put(`${API}/mailboxes/${address}/spam-policy`, {
          body: { addHeaderScore: 8, junkScore: 8, rejectScore: 8 },
        })
      ).status,
    ).toBe(200);
  });

  it('validates each field', async () => {
    const { domain } = await domainWithUser();
    const path = `${API}/domains/${domain}/spam-policy`;
    for (const [body, field] of [
      [{ junkScore: -1 }, 'junkScore'],
      [{ junkScore: 1000.01 }, 'junkScore'],
      [{ junkScore: 6.123 }, 'junkScore'],
      [{ junkScore: '6' }, 'junkScore'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ virusAction: 'quarantine' }, 'virusAction'],
      [{ junkFolder: 'INBOX' }, 'junkFolder'],
      [{ junkFolder: 'Ju*nk' }, 'junkFolder'],
      [{ junkFolder: 'Ju%nk' }, 'junkFolder'],
      // A line break would end a Dovecot or header field and start an attacker's own.
      [{ junkFolder: 'Junk\r\nX-Yubin-Action: junk' }, 'junkFolder'],
      [{ junkFolder: 'Junk\tquota_rule=*:storage=0' }, 'junkFolder'],
      [{ junkFolder: '' }, 'junkFolder'],
      [{ junkFolder: 'x'.repeat(101) }, 'junkFolder'],
    ] as const) {
      const response = await root.put(path, { body });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response).map((f) => f.split(':')[0])).toContain(field);
    }
    expect((await root.get(path)).headers.get('etag')).toBe('"0"');
  });

  it('honours If-Match and audits each write with before and after', async () => {
    const { domain, address } = await domainWithUser();
    const path = `${API}/mailboxes/${address}/spam-policy`;
    expect((await root.put(path, { body: { junkScore: 7 } })).status).toBe(200);
    expectProblem(
      await root.put(path, { body: { junkScore: 5 }, headers: { 'if-match': '"0"' } }),
      412,
      'PRECONDITION_FAILED',
    );
    expect((await root.get(path)).body.own.junkScore).toBe(7);
    const events = await root.get(`${API}/audit-events?target=${address}`);
    const event = (events.body.items as any[]).find((e) => e.action === 'spam-policy.update');
    expect(event).toMatchObject({
      targetType: 'mailbox',
      target: address,
      domain,
      before: NOTHING,
      after: { ...NOTHING, junkScore: 7 },
    });
  });

  it('lets a user lower their thresholds but not raise them above the domain’s', async () => {
    const { domain, address, user } = await domainWithUser();
    expect(
      (await root.put(`${API}/domains/${domain}/spam-policy`, { body: { junkScore: 8 } })).status,
    ).toBe(200);
    const mine = await user.get(`${API}/me/spam-policy`);
    expect(mine.status).toBe(200);
    expect(mine.body.inherited.junkScore).toBe(8);

    const stricter = await user.put(`${API}/me/spam-policy`, {
      body: { junkScore: 6.5, junkFolder: 'Spam' },
      headers: { 'if-match': mine.headers.get('etag')! },
    });
    expect(stricter.status, JSON.stringify(stricter.body)).toBe(200);
    expect(stricter.body.effective).toMatchObject({ junkScore: 6.5, junkFolder: 'Spam' });

    const laxer = await user.put(`${API}/me/spam-policy`, { body: { junkScore: 9 } });
    expectProblem(laxer, 422, 'SPAM_THRESHOLD_ABOVE_DOMAIN');
    expect(fieldErrors(laxer)).toEqual(['junkScore:aboveDomain']);
    expectProblem(
      await user.put(`${API}/me/spam-policy`, { body: { rejectScore: 15.5 } }),
      422,
      'SPAM_THRESHOLD_ABOVE_DOMAIN',
    );
    // Whether mail is scored, and viruses, are the admin's.
    for (const body of [{ enabled: false }, { virusAction: 'junk' }]) {
      expectProblem(await user.put(`${API}/me/spam-policy`, { body }), 422, 'VALIDATION_FAILED');
    }

    // An admin may set more than the domain; the user may keep it, and keeps the admin's other fields.
    expect(
      (
        await root.put(`${API}/mailboxes/${address}/spam-policy`, {
          body: { junkScore: 12, enabled: false },
        })
      ).status,
    ).toBe(200);
    const kept = await user.put(`${API}/me/spam-policy`, { body: { junkScore: 12 } });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.own).toMatchObject({ junkScore: 12, enabled: false });
    expectProblem(
      await user.put(`${API}/me/spam-policy`, { body: { junkScore: 11 } }),
      422,
      'SPAM_THRESHOLD_ABOVE_DOMAIN',
    );
  });

  it('holds the order under concurrent domain and mailbox writes', async () => {
    // Each write alone keeps the order; together they would not (header 9 over junk 8).
    for (let round = 0; round < 5; round++) {
      const { domain, address } = await domainWithUser();
      const domainPath = `${API}/domains/${domain}/spam-policy`;
      expect((await root.put(domainPath, { body: { junkScore: 10 } })).status).toBe(200);
      const results = await Promise.all([
        root.put(domainPath, { body: { junkScore: 8 } }),
        root.put(`${API}/mailboxes/${address}/spam-policy`, { body: { addHeaderScore: 9 } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const { effective } = (await root.get(`${API}/mailboxes/${address}/spam-policy`)).body;
      expect(effective.addHeaderScore).toBeLessThanOrEqual(effective.junkScore);
    }
  });

  it('is answered for mailbox users only under /me, and not at all to tokens there', async () => {
    const admin = `${unique('sa')}@staff.example`;
    const password = strongPassword();
    expect(
      (await root.post(`${API}/admins`, { body: { email: admin, role: 'superadmin', password } }))
        .status,
    ).toBe(201);
    const session = await ApiClient.login(t.baseUrl, admin, password);
    expectProblem(await session.get(`${API}/me/spam-policy`), 403, 'NOT_A_MAILBOX_USER');
  });
});
