import type { ApiClient, ApiResponse } from '../support/api-client.js';
import {
  createAlias,
  createDomain,
  createMailbox,
  strongPassword,
  unique,
  uniqueDomainName,
} from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Every field a mailbox representation has; nothing else may appear. */
const MAILBOX_FIELDS = [
  'active',
  'address',
  'createdAt',
  'deletedAt',
  'displayName',
  'domain',
  'forwardTo',
  'imapEnabled',
  'keepCopy',
  'language',
  'localPart',
  'lockedUntil',
  'mustChangePassword',
  'pop3Enabled',
  'quotaBytes',
  'smtpEnabled',
  'twoFactorEnabled',
  'updatedAt',
  'usedBytes',
];

/** Dovecot's scheme prefix, then a PHC string with its parameters in the order m, t, p. */
const STORED_HASH =
  /^\{ARGON2ID\}\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

function expectProblem(response: ApiResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

function fieldErrors(response: ApiResponse): string[] {
  return ((response.body?.errors ?? []) as { field: string; code: string }[]).map(
    (e) => `${e.field}:${e.code}`,
  );
}

/** No hash, no scheme, and no plaintext password in anything the API sends back. */
function expectNoSecrets(body: unknown, ...plaintexts: string[]): void {
  const text = JSON.stringify(body);
  expect(text).not.toContain('password_hash');
  expect(text).not.toContain('passwordHash');
  expect(text).not.toContain('$argon2');
  expect(text).not.toContain('ARGON2ID');
  for (const plaintext of plaintexts) expect(text).not.toContain(plaintext);
}

function expectMailboxShape(body: Record<string, unknown>): void {
  expect(Object.keys(body).sort()).toEqual(MAILBOX_FIELDS);
}

describe('mailboxes', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  /** Every stored hash row for an address (live and soft-deleted). */
  async function storedHashes(address: string): Promise<string[]> {
    const result = await t.sql.query<{ password_hash: string }>(
      'SELECT password_hash FROM mailbox WHERE address = $1',
      [address],
    );
    return result.rows.map((row) => row.password_hash);
  }

  async function storedHash(address: string): Promise<string> {
    const hashes = await storedHashes(address);
    expect(hashes).toHaveLength(1);
    return hashes[0]!;
  }

  async function mailboxCount(domain: string): Promise<number> {
    const response = await admin.get(`/api/v1/domains/${domain}`);
    expect(response.status).toBe(200);
    return response.body.mailboxCount as number;
  }

  async function listAll(domain: string, query = ''): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const cursorParam: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await admin.get(
        `/api/v1/domains/${domain}/mailboxes?limit=200${query}${cursorParam}`,
      );
      expect(page.status).toBe(200);
      items.push(...(page.body.items as any[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    return items;
  }

  describe('creating a mailbox', () => {
    it('creates a mailbox with the given password and answers 201 with Location, ETag and defaults', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('alice');
      const password = strongPassword();
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart, password, displayName: 'Alice Tanaka' },
      });
      expect(response.status).toBe(201);
      const address = `${localPart}@${domain.name}`;
      expect(response.headers.get('location')).toBe(`/api/v1/mailboxes/${address}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toEqual({
        address,
        localPart,
        domain: domain.name,
        displayName: 'Alice Tanaka',
        quotaBytes: domain.defaultQuotaBytes,
        usedBytes: 0,
        active: true,
        imapEnabled: true,
        pop3Enabled: true,
        smtpEnabled: true,
        mustChangePassword: false,
        forwardTo: [],
        keepCopy: true,
        language: null,
        twoFactorEnabled: false,
        lockedUntil: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        deletedAt: null,
      });
      expect(response.body).not.toHaveProperty('temporaryPassword');
      expectNoSecrets(response.body, password);

      const hash = await storedHash(address);
      expect(hash).toMatch(STORED_HASH);
      expect(hash).not.toBe(password);
      expect(hash).not.toContain(password);
      expect(await mailboxCount(domain.name)).toBe(1);
    });

    it('stores the local part in lowercase and finds the mailbox by any case of its address', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('Mixed.Case_');
      const created = await admin.post(`/api/v1/domains/${domain.name.toUpperCase()}/mailboxes`, {
        body: { localPart, password: strongPassword() },
      });
      expect(created.status).toBe(201);
      const address = `${localPart.toLowerCase()}@${domain.name}`;
      expect(created.body.localPart).toBe(localPart.toLowerCase());
      expect(created.body.address).toBe(address);
      expect(created.headers.get('location')).toBe(`/api/v1/mailboxes/${address}`);

      const byMixedCase = await admin.get(
        `/api/v1/mailboxes/${localPart}@${domain.name.toUpperCase()}`,
      );
      expect(byMixedCase.status).toBe(200);
      expect(byMixedCase.body.address).toBe(address);
    });

    it('generates a temporary password, shows it once, and requires a change', async () => {
      const domain = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('temp') },
      });
      expect(response.status).toBe(201);
      const { temporaryPassword, ...rest } = response.body;
      expect(temporaryPassword).toEqual(expect.any(String));
      expect((temporaryPassword as string).length).toBeGreaterThanOrEqual(12);
      expectMailboxShape(rest);
      expect(rest.mustChangePassword).toBe(true);
      // The only secret in the body is the generated password itself.
      expectNoSecrets(rest, temporaryPassword);
      expectNoSecrets(response.body);
      expect(
        Object.keys(response.body)
          .filter((key) => /password/i.test(key))
          .sort(),
      ).toEqual(['mustChangePassword', 'temporaryPassword']);

      const hash = await storedHash(rest.address);
      expect(hash).toMatch(STORED_HASH);
      expect(hash).not.toContain(temporaryPassword);

      const read = await admin.get(`/api/v1/mailboxes/${rest.address}`);
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('temporaryPassword');
      expectNoSecrets(read.body, temporaryPassword);
      expect(read.body.mustChangePassword).toBe(true);
    });

    it('gives two generated temporary passwords different values', async () => {
      const domain = await createDomain(admin);
      const second = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('temp') },
      });
      const third = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('temp') },
      });
      expect(second.body.temporaryPassword).toEqual(expect.any(String));
      expect(second.body.temporaryPassword).not.toBe(third.body.temporaryPassword);
    });

    it('takes the settings it is given', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name, {
        active: false,
        imapEnabled: false,
        pop3Enabled: false,
        smtpEnabled: false,
        mustChangePassword: true,
        quotaBytes: 1_048_576,
      });
      expect(created).toMatchObject({
        active: false,
        imapEnabled: false,
        pop3Enabled: false,
        smtpEnabled: false,
        mustChangePassword: true,
        quotaBytes: 1_048_576,
      });
      expect(created).not.toHaveProperty('temporaryPassword');
    });

    it('refuses a weak password with 422 PASSWORD_POLICY_VIOLATION and every reason, and creates nothing', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('weak');
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart, password: 'abc123' },
      });
      expectProblem(response, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(response)).toEqual(
        expect.arrayContaining(['password:tooShort', 'password:tooWeak']),
      );
      expectNoSecrets(response.body, 'abc123');

      const common = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart, password: 'password1234' },
      });
      expectProblem(common, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(common)).toContain('password:tooWeak');
      expect(fieldErrors(common)).not.toContain('password:tooShort');

      expect((await admin.get(`/api/v1/mailboxes/${localPart}@${domain.name}`)).status).toBe(404);
      expect(await mailboxCount(domain.name)).toBe(0);
    });

    it('refuses a password containing the local part or the display name', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('marigold');
      const withLocalPart = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart, password: `Quartz-${localPart.toUpperCase()}-lantern-93` },
      });
      expectProblem(withLocalPart, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(withLocalPart)).toContain('password:containsUserInfo');

      const withName = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: {
          localPart,
          displayName: 'Rosalind Featherstonehaugh',
          password: 'Quartz-featherstonehaugh-lantern-93',
        },
      });
      expectProblem(withName, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(withName)).toContain('password:containsUserInfo');
      expect(await mailboxCount(domain.name)).toBe(0);
    });

    it.each([
      ['two dots in a row', 'a..b'],
      ['a leading dot', '.lead'],
      ['a trailing dot', 'trail.'],
      ['65 characters', 'a'.repeat(65)],
      ['nothing', ''],
    ])('refuses a local part with %s as 422 localPart:isLocalPart', async (_label, localPart) => {
      const domain = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart, password: strongPassword() },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toContain('localPart:isLocalPart');
      expect(await mailboxCount(domain.name)).toBe(0);
    });

    it('reports every invalid field at once and refuses unknown fields', async () => {
      const domain = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: {
          localPart: unique('u'),
          password: strongPassword(),
          quotaBytes: -1,
          active: 'yes',
          displayName: 'x'.repeat(256),
          colour: 'blue',
        },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toEqual(
        expect.arrayContaining([
          'quotaBytes:isQuotaBytes',
          'active:isBoolean',
          'displayName:maxLength',
          'colour:unknownField',
        ]),
      );
    });

    it('answers 404 DOMAIN_NOT_FOUND for a domain that does not exist', async () => {
      const response = await admin.post(`/api/v1/domains/${uniqueDomainName()}/mailboxes`, {
        body: { localPart: unique('u'), password: strongPassword() },
      });
      expectProblem(response, 404, 'DOMAIN_NOT_FOUND');
    });

    it('refuses a second mailbox at the same address with 409 MAILBOX_EXISTS', async () => {
      const domain = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      const again = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: {
          localPart: (mailbox.localPart as string).toUpperCase(),
          password: strongPassword(),
        },
      });
      expectProblem(again, 409, 'MAILBOX_EXISTS');
      expect(await storedHashes(mailbox.address)).toHaveLength(1);
      expect(await mailboxCount(domain.name)).toBe(1);
    });

    it('refuses an address an alias holds with 409 ADDRESS_IN_USE', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const localPart = (alias.address as string).split('@')[0];
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart, password: strongPassword() },
      });
      expectProblem(response, 409, 'ADDRESS_IN_USE');
      expect(await storedHashes(alias.address)).toHaveLength(0);
    });

    it('refuses a mailbox beyond maxMailboxes with 409 DOMAIN_MAILBOX_LIMIT_REACHED; a delete frees the slot', async () => {
      const domain = await createDomain(admin, { maxMailboxes: 2 });
      const first = await createMailbox(admin, domain.name);
      await createMailbox(admin, domain.name);
      const third = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('u'), password: strongPassword() },
      });
      expectProblem(third, 409, 'DOMAIN_MAILBOX_LIMIT_REACHED');
      expect(await mailboxCount(domain.name)).toBe(2);

      expect((await admin.delete(`/api/v1/mailboxes/${first.address}`)).status).toBe(204);
      const afterDelete = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('u'), password: strongPassword() },
      });
      expect(afterDelete.status).toBe(201);
      expect(await mailboxCount(domain.name)).toBe(2);
    });
  });

  describe('quota rules', () => {
    it('defaults the quota to the domain’s defaultQuotaBytes', async () => {
      const domain = await createDomain(admin, {
        maxQuotaBytes: 2_000_000,
        defaultQuotaBytes: 1_000_000,
      });
      const mailbox = await createMailbox(admin, domain.name);
      expect(mailbox.quotaBytes).toBe(1_000_000);

      const unlimitedDomain = await createDomain(admin, { defaultQuotaBytes: 0 });
      expect((await createMailbox(admin, unlimitedDomain.name)).quotaBytes).toBe(0);
    });

    it('refuses an unlimited quota where the domain sets a ceiling with 409 QUOTA_UNLIMITED_NOT_ALLOWED', async () => {
      const domain = await createDomain(admin, { maxQuotaBytes: 1_000_000 });
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('u'), password: strongPassword(), quotaBytes: 0 },
      });
      expectProblem(response, 409, 'QUOTA_UNLIMITED_NOT_ALLOWED');
      expect(await mailboxCount(domain.name)).toBe(0);
    });

    it('refuses a quota above the domain ceiling with 409 QUOTA_EXCEEDS_DOMAIN_MAX, and accepts the ceiling itself', async () => {
      const domain = await createDomain(admin, { maxQuotaBytes: 1_000_000 });
      const over = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('u'), password: strongPassword(), quotaBytes: 1_000_001 },
      });
      expectProblem(over, 409, 'QUOTA_EXCEEDS_DOMAIN_MAX');
      const atCeiling = await createMailbox(admin, domain.name, { quotaBytes: 1_000_000 });
      expect(atCeiling.quotaBytes).toBe(1_000_000);
      expect(await mailboxCount(domain.name)).toBe(1);
    });

    it('refuses a quota above the domain pool with 409 QUOTA_EXCEEDS_DOMAIN_POOL', async () => {
      const domain = await createDomain(admin, { quotaBytes: 5_000_000 });
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('u'), password: strongPassword(), quotaBytes: 5_000_001 },
      });
      expectProblem(response, 409, 'QUOTA_EXCEEDS_DOMAIN_POOL');
      expect((await createMailbox(admin, domain.name, { quotaBytes: 5_000_000 })).quotaBytes).toBe(
        5_000_000,
      );
    });

    it('applies the same rules when a quota is changed', async () => {
      const domain = await createDomain(admin, { maxQuotaBytes: 1_000_000 });
      const mailbox = await createMailbox(admin, domain.name);
      const path = `/api/v1/mailboxes/${mailbox.address}`;
      expectProblem(
        await admin.patch(path, { body: { quotaBytes: 2_000_000 } }),
        409,
        'QUOTA_EXCEEDS_DOMAIN_MAX',
      );
      expectProblem(
        await admin.patch(path, { body: { quotaBytes: 0 } }),
        409,
        'QUOTA_UNLIMITED_NOT_ALLOWED',
      );
      const read = await admin.get(path);
      expect(read.body.quotaBytes).toBe(1_000_000);
      expect(read.headers.get('etag')).toBe('"1"');

      const pooled = await createDomain(admin, { quotaBytes: 3_000_000 });
      const pooledMailbox = await createMailbox(admin, pooled.name, { quotaBytes: 1_000 });
      expectProblem(
        await admin.patch(`/api/v1/mailboxes/${pooledMailbox.address}`, {
          body: { quotaBytes: 3_000_001 },
        }),
        409,
        'QUOTA_EXCEEDS_DOMAIN_POOL',
      );
      const ok = await admin.patch(`/api/v1/mailboxes/${pooledMailbox.address}`, {
        body: { quotaBytes: 3_000_000 },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.quotaBytes).toBe(3_000_000);
    });
  });

  describe('reading a mailbox', () => {
    it('returns the mailbox with its ETag and no secrets', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const created = await createMailbox(admin, domain.name, { password, displayName: 'Bo' });
      const read = await admin.get(`/api/v1/mailboxes/${created.address}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(created);
      expectMailboxShape(read.body);
      expectNoSecrets(read.body, password);
    });

    it('answers 404 MAILBOX_NOT_FOUND for an unknown address', async () => {
      const domain = await createDomain(admin);
      expectProblem(
        await admin.get(`/api/v1/mailboxes/nobody@${domain.name}`),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expectProblem(await admin.get('/api/v1/mailboxes/not-an-address'), 404, 'MAILBOX_NOT_FOUND');
    });
  });

  describe('changing a mailbox', () => {
    it('changes the given fields only and moves the ETag on', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name, { displayName: 'Before' });
      const path = `/api/v1/mailboxes/${created.address}`;
      const hashBefore = await storedHash(created.address);
      const response = await admin.patch(path, {
        body: { displayName: '  After  ', imapEnabled: false, active: false, quotaBytes: 42 },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"2"');
      expect(response.body).toEqual({
        ...created,
        displayName: 'After',
        imapEnabled: false,
        active: false,
        quotaBytes: 42,
        updatedAt: expect.any(String),
      });
      expectNoSecrets(response.body);
      expect(await storedHash(created.address)).toBe(hashBefore);

      const read = await admin.get(path);
      expect(read.headers.get('etag')).toBe('"2"');
      expect(read.body).toEqual(response.body);
    });

    it('honours If-Match and refuses a stale ETag with 412 PRECONDITION_FAILED', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name);
      const path = `/api/v1/mailboxes/${created.address}`;
      const etag = (await admin.get(path)).headers.get('etag') as string;
      const first = await admin.patch(path, {
        body: { displayName: 'first' },
        headers: { 'if-match': etag },
      });
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).not.toBe(etag);

      const stale = await admin.patch(path, {
        body: { displayName: 'second' },
        headers: { 'if-match': etag },
      });
      expectProblem(stale, 412, 'PRECONDITION_FAILED');
      const read = await admin.get(path);
      expect(read.body.displayName).toBe('first');
      expect(read.headers.get('etag')).toBe(first.headers.get('etag'));

      const fresh = await admin.patch(path, {
        body: { displayName: 'third' },
        headers: { 'if-match': first.headers.get('etag') as string },
      });
      expect(fresh.status).toBe(200);
      expect(fresh.body.displayName).toBe('third');
    });

    it('sets a new password under the policy, storing only its hash', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name);
      const path = `/api/v1/mailboxes/${created.address}`;
      const before = await storedHash(created.address);

      const weak = await admin.patch(path, { body: { password: 'letmein' } });
      expectProblem(weak, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(weak)).toEqual(
        expect.arrayContaining(['password:tooShort', 'password:tooWeak']),
      );
      expect(await storedHash(created.address)).toBe(before);

      const mine = await admin.patch(path, {
        body: { password: `Violet-${created.localPart as string}-harbour-77` },
      });
      expectProblem(mine, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(mine)).toContain('password:containsUserInfo');

      const password = strongPassword();
      const changed = await admin.patch(path, { body: { password } });
      expect(changed.status).toBe(200);
      expectNoSecrets(changed.body, password);
      const after = await storedHash(created.address);
      expect(after).toMatch(STORED_HASH);
      expect(after).not.toBe(before);
      expect(after).not.toContain(password);
    });

    it('refuses to change the address, and refuses unknown fields', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name);
      const response = await admin.patch(`/api/v1/mailboxes/${created.address}`, {
        body: { localPart: 'renamed', address: `renamed@${domain.name}`, colour: 'blue' },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toEqual(
        expect.arrayContaining([
          'localPart:unknownField',
          'address:unknownField',
          'colour:unknownField',
        ]),
      );
      expect((await admin.get(`/api/v1/mailboxes/${created.address}`)).headers.get('etag')).toBe(
        '"1"',
      );
    });

    it('answers 404 MAILBOX_NOT_FOUND for an unknown address', async () => {
      const domain = await createDomain(admin);
      expectProblem(
        await admin.patch(`/api/v1/mailboxes/nobody@${domain.name}`, {
          body: { displayName: 'x' },
        }),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });
  });

  describe('forwarding', () => {
    it('forwards with or without a copy, set on create and changed with If-Match like any setting', async () => {
      const domain = await createDomain(admin);
      await createMailbox(admin, domain.name, { localPart: 'colleague' });
      const created = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: {
          localPart: unique('fw'),
          password: strongPassword(),
          forwardTo: [' Alice@Example.ORG ', `colleague@${domain.name}`],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        forwardTo: ['alice@example.org', `colleague@${domain.name}`],
        keepCopy: true,
      });
      const path = `/api/v1/mailboxes/${created.body.address as string}`;

      expectProblem(
        await admin.patch(path, {
          body: { forwardTo: ['bob@example.org'] },
          headers: { 'if-match': '"0"' },
        }),
        412,
        'PRECONDITION_FAILED',
      );
      const changed = await admin.patch(path, {
        body: { forwardTo: ['bob@example.org'], keepCopy: false },
        headers: { 'if-match': '"1"' },
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"2"');
      expect(changed.body).toMatchObject({ forwardTo: ['bob@example.org'], keepCopy: false });
      const read = await admin.get(path);
      expect(read.body).toMatchObject({ forwardTo: ['bob@example.org'], keepCopy: false });

      const cleared = await admin.patch(path, { body: { forwardTo: [] } });
      expect(cleared.body).toMatchObject({ forwardTo: [], keepCopy: false });

      const events = await admin.get(
        `/api/v1/audit-events?action=mailbox.update&target=${created.body.address as string}`,
      );
      expect(events.body.items[1]).toMatchObject({
        before: { forwardTo: ['alice@example.org', `colleague@${domain.name}`], keepCopy: true },
        after: { forwardTo: ['bob@example.org'], keepCopy: false },
      });
    });

    it('refuses forwarding to the mailbox itself, a bad address or a duplicate with 422', async () => {
      const domain = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      const path = `/api/v1/mailboxes/${mailbox.address as string}`;
      const self = await admin.patch(path, {
        body: { forwardTo: ['x@example.org', (mailbox.address as string).toUpperCase()] },
      });
      expectProblem(self, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(self)).toEqual(['forwardTo.1:selfReference']);
      const bad = await admin.patch(path, {
        body: { forwardTo: ['not an address', 'a@example.org', 'a@example.org'], keepCopy: 'no' },
      });
      expectProblem(bad, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(bad).map((f) => f.split(':')[0])).toEqual(
        expect.arrayContaining(['forwardTo.0', 'forwardTo', 'keepCopy']),
      );
      const created = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: 'loop', password: strongPassword(), forwardTo: [`loop@${domain.name}`] },
      });
      expect(fieldErrors(created)).toEqual(['forwardTo.0:selfReference']);
      expect((await admin.get(path)).body).toMatchObject({ forwardTo: [], keepCopy: true });
    });
  });

  describe('deleting and restoring', () => {
    it('refuses a delete with a stale ETag with 412, and deletes with the current one', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name);
      const path = `/api/v1/mailboxes/${created.address}`;
      const etag = (await admin.get(path)).headers.get('etag') as string;
      const changed = await admin.patch(path, { body: { displayName: 'moved on' } });
      expect(changed.status).toBe(200);

      const stale = await admin.delete(path, { headers: { 'if-match': etag } });
      expectProblem(stale, 412, 'PRECONDITION_FAILED');
      expect((await admin.get(path)).status).toBe(200);
      expect(await mailboxCount(domain.name)).toBe(1);

      const current = await admin.delete(path, {
        headers: { 'if-match': changed.headers.get('etag') as string },
      });
      expect(current.status).toBe(204);
      expectProblem(await admin.get(path), 404, 'MAILBOX_NOT_FOUND');
    });

    it('deletes softly: the mailbox is gone from reads and the count, but listed as deleted', async () => {
      const domain = await createDomain(admin);
      const kept = await createMailbox(admin, domain.name);
      const doomed = await createMailbox(admin, domain.name);
      expect(await mailboxCount(domain.name)).toBe(2);
      const path = `/api/v1/mailboxes/${doomed.address}`;

      const deleted = await admin.delete(path);
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBe('');

      expectProblem(await admin.get(path), 404, 'MAILBOX_NOT_FOUND');
      expectProblem(
        await admin.patch(path, { body: { displayName: 'x' } }),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expectProblem(await admin.delete(path), 404, 'MAILBOX_NOT_FOUND');
      expectProblem(await admin.post(`${path}/password-reset`), 404, 'MAILBOX_NOT_FOUND');
      expect(await mailboxCount(domain.name)).toBe(1);

      const live = await listAll(domain.name);
      expect(live.map((m) => m.address)).toEqual([kept.address]);
      const gone = await listAll(domain.name, '&deleted=true');
      expect(gone).toHaveLength(1);
      expect(gone[0]).toMatchObject({ address: doomed.address, deletedAt: expect.any(String) });
      expect(Date.parse(gone[0].deletedAt)).not.toBeNaN();
      expectMailboxShape(gone[0]);
      expectNoSecrets(gone);

      const rows = await t.sql.query<{ deleted_at: Date | null }>(
        'SELECT deleted_at FROM mailbox WHERE address = $1',
        [doomed.address],
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]!.deleted_at).toBeInstanceOf(Date);
    });

    it('restores a deleted mailbox with its settings and password', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name, {
        displayName: 'Restorable',
        quotaBytes: 12_345,
        pop3Enabled: false,
      });
      const hash = await storedHash(created.address);
      expect((await admin.delete(`/api/v1/mailboxes/${created.address}`)).status).toBe(204);
      expect(await mailboxCount(domain.name)).toBe(0);

      const restored = await admin.post(`/api/v1/mailboxes/${created.address}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.headers.get('etag')).toEqual(expect.stringMatching(/^"\d+"$/));
      expect(restored.body).toEqual({
        ...created,
        deletedAt: null,
        updatedAt: expect.any(String),
      });
      expectNoSecrets(restored.body);
      expect(await storedHash(created.address)).toBe(hash);
      expect(await mailboxCount(domain.name)).toBe(1);

      const read = await admin.get(`/api/v1/mailboxes/${created.address}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe(restored.headers.get('etag'));
      expect(await listAll(domain.name, '&deleted=true')).toEqual([]);
    });

    it('refuses to restore a live mailbox with 409 MAILBOX_NOT_DELETED, and an unknown one with 404', async () => {
      const domain = await createDomain(admin);
      const live = await createMailbox(admin, domain.name);
      expectProblem(
        await admin.post(`/api/v1/mailboxes/${live.address}/restore`),
        409,
        'MAILBOX_NOT_DELETED',
      );
      expectProblem(
        await admin.post(`/api/v1/mailboxes/nobody@${domain.name}/restore`),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });

    it('lets a new mailbox take a deleted address, and then refuses to restore the old one with 409 MAILBOX_EXISTS', async () => {
      const domain = await createDomain(admin);
      const old = await createMailbox(admin, domain.name, { displayName: 'Old' });
      expect((await admin.delete(`/api/v1/mailboxes/${old.address}`)).status).toBe(204);

      const reused = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: old.localPart, password: strongPassword(), displayName: 'New' },
      });
      expect(reused.status).toBe(201);
      expect(reused.body.address).toBe(old.address);
      expect(await mailboxCount(domain.name)).toBe(1);
      expect(await storedHashes(old.address)).toHaveLength(2);

      expectProblem(
        await admin.post(`/api/v1/mailboxes/${old.address}/restore`),
        409,
        'MAILBOX_EXISTS',
      );
      const read = await admin.get(`/api/v1/mailboxes/${old.address}`);
      expect(read.body.displayName).toBe('New');
      const gone = await listAll(domain.name, '&deleted=true');
      expect(gone.map((m) => [m.address, m.displayName])).toEqual([[old.address, 'Old']]);
      expect(await mailboxCount(domain.name)).toBe(1);
    });

    it('refuses to restore into a full domain with 409 DOMAIN_MAILBOX_LIMIT_REACHED', async () => {
      const domain = await createDomain(admin, { maxMailboxes: 1 });
      const first = await createMailbox(admin, domain.name);
      expect((await admin.delete(`/api/v1/mailboxes/${first.address}`)).status).toBe(204);
      await createMailbox(admin, domain.name);
      expectProblem(
        await admin.post(`/api/v1/mailboxes/${first.address}/restore`),
        409,
        'DOMAIN_MAILBOX_LIMIT_REACHED',
      );
      expect(await mailboxCount(domain.name)).toBe(1);
    });
  });

  describe('password reset', () => {
    it.each([
      ['no body', undefined],
      ['an empty object', {}],
    ])(
      'with %s, generates a temporary password shown once and requires a change',
      async (_label, body) => {
        const domain = await createDomain(admin);
        const created = await createMailbox(admin, domain.name);
        const before = await storedHash(created.address);
        const response = await admin.post(
          `/api/v1/mailboxes/${created.address}/password-reset`,
          body === undefined ? {} : { body },
        );
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual([
          'mustChangePassword',
          'temporaryPassword',
        ]);
        expect(response.body.mustChangePassword).toBe(true);
        const temporaryPassword = response.body.temporaryPassword as string;
        expect(temporaryPassword).toEqual(expect.any(String));
        expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
        expectNoSecrets(response.body);

        const after = await storedHash(created.address);
        expect(after).toMatch(STORED_HASH);
        expect(after).not.toBe(before);
        expect(after).not.toBe(temporaryPassword);
        expect(after).not.toContain(temporaryPassword);

        const read = await admin.get(`/api/v1/mailboxes/${created.address}`);
        expect(read.body.mustChangePassword).toBe(true);
        expectNoSecrets(read.body, temporaryPassword);
      },
    );

    it('sets the given password, clears mustChangePassword, and returns no secret', async () => {
      const domain = await createDomain(admin);
      const created = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('reset') },
      });
      expect(created.body.mustChangePassword).toBe(true);
      const address = created.body.address as string;
      const before = await storedHash(address);

      const password = strongPassword();
      const response = await admin.post(`/api/v1/mailboxes/${address}/password-reset`, {
        body: { password },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ mustChangePassword: false });
      expectNoSecrets(response.body, password);

      const after = await storedHash(address);
      expect(after).toMatch(STORED_HASH);
      expect(after).not.toBe(before);
      expect(after).not.toBe(password);
      expect(after).not.toContain(password);
      expect((await admin.get(`/api/v1/mailboxes/${address}`)).body.mustChangePassword).toBe(false);
    });

    it('applies the password policy and keeps the old hash when it refuses', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name, { displayName: 'Wilhelmina Bask' });
      const before = await storedHash(created.address);
      const path = `/api/v1/mailboxes/${created.address}/password-reset`;

      const short = await admin.post(path, { body: { password: 'qwerty' } });
      expectProblem(short, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(short)).toEqual(
        expect.arrayContaining(['password:tooShort', 'password:tooWeak']),
      );

      const personal = await admin.post(path, {
        body: { password: 'Copper-wilhelmina-kettle-58' },
      });
      expectProblem(personal, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(personal)).toContain('password:containsUserInfo');

      const local = await admin.post(path, {
        body: { password: `Copper-${created.localPart as string}-kettle-58` },
      });
      expectProblem(local, 422, 'PASSWORD_POLICY_VIOLATION');
      expect(fieldErrors(local)).toContain('password:containsUserInfo');

      expect(await storedHash(created.address)).toBe(before);
    });

    // The reset body goes through the same validation as every other body.
    it('refuses a reset whose password is not a string with 422 VALIDATION_FAILED', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name);
      const before = await storedHash(created.address);
      const response = await admin.post(`/api/v1/mailboxes/${created.address}/password-reset`, {
        body: { password: 123456789012345 },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toContain('password:isString');
      expect(await storedHash(created.address)).toBe(before);
    });

    it('refuses a reset body with unknown fields with 422 unknownField', async () => {
      const domain = await createDomain(admin);
      const created = await createMailbox(admin, domain.name);
      const before = await storedHash(created.address);
      const response = await admin.post(`/api/v1/mailboxes/${created.address}/password-reset`, {
        body: { pasword: strongPassword() },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toContain('pasword:unknownField');
      expect(await storedHash(created.address)).toBe(before);
    });

    it('answers 404 MAILBOX_NOT_FOUND for an unknown address', async () => {
      const domain = await createDomain(admin);
      expectProblem(
        await admin.post(`/api/v1/mailboxes/nobody@${domain.name}/password-reset`),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });
  });

  describe('listing a domain’s mailboxes', () => {
    it('lists only that domain’s live mailboxes, by address, without secrets', async () => {
      const domain = await createDomain(admin);
      const other = await createDomain(admin);
      await createMailbox(admin, other.name, { localPart: 'bravo' });
      for (const localPart of ['charlie', 'alpha', 'bravo']) {
        await createMailbox(admin, domain.name, { localPart });
      }
      const response = await admin.get(`/api/v1/domains/${domain.name}/mailboxes`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
      expect(response.body.nextCursor).toBeNull();
      expect((response.body.items as any[]).map((m) => m.localPart)).toEqual([
        'alpha',
        'bravo',
        'charlie',
      ]);
      for (const item of response.body.items as Record<string, unknown>[]) {
        expectMailboxShape(item);
        expect(item.domain).toBe(domain.name);
      }
      expectNoSecrets(response.body);
    });

    it('sorts by address or creation time, either way round', async () => {
      const domain = await createDomain(admin);
      const created: string[] = [];
      for (const localPart of ['mike', 'alpha', 'zulu', 'kilo']) {
        created.push((await createMailbox(admin, domain.name, { localPart })).localPart as string);
      }
      const order = async (sort: string): Promise<string[]> => {
        const response = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?sort=${sort}`);
        expect(response.status).toBe(200);
        return (response.body.items as any[]).map((m) => m.localPart as string);
      };
      expect(await order('address')).toEqual(['alpha', 'kilo', 'mike', 'zulu']);
      expect(await order('-address')).toEqual(['zulu', 'mike', 'kilo', 'alpha']);
      expect(await order('createdAt')).toEqual(created);
      expect(await order('-createdAt')).toEqual([...created].reverse());
    });

    it('finds mailboxes by a case-insensitive prefix of the address or display name', async () => {
      const domain = await createDomain(admin);
      await createMailbox(admin, domain.name, { localPart: 'sales', displayName: 'Front Desk' });
      await createMailbox(admin, domain.name, { localPart: 'salvador', displayName: 'Dalí' });
      await createMailbox(admin, domain.name, { localPart: 'info', displayName: 'Sally Wong' });
      await createMailbox(admin, domain.name, { localPart: 'ops', displayName: 'Night Shift' });
      await createMailbox(admin, domain.name, { localPart: 'a_b', displayName: '' });
      await createMailbox(admin, domain.name, { localPart: 'axb', displayName: '' });

      const search = async (q: string): Promise<string[]> => {
        const response = await admin.get(
          `/api/v1/domains/${domain.name}/mailboxes?q=${encodeURIComponent(q)}`,
        );
        expect(response.status).toBe(200);
        return (response.body.items as any[]).map((m) => m.localPart as string);
      };
      expect(await search('SAL')).toEqual(['info', 'sales', 'salvador']);
      expect(await search('salv')).toEqual(['salvador']);
      expect(await search(`sales@${domain.name.toUpperCase()}`)).toEqual(['sales']);
      expect(await search('front')).toEqual(['sales']);
      expect(await search('NIGHT s')).toEqual(['ops']);
      // A prefix, not a substring.
      expect(await search('shift')).toEqual([]);
      expect(await search('ales')).toEqual([]);
      // LIKE wildcards are literal.
      expect(await search('a_')).toEqual(['a_b']);
      expect(await search('%')).toEqual([]);
    });

    it('pages with limit and cursor without gaps or repeats, in every sort', async () => {
      const domain = await createDomain(admin);
      const names = Array.from({ length: 11 }, (_, i) => `p${String(i).padStart(2, '0')}`);
      for (const localPart of names) await createMailbox(admin, domain.name, { localPart });
      for (const sort of ['address', '-address', 'createdAt', '-createdAt']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const cursorParam: string = cursor === null ? '' : `&cursor=${cursor}`;
          const page = await admin.get(
            `/api/v1/domains/${domain.name}/mailboxes?sort=${sort}&limit=4${cursorParam}`,
          );
          expect(page.status).toBe(200);
          expect((page.body.items as unknown[]).length).toBeLessThanOrEqual(4);
          seen.push(...(page.body.items as any[]).map((m) => m.localPart as string));
          cursor = page.body.nextCursor as string | null;
          pages += 1;
        } while (cursor !== null);
        expect(pages).toBe(3);
        expect(seen).toEqual(sort.startsWith('-') ? [...names].reverse() : names);
      }
    });

    it('lists deleted mailboxes only when asked, with deletedAt', async () => {
      const domain = await createDomain(admin);
      const live = await createMailbox(admin, domain.name, { localPart: 'live' });
      const gone = await createMailbox(admin, domain.name, { localPart: 'gone' });
      expect((await admin.delete(`/api/v1/mailboxes/${gone.address}`)).status).toBe(204);

      const liveList = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?deleted=false`);
      expect((liveList.body.items as any[]).map((m) => [m.address, m.deletedAt])).toEqual([
        [live.address, null],
      ]);
      const deletedList = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?deleted=true`);
      expect(deletedList.status).toBe(200);
      expect(deletedList.body.items).toHaveLength(1);
      expect(deletedList.body.items[0]).toMatchObject({
        address: gone.address,
        deletedAt: expect.any(String),
      });
      expectNoSecrets(deletedList.body);
    });

    it('answers 404 DOMAIN_NOT_FOUND for an unknown domain', async () => {
      expectProblem(
        await admin.get(`/api/v1/domains/${uniqueDomainName()}/mailboxes`),
        404,
        'DOMAIN_NOT_FOUND',
      );
    });

    it.each([
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['sort=displayName', 'sort'],
      ['deleted=maybe', 'deleted'],
      ['cursor=not-a-cursor', 'cursor'],
    ])('refuses ?%s with 422 on field %s', async (query, field) => {
      const domain = await createDomain(admin);
      const response = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?${query}`);
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('refuses a cursor made for another sort with 422 on field cursor', async () => {
      const domain = await createDomain(admin);
      for (let i = 0; i < 3; i++) await createMailbox(admin, domain.name);
      const first = await admin.get(`/api/v1/domains/${domain.name}/mailboxes?limit=1`);
      const cursor = first.body.nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      const response = await admin.get(
        `/api/v1/domains/${domain.name}/mailboxes?limit=1&sort=createdAt&cursor=${cursor}`,
      );
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(response)).toContain('cursor:invalidCursor');
    });

    it.each([
      ['address', ['address', 'a@b.example', 'not-a-uuid']],
      ['createdAt', ['createdAt', 'not-a-date', '00000000-0000-4000-8000-000000000000']],
    ])(
      'refuses a well-formed but tampered %s cursor with 422 on field cursor',
      async (sort, content) => {
        const domain = await createDomain(admin);
        await createMailbox(admin, domain.name);
        const cursor = Buffer.from(JSON.stringify(content)).toString('base64url');
        const response = await admin.get(
          `/api/v1/domains/${domain.name}/mailboxes?sort=${sort}&cursor=${cursor}`,
        );
        expectProblem(response, 422, 'VALIDATION_FAILED');
        expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(
          'cursor',
        );
      },
    );
  });
});
