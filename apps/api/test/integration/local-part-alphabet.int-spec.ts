import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { expectProblem } from '../support/expectations.js';
import { captureLog } from '../support/log-capture.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The local parts Yubin hosts (ADR 0010): letters, digits and . _ - + ' only. */
describe('the local-part alphabet', () => {
  let t: TestApp;
  let admin: ApiClient;
  let domain: string;

  beforeAll(async () => {
    t = await startTestApp({ ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' });
    admin = await t.superadmin();
    domain = (await createDomain(admin)).name;
  });
  afterAll(() => t.close());

  function expectRefused(response: ApiResponse, field: string, character: string): void {
    expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      {
        field,
        code: 'unsupportedLocalPartCharacter',
        message: expect.stringContaining(`${field} must not contain "${character}"`),
      },
    ]);
  }

  async function count(table: 'mailbox' | 'alias' | 'admin_account', address: string) {
    const column = table === 'admin_account' ? 'email' : 'address';
    const { rows } = await t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
      [address],
    );
    return rows[0]?.n;
  }

  it.each(["o'neil", 'first.last', 'a_b', 'a-b', 'a+b'])(
    'creates a mailbox %s',
    async (special) => {
      const localPart = `${special}${unique('')}`;
      const response = await admin.post(`/api/v1/domains/${domain}/mailboxes`, {
        body: { localPart, password: strongPassword() },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.address).toBe(`${localPart}@${domain}`);
    },
  );

  it.each([
    ['%', 'o%x'],
    ['!', 'x!y'],
    ['/', 'a/b'],
    ['=', 'a=b'],
    ['&', 'r&d'],
    [' ', 'has space'],
    ['@', 'x@y'],
    ['é', 'josé'],
  ])('refuses a mailbox with %j, naming it, and creates nothing', async (character, base) => {
    const localPart = `${base}${unique('')}`;
    const response = await admin.post(`/api/v1/domains/${domain}/mailboxes`, {
      body: { localPart, password: strongPassword() },
    });
    expectRefused(response, 'localPart', character);
    expect(await count('mailbox', `${localPart}@${domain}`)).toBe(0);
  });

  it('refuses an alias with % by local part and ! by address', async () => {
    const byLocalPart = `o%x${unique('')}`;
    expectRefused(
      await admin.post(`/api/v1/domains/${domain}/aliases`, {
        body: { localPart: byLocalPart, destinations: ['someone@elsewhere.example'] },
      }),
      'localPart',
      '%',
    );
    const byAddress = `x!y${unique('')}@${domain}`;
    expectRefused(
      await admin.post(`/api/v1/domains/${domain}/aliases`, {
        body: { address: byAddress, destinations: ['someone@elsewhere.example'] },
      }),
      'address',
      '!',
    );
    expect(await count('alias', `${byLocalPart}@${domain}`)).toBe(0);
    expect(await count('alias', byAddress)).toBe(0);
  });

  it("accepts an alias o'neil+x, and destinations elsewhere with any RFC 5322 character", async () => {
    const localPart = `o'neil+${unique('')}`;
    const destinations = ['x%y@elsewhere.example', 'a!b/c=d@elsewhere.example'];
    const response = await admin.post(`/api/v1/domains/${domain}/aliases`, {
      body: { localPart, destinations },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.destinations).toEqual(destinations);
  });

  it('refuses a role at an address outside the alphabet in a hosted domain or an alias domain', async () => {
    const aliasDomain = `${unique('ad')}.example`;
    expect(
      (
        await admin.post('/api/v1/alias-domains', {
          body: { name: aliasDomain, targetDomain: domain },
        })
      ).status,
    ).toBe(201);
    for (const email of [`o%x${unique('')}@${domain}`, `x!y${unique('')}@${aliasDomain}`]) {
      const response = await admin.post('/api/v1/admins', {
        body: { email, role: 'helpdesk', domains: [domain], password: strongPassword() },
      });
      expectRefused(response, 'email', email.includes('%') ? '%' : '!');
      expect(await count('admin_account', email)).toBe(0);
    }
  });

  it('gives a role at an address outside the alphabet elsewhere: the mail server never sees it', async () => {
    const email = `o%x${unique('')}@staff.example`;
    const response = await admin.post('/api/v1/admins', {
      body: { email, role: 'helpdesk', domains: [domain], password: strongPassword() },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.email).toBe(email);
  });

  it('reports a mailbox stored before the rule at start, and keeps it readable, changeable and deletable', async () => {
    const mailbox = await createMailbox(admin, domain);
    const legacy = `o%x${unique('')}`;
    await t.sql.query(`UPDATE mailbox SET local_part = $1, address = $2 WHERE address = $3`, [
      legacy,
      `${legacy}@${domain}`,
      mailbox.address,
    ]);
    // Every start says how many addresses the mail server cannot serve.
    const log = captureLog();
    const again = await startTestApp({ LOG_LEVEL: 'warn' });
    log.stop();
    await again.close();
    expect(log.text()).toMatch(
      /[1-9]\d* mailboxes, \d+ aliases and \d+ admin sign-in addresses in hosted domains have a local part outside/,
    );
    const path = `/api/v1/mailboxes/${encodeURIComponent(`${legacy}@${domain}`)}`;
    const read = await admin.get(path);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const changed = await admin.patch(path, {
      body: { displayName: 'Kept' },
      headers: { 'if-match': read.headers.get('etag') as string },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await admin.delete(path)).status).toBe(204);
  });
});
