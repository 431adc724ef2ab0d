import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { ApiClient as Client } from '../support/api-client.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { captureLog, type LogCapture } from '../support/log-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PARALLEL = 6;

/**
 * The same write, sent several times at once: each answers as it would alone or 409,
 * never 500; and whatever the losers' failed statements were, no secret reaches the log.
 */
describe('concurrent writes', () => {
  let t: TestApp;
  let admin: ApiClient;
  let log: LogCapture;
  /** Every secret the races handled: passwords, hashes, seeds, tokens. */
  const secrets: string[] = [];

  beforeAll(async () => {
    log = captureLog();
    t = await startTestApp({ LOG_LEVEL: 'debug' });
    admin = await t.superadmin();
  });
  afterAll(async () => {
    await t.close();
    log.stop();
  });

  async function race(send: () => Promise<ApiResponse>, allowed: number[]) {
    const responses = await Promise.all(Array.from({ length: PARALLEL }, send));
    const statuses = responses.map((response) => response.status);
    for (const response of responses) {
      expect(allowed, `${response.status} ${JSON.stringify(response.body)}`).toContain(
        response.status,
      );
      if (response.status === 409) expect(response.headers.get('content-type')).toMatch(/problem/);
    }
    return { responses, statuses };
  }

  async function column(sql: string, params: unknown[]): Promise<string[]> {
    const result = await t.sql.query(sql, params);
    return result.rows.map((row: Record<string, string>) => Object.values(row)[0] as string);
  }

  it('creating one standalone admin: one 201, the rest 409', async () => {
    const email = `${unique('race')}@standalone.example`;
    const password = strongPassword();
    secrets.push(password);
    const { statuses } = await race(
      () => admin.post('/api/v1/admins', { body: { email, role: 'superadmin', password } }),
      [201, 409],
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    secrets.push(
      ...(await column('SELECT password_hash FROM admin_account WHERE email = $1', [email])),
    );
  });

  it('creating one mailbox, alias, domain or alias domain: one 201 each; API tokens all 201', async () => {
    const domain = await createDomain(admin);
    const password = strongPassword();
    secrets.push(password);
    const localPart = unique('race');
    const creates: [string, unknown][] = [
      [`/api/v1/domains/${domain.name}/mailboxes`, { localPart, password }],
      [
        `/api/v1/domains/${domain.name}/aliases`,
        { localPart: unique('alias'), destinations: ['x@elsewhere.example'] },
      ],
      ['/api/v1/domains', { name: `${unique('race')}.example` }],
      ['/api/v1/alias-domains', { name: `${unique('race')}.example`, targetDomain: domain.name }],
    ];
    for (const [path, body] of creates) {
      const { responses, statuses } = await race(() => admin.post(path, { body }), [201, 409]);
      expect(
        statuses.filter((status) => status === 201),
        path,
      ).toHaveLength(1);
      expect(responses).toHaveLength(PARALLEL);
    }
    // Token names need not be unique: every one is created, each with its own secret.
    const tokens = await race(
      () => admin.post('/api/v1/api-tokens', { body: { name: 'race', scopes: ['domains:read'] } }),
      [201],
    );
    secrets.push(...tokens.responses.map((response) => response.body.token as string));
    secrets.push(
      ...(await column('SELECT password_hash FROM mailbox WHERE address = $1', [
        `${localPart}@${domain.name}`,
      ])),
    );
  });

  it('a user starting TOTP enrolment in parallel: every start answers 200, one seed stays', async () => {
    const domain = await createDomain(admin);
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain.name, { password });
    const user = await Client.login(t.baseUrl, mailbox.address, password);
    const { responses } = await race(() => user.post('/api/v1/me/2fa/totp'), [200]);
    secrets.push(...responses.map((response) => response.body.secret as string));
    const sealed = await column(
      'SELECT t.secret_sealed FROM totp_factor t JOIN mailbox m ON m.id = t.mailbox_id WHERE m.address = $1',
      [mailbox.address],
    );
    expect(sealed).toHaveLength(1);
    secrets.push(...sealed);

    const appPasswords = await race(
      () => user.post('/api/v1/me/app-passwords', { body: { name: 'phone', protocols: ['imap'] } }),
      [201, 409],
    );
    for (const response of appPasswords.responses) {
      if (typeof response.body.password === 'string') secrets.push(response.body.password);
    }
    const resets = await race(
      () => admin.post(`/api/v1/mailboxes/${mailbox.address}/password-reset`, { body: {} }),
      [200],
    );
    secrets.push(...resets.responses.map((response) => response.body.temporaryPassword as string));
  });

  it('changing one admin’s domains in parallel: every change answers 200 and one of them holds', async () => {
    const domains = await Promise.all([1, 2, 3].map(() => createDomain(admin)));
    const created = await admin.post('/api/v1/admins', {
      body: {
        email: `${unique('race')}@standalone.example`,
        role: 'helpdesk',
        domains: [domains[0].name],
      },
    });
    expect(created.status).toBe(201);
    let turn = 0;
    await race(
      () =>
        admin.patch(`/api/v1/admins/${created.body.id}`, {
          body: { domains: [domains[turn++ % 3].name, domains[(turn + 1) % 3].name].sort() },
        }),
      [200],
    );
    const after = await admin.get(`/api/v1/admins/${created.body.id}`);
    expect(after.body.domains).toHaveLength(2);
  });

  it('logs no secret of any race', () => {
    const text = log.text();
    expect(secrets.length).toBeGreaterThanOrEqual(PARALLEL * 4);
    for (const secret of secrets) {
      expect(typeof secret).toBe('string');
      expect(secret.length).toBeGreaterThan(8);
      expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the log`).toBe(false);
    }
    // A hash never appears in any form, nor the parameters of a failed query.
    expect(text).not.toMatch(/\$argon2id\$|\{ARGON2ID\}|PARAMETERS:/);
  });
});
