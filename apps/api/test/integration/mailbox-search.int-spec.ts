import { ApiClient } from '../support/api-client.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MB = 1024 * 1024;

describe('searching mailboxes across domains', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  /** What Dovecot's quota_clone writes: the mail server's report of usage. */
  async function reportUsage(address: string, bytes: number): Promise<void> {
    await t.sql.query(
      `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, $2, 1)
       ON CONFLICT (username) DO UPDATE SET bytes = EXCLUDED.bytes`,
      [address, bytes],
    );
  }

  it('finds mailboxes of every domain by address prefix', async () => {
    const prefix = unique('find');
    const first = await createDomain(admin);
    const second = await createDomain(admin);
    const a = await createMailbox(admin, first.name, { localPart: `${prefix}a` });
    const b = await createMailbox(admin, second.name, { localPart: `${prefix}b` });
    await createMailbox(admin, second.name);
    const found = await admin.get(`/api/v1/mailboxes?q=${prefix}`);
    expect(found.status).toBe(200);
    expect((found.body.items as { address: string }[]).map((m) => m.address)).toEqual([
      a.address,
      b.address,
    ]);
    expect(found.body.nextCursor).toBeNull();
  });

  it('lists the fullest mailboxes first, pages without gaps, and skips mailboxes without a quota', async () => {
    const domain = await createDomain(admin);
    const prefix = unique('full');
    const usages = [0.95, 0.5, 0.81, 0.99, 0.2, 0.81];
    const mailboxes = [];
    for (const [index, ratio] of usages.entries()) {
      const mailbox = await createMailbox(admin, domain.name, {
        localPart: `${prefix}${index}`,
        quotaBytes: 100 * MB,
      });
      await reportUsage(mailbox.address, Math.round(ratio * 100 * MB));
      mailboxes.push({ address: mailbox.address as string, ratio });
    }
    const unlimited = await createMailbox(admin, domain.name, {
      localPart: `${prefix}u`,
      quotaBytes: 0,
    });
    await reportUsage(unlimited.address, 500 * MB);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.get(
        `/api/v1/mailboxes?q=${prefix}&sort=-usedRatio&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { address: string }[]).map((m) => m.address));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    const expected = [...mailboxes].sort((x, y) => y.ratio - x.ratio).map((m) => m.address);
    expect(seen).toHaveLength(usages.length);
    expect(new Set(seen)).toEqual(new Set(expected));
    expect(seen.slice(0, 2)).toEqual([mailboxes[3]?.address, mailboxes[0]?.address]);
    expect(seen).not.toContain(unlimited.address);

    const near = await admin.get(`/api/v1/mailboxes?q=${prefix}&sort=-usedRatio&minUsedRatio=0.8`);
    expect(
      (near.body.items as { usedBytes: number; quotaBytes: number }[]).map(
        (m) => m.usedBytes / m.quotaBytes,
      ),
    ).toEqual([0.99, 0.95, 0.81, 0.81]);
  });

  it('shows a domain admin only the mailboxes of its own domains', async () => {
    const prefix = unique('scope');
    const mine = await createDomain(admin);
    const theirs = await createDomain(admin);
    const own = await createMailbox(admin, mine.name, { localPart: `${prefix}1` });
    await createMailbox(admin, theirs.name, { localPart: `${prefix}2` });
    const email = `${unique('da')}@${mine.name}`;
    const password = strongPassword();
    expect(
      (
        await admin.post('/api/v1/admins', {
          body: { email, role: 'domain-admin', domains: [mine.name], password },
        })
      ).status,
    ).toBe(201);
    const domainAdmin = await ApiClient.login(t.baseUrl, email, password);
    const found = await domainAdmin.get(`/api/v1/mailboxes?q=${prefix}`);
    expect((found.body.items as { address: string }[]).map((m) => m.address)).toEqual([
      own.address,
    ]);
    expect(JSON.stringify(found.body)).not.toContain(theirs.name);
  });

  it('refuses a ratio out of range and a tampered cursor', async () => {
    expectProblem(await admin.get('/api/v1/mailboxes?minUsedRatio=1.5'), 422, 'VALIDATION_FAILED');
    const forged = Buffer.from(
      JSON.stringify(['-usedRatio', 'drop table', '0b9d6c52-0c6f-4c1e-9d1f-2f3b7f1f8a10']),
    ).toString('base64url');
    expectProblem(
      await admin.get(`/api/v1/mailboxes?sort=-usedRatio&cursor=${forged}`),
      422,
      'VALIDATION_FAILED',
    );
  });
});
