import { inject } from 'vitest';
import { MailboxRetentionService } from '../../src/modules/mailboxes/mailbox-retention.service.js';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createDatabase, migrate } from '../support/test-database.js';

const DAY_MS = 86_400_000;
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };

/** `{ "201": 1, "409 MAILBOX_EXISTS": 99 }`: what a batch of responses came to. */
function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const code = typeof response.body?.code === 'string' ? ` ${response.body.code as string}` : '';
    const key = `${response.status}${response.status >= 400 ? code : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function domainMailboxCount(client: ApiClient, domain: string): Promise<number> {
  const response = await client.get(`/api/v1/domains/${domain}`);
  expect(response.status).toBe(200);
  return response.body.mailboxCount as number;
}

describe('mailboxes under concurrent requests', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    // The cheapest hashing the configuration allows: the races, not argon2, are under test.
    t = await startTestApp(CHEAP_HASHING);
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  async function rowsAt(address: string): Promise<number> {
    const result = await t.sql.query<{ count: string }>(
      'SELECT count(*) FROM mailbox WHERE address = $1',
      [address],
    );
    return Number(result.rows[0]!.count);
  }

  it('creates a mailbox once when 100 identical requests race for its address', async () => {
    const domain = await createDomain(admin);
    const localPart = unique('race');
    const address = `${localPart}@${domain.name}`;
    const body = { localPart, password: strongPassword(), displayName: 'Race' };
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        admin.post(`/api/v1/domains/${domain.name}/mailboxes`, { body }),
      ),
    );
    expect(tally(responses)).toEqual({ '201': 1, '409 MAILBOX_EXISTS': 99 });
    const created = responses.find((r) => r.status === 201)!;
    expect(created.body.address).toBe(address);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(await rowsAt(address)).toBe(1);
    expect(await domainMailboxCount(admin, domain.name)).toBe(1);
    const read = await admin.get(`/api/v1/mailboxes/${address}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    // 100 full creations on one event loop took 45 s on 2 idle vCPUs; in CI, other spec files share them.
  }, 180_000);

  it('never lets parallel creations overshoot maxMailboxes', async () => {
    const domain = await createDomain(admin, { maxMailboxes: 5 });
    const localParts = Array.from({ length: 20 }, (_, i) => `limit${String(i).padStart(2, '0')}`);
    const responses = await Promise.all(
      localParts.map((localPart) =>
        admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
          body: { localPart, password: strongPassword() },
        }),
      ),
    );
    expect(tally(responses)).toEqual({ '201': 5, '409 DOMAIN_MAILBOX_LIMIT_REACHED': 15 });

    const created = responses.filter((r) => r.status === 201).map((r) => r.body.address as string);
    const stored = await t.sql.query<{ address: string }>(
      `SELECT m.address FROM mailbox m JOIN domain d ON d.id = m.domain_id
        WHERE d.name = $1 ORDER BY m.address`,
      [domain.name],
    );
    expect(stored.rows.map((row) => row.address)).toEqual([...created].sort());
    expect(await domainMailboxCount(admin, domain.name)).toBe(5);
  });

  it('answers other requests while crafted passwords are being checked', async () => {
    const domain = await createDomain(admin);
    // Repeated l33t characters: a second or more of zxcvbn. On the event loop it held up every
    // request that came in meanwhile (about 15 answered, all before the check began); on the
    // worker, the others go on (over 300 answered on the same machine).
    let checking = true;
    const created = admin
      .post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: 'crafted', password: '4@3!0$1|7+5('.repeat(8) },
      })
      .finally(() => (checking = false));
    let answered = 0;
    while (checking) {
      const health = await admin.get('/api/v1/health');
      expect(health.status).toBe(200);
      answered += 1;
    }
    expect((await created).status).toBe(201);
    expect(answered).toBeGreaterThan(100);
  });

  describe('paging while mailboxes are being added', () => {
    interface Seen {
      address: string;
      localPart: string;
      createdAt: string;
    }

    /** Where `a` sorts against `b` under `sort`: negative before, 0 tied, positive after. */
    function compare(sort: string, a: Seen, b: Seen): number {
      const key = sort.replace(/^-/, '') === 'address' ? 'address' : 'createdAt';
      const raw = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
      return sort.startsWith('-') ? -raw : raw;
    }

    it.each(['address', '-address', 'createdAt', '-createdAt'])(
      'sorted by %s, shows every existing mailbox exactly once and never repeats an item',
      async (sort) => {
        const domain = await createDomain(admin);
        const path = `/api/v1/domains/${domain.name}/mailboxes`;
        // m100, m110, … m390: room on both sides of each for later insertions.
        // Created in parallel, so several may share a creation millisecond.
        const existing: Seen[] = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            createMailbox(admin, domain.name, { localPart: `m${100 + i * 10}` }),
          ),
        );
        const existingAddresses = new Set(existing.map((m) => m.address));

        let counter = 0;
        const next = (): string => String(++counter).padStart(3, '0');
        /** Each insertion, with whether it sorted before (<0) or after (>0) the cursor row. */
        const inserted: { mailbox: Seen; against: number }[] = [];

        const seen: Seen[] = [];
        const pages: string[][] = [];
        let cursor: string | null = null;
        do {
          const cursorParam: string = cursor === null ? '' : `&cursor=${cursor}`;
          const page = await admin.get(`${path}?sort=${sort}&limit=7${cursorParam}`);
          expect(page.status).toBe(200);
          const items = page.body.items as Seen[];
          expect(items.length).toBeLessThanOrEqual(7);
          pages.push(items.map((m) => m.address));
          seen.push(...items);
          cursor = page.body.nextCursor as string | null;
          if (cursor !== null) {
            const last = items[items.length - 1]!;
            // Just before and just after the cursor row by address, and at both ends.
            const localParts = [
              `${last.localPart.slice(0, -1)}-${next()}`,
              `${last.localPart}-${next()}`,
              `a-${next()}`,
              `z-${next()}`,
            ];
            for (const localPart of localParts) {
              const mailbox: Seen = await createMailbox(admin, domain.name, { localPart });
              inserted.push({ mailbox, against: compare(sort, mailbox, last) });
            }
          }
          expect(pages.length).toBeLessThan(40);
        } while (cursor !== null);

        const addresses = seen.map((m) => m.address);
        // No item twice, on one page or across pages.
        expect(addresses.length - new Set(addresses).size).toBe(0);
        // Every mailbox that existed before paging began, exactly once.
        const missing = [...existingAddresses].filter((a) => !addresses.includes(a));
        expect(missing).toEqual([]);
        for (const address of existingAddresses) {
          expect(addresses.filter((a) => a === address)).toHaveLength(1);
        }
        // Pages follow the sort throughout.
        for (let i = 1; i < seen.length; i++) {
          expect(compare(sort, seen[i - 1]!, seen[i]!)).toBeLessThanOrEqual(0);
        }
        // Keyset semantics for rows added meanwhile: after the cursor → seen; before → not.
        expect(inserted.length).toBeGreaterThan(0);
        if (sort.endsWith('address')) {
          expect(inserted.some((i) => i.against < 0)).toBe(true);
          expect(inserted.some((i) => i.against > 0)).toBe(true);
        }
        for (const { mailbox, against } of inserted) {
          if (against > 0) expect(addresses).toContain(mailbox.address);
          if (against < 0) expect(addresses).not.toContain(mailbox.address);
        }
      },
    );
  });
});

describe('purging deleted mailboxes after the retention period', () => {
  // A database of its own: a purge removes every expired mailbox, other specs' too.
  let database: { url: string; drop(): Promise<void> } | undefined;
  let t: TestApp | undefined;
  let admin: ApiClient;
  let retention: MailboxRetentionService;

  beforeAll(async () => {
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_retention');
    await migrate(database.url);
    t = await startTestApp(CHEAP_HASHING, database.url);
    admin = await t.superadmin();
    retention = t.app.get(MailboxRetentionService);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  async function rowsAt(address: string): Promise<number> {
    const result = await t!.sql.query<{ count: string }>(
      'SELECT count(*) FROM mailbox WHERE address = $1',
      [address],
    );
    return Number(result.rows[0]!.count);
  }

  it('keeps a mailbox deleted now, and it stays restorable', async () => {
    const domain = await createDomain(admin);
    const mailbox = await createMailbox(admin, domain.name);
    expect((await admin.delete(`/api/v1/mailboxes/${mailbox.address}`)).status).toBe(204);

    await retention.run(new Date());
    await retention.run(new Date(Date.now() + 29 * DAY_MS));
    expect(await rowsAt(mailbox.address)).toBe(1);
    const deleted = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?deleted=true`);
    expect((deleted.body.items as { address: string }[]).map((m) => m.address)).toEqual([
      mailbox.address,
    ]);

    const restored = await admin.post(`/api/v1/mailboxes/${mailbox.address}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
  });

  it('removes a mailbox deleted more than the retention period ago, and only that', async () => {
    const domain = await createDomain(admin);
    const live = await createMailbox(admin, domain.name);
    const expired = await createMailbox(admin, domain.name);
    const retaken = await createMailbox(admin, domain.name);
    for (const address of [expired.address, retaken.address]) {
      expect((await admin.delete(`/api/v1/mailboxes/${address}`)).status).toBe(204);
    }
    // The address of one deleted mailbox is taken again by a new, live one.
    const successor = await createMailbox(admin, domain.name, {
      localPart: retaken.localPart as string,
    });
    expect(await domainMailboxCount(admin, domain.name)).toBe(2);

    const purged = await retention.run(new Date(Date.now() + 31 * DAY_MS));
    expect(purged).toBeGreaterThanOrEqual(2);

    expect(await rowsAt(expired.address)).toBe(0);
    const restore = await admin.post(`/api/v1/mailboxes/${expired.address}/restore`);
    expect(restore.status).toBe(404);
    expect(restore.body.code).toBe('MAILBOX_NOT_FOUND');

    // Live mailboxes are untouched, including the one at a purged mailbox's address.
    expect(await rowsAt(retaken.address)).toBe(1);
    expect((await admin.get(`/api/v1/mailboxes/${successor.address}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/mailboxes/${live.address}`)).status).toBe(200);
    const deleted = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?deleted=true`);
    expect(deleted.body.items).toEqual([]);
    expect(await domainMailboxCount(admin, domain.name)).toBe(2);
  });
  it('keeps a mailbox’s forwarding through delete and restore; an alias made meanwhile blocks the restore', async () => {
    const domain = await createDomain(admin);
    const kept = await createMailbox(admin, domain.name);
    const taken = await createMailbox(admin, domain.name);
    for (const mailbox of [kept, taken]) {
      const forwarding = await admin.patch(`/api/v1/mailboxes/${mailbox.address}`, {
        body: { forwardTo: ['copy@elsewhere.example'], keepCopy: false },
      });
      expect(forwarding.status).toBe(200);
      expect((await admin.delete(`/api/v1/mailboxes/${mailbox.address}`)).status).toBe(204);
    }

    const restored = await admin.post(`/api/v1/mailboxes/${kept.address}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ forwardTo: ['copy@elsewhere.example'], keepCopy: false });

    // While deleted, the address is free for an alias; the mailbox then stays deleted.
    const alias = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
      body: { address: taken.address, destinations: ['new@elsewhere.example'] },
    });
    expect(alias.status).toBe(201);
    const refused = await admin.post(`/api/v1/mailboxes/${taken.address}/restore`);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 409,
      code: 'ADDRESS_IN_USE',
    });

    await retention.run(new Date(Date.now() + 31 * DAY_MS));
    expect(await rowsAt(taken.address)).toBe(0);
    expect((await admin.get(`/api/v1/aliases/${taken.address}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/mailboxes/${kept.address}`)).body).toMatchObject({
      forwardTo: ['copy@elsewhere.example'],
    });
  });
});
