import { createHash, randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { generate } from 'otplib';
import { encrypt } from 'unixcrypt';
import { Clock } from '../../src/infra/clock/clock.js';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { Browser, uniqueIp } from '../support/browser.js';
import { cookieValue, expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
} from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const LOGIN = `${API}/auth/login`;
const DAY_MS = 86_400_000;
const APP_PASSWORD = /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/;
/** Dovecot's scheme prefix, then a PHC string with its parameters in the order m, t, p. */
const STORED_HASH = /^\{ARGON2ID\}\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/;
const APP_PASSWORD_FIELDS = [
  'createdAt',
  'createdBy',
  'expired',
  'expiresAt',
  'id',
  'lastUsedAt',
  'name',
  'protocols',
];

function fields(response: ApiResponse): string[] {
  return ((response.body?.errors ?? []) as { field: string }[]).map((e) => e.field);
}

/** RFC 4648 base32, as authenticator secrets are written. */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

describe('app passwords', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: Browser;
  const travel = timeTravel(() => clock);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    clock = t.app.get(Clock);
    admin = (await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).client;
  });
  afterAll(() => t.close());

  function attempt(email: string, password: string, ip = uniqueIp()): Promise<ApiResponse> {
    return new Browser(t.baseUrl, ip).post(LOGIN, { body: { email, password } });
  }

  function sessionFrom(response: ApiResponse, ip: string): { client: Browser; cookie: string } {
    const session = cookieValue(response, 'yubin_session');
    const xsrf = cookieValue(response, 'XSRF-TOKEN');
    if (response.status !== 200 || session === undefined || xsrf === undefined)
      throw new Error(`no session: ${response.status} ${JSON.stringify(response.body)}`);
    const client = new Browser(t.baseUrl, ip, {
      kind: 'session',
      cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`,
      xsrf,
    });
    return { client, cookie: session };
  }

  async function signIn(
    email: string,
    password: string,
    ip = uniqueIp(),
  ): Promise<{ client: Browser; cookie: string; user: any }> {
    const response = await attempt(email, password, ip);
    if (response.status !== 200 || response.body.mfaRequired !== false)
      throw new Error(`login as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return { ...sessionFrom(response, ip), user: response.body.user };
  }

  interface User {
    id: string;
    address: string;
    password: string;
    domain: string;
    ip: string;
    client: Browser;
    cookie: string;
  }

  async function newUser(domainName?: string): Promise<User> {
    const domain = domainName ?? (await createDomain(admin)).name;
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    const ip = uniqueIp();
    const { client, cookie, user } = await signIn(mailbox.address, password, ip);
    return { id: user.id, address: mailbox.address, password, domain, ip, client, cookie };
  }

  async function createOwn(
    client: ApiClient,
    body: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<any> {
    const response = await client.post(`${API}/me/app-passwords`, {
      body: { name: unique('app'), protocols: ['imap', 'smtp'], ...body },
      headers,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function storedHashes(mailboxAddress: string): Promise<Map<string, string>> {
    const result = await t.sql.query<{ id: string; password_hash: string }>(
      `SELECT a.id, a.password_hash FROM app_password a JOIN mailbox m ON m.id = a.mailbox_id
        WHERE m.address = $1`,
      [mailboxAddress],
    );
    return new Map(result.rows.map((row) => [row.id, row.password_hash]));
  }

  async function expectStoredAs(hash: string | undefined, password: string): Promise<void> {
    expect(hash).toMatch(STORED_HASH);
    expect(hash).not.toContain(password);
    expect(await argon2.verify((hash as string).slice('{ARGON2ID}'.length), password)).toBe(true);
  }

  describe('a user’s own', () => {
    it('creates one and shows its password only in the 201 response', async () => {
      const user = await newUser();
      const response = await user.client.post(`${API}/me/app-passwords`, {
        body: { name: 'Thunderbird on the laptop', protocols: ['imap', 'smtp'] },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Thunderbird on the laptop',
        protocols: ['imap', 'smtp'],
        expiresAt: null,
        expired: false,
        lastUsedAt: null,
        createdBy: 'self',
        createdAt: expect.any(String),
        password: expect.stringMatching(APP_PASSWORD),
      });
      const password = response.body.password as string;

      const list = await user.client.get(`${API}/me/app-passwords`);
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(1);
      const [listed] = list.body as any[];
      expect(Object.keys(listed).sort()).toEqual(APP_PASSWORD_FIELDS);
      const withoutPassword = Object.fromEntries(
        Object.entries(response.body as Record<string, unknown>).filter(([k]) => k !== 'password'),
      );
      expect(listed).toEqual(withoutPassword);
      expect(JSON.stringify(list.body)).not.toContain(password);

      const hashes = await storedHashes(user.address);
      await expectStoredAs(hashes.get(response.body.id as string), password);
    });

    it('makes a different password each time', async () => {
      const user = await newUser();
      const first = await createOwn(user.client);
      const second = await createOwn(user.client);
      expect(first.password).not.toBe(second.password);
      expect(first.id).not.toBe(second.id);
      const list = (await user.client.get(`${API}/me/app-passwords`)).body as any[];
      expect(list.map((p) => p.id).sort()).toEqual([first.id, second.id].sort());
    });

    it('is not a password for the web login', async () => {
      const user = await newUser();
      const created = await createOwn(user.client, { protocols: ['imap', 'pop3', 'smtp'] });
      expectProblem(
        await attempt(user.address, created.password as string, user.ip),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('takes an expiry in the future, and shows it as expired once past', async () => {
      const user = await newUser();
      const expiresAt = new Date(clock.now().getTime() + 2 * DAY_MS).toISOString();
      const created = await createOwn(user.client, { expiresAt });
      expect(created.expiresAt).toBe(expiresAt);
      expect(created.expired).toBe(false);

      travel(2 * DAY_MS + 60_000);
      const { client } = await signIn(user.address, user.password, user.ip);
      const list = (await client.get(`${API}/me/app-passwords`)).body as any[];
      expect(list).toEqual([expect.objectContaining({ id: created.id, expiresAt, expired: true })]);
    });

    it('refuses an expiry in the past (422 on expiresAt)', async () => {
      const user = await newUser();
      const response = await user.client.post(`${API}/me/app-passwords`, {
        body: {
          name: 'old phone',
          protocols: ['imap'],
          expiresAt: new Date(clock.now().getTime() - 60_000).toISOString(),
        },
      });
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual(['expiresAt']);
      expect((await user.client.get(`${API}/me/app-passwords`)).body).toEqual([]);
    });

    it.each([
      ['no protocols', { protocols: [] }, 'protocols'],
      ['a repeated protocol', { protocols: ['imap', 'imap'] }, 'protocols'],
      ['an unknown protocol', { protocols: ['imap', 'ftp'] }, 'protocols'],
      ['protocols not a list', { protocols: 'imap' }, 'protocols'],
      ['no name', { name: undefined }, 'name'],
      ['an empty name', { name: '   ' }, 'name'],
      ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
      ['an expiry that is not a date', { expiresAt: 'tomorrow' }, 'expiresAt'],
    ])('refuses %s with 422 VALIDATION_FAILED', async (_label, override, field) => {
      const user = await newUser();
      const response = await user.client.post(`${API}/me/app-passwords`, {
        body: { name: 'phone', protocols: ['imap'], ...override },
      });
      expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(fields(response)).toContain(field);
      expect((await user.client.get(`${API}/me/app-passwords`)).body).toEqual([]);
    });

    it('deletes one', async () => {
      const user = await newUser();
      const keep = await createOwn(user.client);
      const drop = await createOwn(user.client);
      const response = await user.client.delete(`${API}/me/app-passwords/${drop.id}`);
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      const list = (await user.client.get(`${API}/me/app-passwords`)).body as any[];
      expect(list.map((p) => p.id)).toEqual([keep.id]);
      expect([...(await storedHashes(user.address)).keys()]).toEqual([keep.id]);
      expectProblem(
        await user.client.delete(`${API}/me/app-passwords/${drop.id}`),
        404,
        'APP_PASSWORD_NOT_FOUND',
      );
    });

    it('cannot delete another user’s (404), nor an unknown or malformed id', async () => {
      const alice = await newUser();
      const bob = await newUser(alice.domain);
      const bobs = await createOwn(bob.client);
      expectProblem(
        await alice.client.delete(`${API}/me/app-passwords/${bobs.id}`),
        404,
        'APP_PASSWORD_NOT_FOUND',
      );
      expect(((await bob.client.get(`${API}/me/app-passwords`)).body as any[])[0].id).toBe(bobs.id);
      expect((await alice.client.get(`${API}/me/app-passwords`)).body).toEqual([]);
      expectProblem(
        await alice.client.delete(`${API}/me/app-passwords/${randomUUID()}`),
        404,
        'APP_PASSWORD_NOT_FOUND',
      );
      expectProblem(
        await alice.client.delete(`${API}/me/app-passwords/not-an-id`),
        404,
        'APP_PASSWORD_NOT_FOUND',
      );
    });

    it('allows 50 per mailbox: the 51st is refused with 409 APP_PASSWORD_LIMIT_REACHED', async () => {
      const user = await newUser();
      const made: any[] = [];
      for (let i = 0; i < 49; i++) made.push(await createOwn(user.client, { protocols: ['imap'] }));
      // One issued by an admin counts too.
      const issued = await admin.post(`${API}/mailboxes/${user.address}/app-passwords`, {
        body: { name: 'issued', protocols: ['smtp'] },
      });
      expect(issued.status).toBe(201);
      expect((await user.client.get(`${API}/me/app-passwords`)).body).toHaveLength(50);

      const refused = await user.client.post(`${API}/me/app-passwords`, {
        body: { name: 'one too many', protocols: ['imap'] },
      });
      expectProblem(refused, 409, 'APP_PASSWORD_LIMIT_REACHED');
      expectProblem(
        await admin.post(`${API}/mailboxes/${user.address}/app-passwords`, {
          body: { name: 'one too many', protocols: ['imap'] },
        }),
        409,
        'APP_PASSWORD_LIMIT_REACHED',
      );
      expect((await user.client.get(`${API}/me/app-passwords`)).body).toHaveLength(50);

      expect((await user.client.delete(`${API}/me/app-passwords/${made[0].id}`)).status).toBe(204);
      await createOwn(user.client);
    });

    it('is only for mailbox users: a standalone admin gets 403 NOT_A_MAILBOX_USER', async () => {
      expectProblem(await admin.get(`${API}/me/app-passwords`), 403, 'NOT_A_MAILBOX_USER');
      expectProblem(
        await admin.post(`${API}/me/app-passwords`, {
          body: { name: 'phone', protocols: ['imap'] },
        }),
        403,
        'NOT_A_MAILBOX_USER',
      );
      expectProblem(
        await admin.delete(`${API}/me/app-passwords/${randomUUID()}`),
        403,
        'NOT_A_MAILBOX_USER',
      );
    });
  });

  describe('issued by an admin', () => {
    it('issues one for a user, shown once, marked as made by an admin, and audited', async () => {
      const user = await newUser();
      const own = await createOwn(user.client, { name: 'mine' });
      const issued = await admin.post(`${API}/mailboxes/${user.address}/app-passwords`, {
        body: { name: 'set up by IT', protocols: ['imap', 'pop3'] },
      });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({
        name: 'set up by IT',
        protocols: ['imap', 'pop3'],
        createdBy: 'admin',
        password: expect.stringMatching(APP_PASSWORD),
      });
      const password = issued.body.password as string;

      const byUser = (await user.client.get(`${API}/me/app-passwords`)).body as any[];
      expect(byUser.map((p) => [p.name, p.createdBy]).sort()).toEqual([
        ['mine', 'self'],
        ['set up by IT', 'admin'],
      ]);
      const byAdmin = await admin.get(`${API}/mailboxes/${user.address}/app-passwords`);
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toEqual(expect.arrayContaining(byUser));
      expect(byAdmin.body).toHaveLength(2);
      expect(JSON.stringify(byAdmin.body)).not.toContain(password);
      expect(JSON.stringify(byAdmin.body)).not.toContain(own.password);

      await expectStoredAs(
        (await storedHashes(user.address)).get(issued.body.id as string),
        password,
      );

      const events = await admin.get(
        `${API}/audit-events?action=app-password.create&target=${encodeURIComponent(user.address)}`,
      );
      expect(events.status).toBe(200);
      expect(events.body.items).toHaveLength(2);
      const text = JSON.stringify(events.body);
      expect(text).not.toContain(password);
      expect(text).not.toContain(own.password);
    });

    it('revokes one of a user’s app passwords', async () => {
      const user = await newUser();
      const own = await createOwn(user.client);
      const response = await admin.delete(
        `${API}/mailboxes/${user.address}/app-passwords/${own.id}`,
      );
      expect(response.status).toBe(204);
      expect((await user.client.get(`${API}/me/app-passwords`)).body).toEqual([]);
      expectProblem(
        await admin.delete(`${API}/mailboxes/${user.address}/app-passwords/${own.id}`),
        404,
        'APP_PASSWORD_NOT_FOUND',
      );
    });

    it('cannot revoke another mailbox’s app password through this one', async () => {
      const alice = await newUser();
      const bob = await newUser(alice.domain);
      const bobs = await createOwn(bob.client);
      expectProblem(
        await admin.delete(`${API}/mailboxes/${alice.address}/app-passwords/${bobs.id}`),
        404,
        'APP_PASSWORD_NOT_FOUND',
      );
      expect((await bob.client.get(`${API}/me/app-passwords`)).body).toHaveLength(1);
    });

    it('answers 404 MAILBOX_NOT_FOUND for an unknown mailbox', async () => {
      const domain = await createDomain(admin);
      expectProblem(
        await admin.post(`${API}/mailboxes/nobody@${domain.name}/app-passwords`, {
          body: { name: 'x', protocols: ['imap'] },
        }),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });

    it('is not for mailbox users, even for their own mailbox (403 FORBIDDEN)', async () => {
      const user = await newUser();
      expectProblem(
        await user.client.get(`${API}/mailboxes/${user.address}/app-passwords`),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await user.client.post(`${API}/mailboxes/${user.address}/app-passwords`, {
          body: { name: 'x', protocols: ['imap'] },
        }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('secrets at rest', () => {
    it('no table holds the TOTP secret, a recovery code, an app password or a session token in clear', async () => {
      const user = await newUser();
      const key = (): string => `at-rest-${randomUUID()}`;
      const keys: string[] = [];
      const withKey = (): Record<string, string> => {
        const k = key();
        keys.push(k);
        return { 'idempotency-key': k };
      };

      // TOTP enrolment, through idempotent requests: their stored responses hold secrets.
      const begin = await user.client.post(`${API}/me/2fa/totp`, { headers: withKey() });
      expect(begin.status).toBe(200);
      const secret = begin.body.secret as string;
      const confirm = await user.client.post(`${API}/me/2fa/totp/confirm`, {
        body: {
          code: await generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) }),
        },
        headers: withKey(),
      });
      expect(confirm.status).toBe(200);
      const firstCodes = confirm.body.recoveryCodes as string[];
      const renewed = await user.client.post(`${API}/me/2fa/recovery-codes`, {
        headers: withKey(),
      });
      expect(renewed.status).toBe(200);
      const codes = [...firstCodes, ...(renewed.body.recoveryCodes as string[])];

      const appKey = withKey();
      const app = await createOwn(user.client, { name: 'phone' }, appKey);
      // A retry with the same key replays the stored response, password included.
      const replay = await user.client.post(`${API}/me/app-passwords`, {
        body: { name: 'phone', protocols: ['imap', 'smtp'] },
        headers: appKey,
      });
      expect(replay.status).toBe(201);
      expect(replay.body.password).toBe(app.password);

      // A sign-in waiting for its second step.
      const pending = await attempt(user.address, user.password, user.ip);
      expect(pending.body.mfaRequired).toBe(true);
      const challenge = pending.body.challenge as string;

      // What is stored for this user is there...
      const count = async (query: string, params: unknown[]): Promise<number> =>
        Number((await t.sql.query<{ n: string }>(query, params)).rows[0]?.n);
      expect(
        await count(
          'SELECT count(*) AS n FROM totp_factor WHERE mailbox_id = $1 AND confirmed_at IS NOT NULL',
          [user.id],
        ),
      ).toBe(1);
      expect(
        await count('SELECT count(*) AS n FROM recovery_code WHERE mailbox_id = $1', [user.id]),
      ).toBe(10);
      expect(
        await count('SELECT count(*) AS n FROM app_password WHERE mailbox_id = $1', [user.id]),
      ).toBe(1);
      expect(
        await count('SELECT count(*) AS n FROM login_challenge WHERE mailbox_id = $1', [user.id]),
      ).toBe(1);
      expect(
        await count('SELECT count(*) AS n FROM session WHERE mailbox_id = $1', [user.id]),
      ).toBe(1);
      expect(
        await count(
          'SELECT count(*) AS n FROM idempotency_record WHERE key = ANY($1) AND sealed_response IS NOT NULL',
          [keys],
        ),
      ).toBe(4);

      // ...and none of it is readable.
      const secretBytes = base32Decode(secret);
      const forbidden = [
        secret,
        secret.toLowerCase(),
        secretBytes.toString('hex'),
        secretBytes.toString('base64'),
        ...codes,
        ...codes.map((code) => code.replace('-', '')),
        app.password as string,
        (app.password as string).replaceAll('-', ''),
        user.cookie,
        challenge,
      ];
      for (const table of [
        'totp_factor',
        'recovery_code',
        'app_password',
        'login_challenge',
        'session',
        'idempotency_record',
        'audit_event',
      ]) {
        const rows = await t.sql.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM ${table} t`,
        );
        expect(rows.rows.length).toBeGreaterThan(0);
        const dump = rows.rows.map((r) => r.row).join('\n');
        for (const value of forbidden) {
          expect({ table, found: dump.includes(value) ? value : null }).toEqual({
            table,
            found: null,
          });
        }
      }

      await expectStoredAs((await storedHashes(user.address)).get(app.id as string), app.password);
    });
  });

  describe('imported password hashes', () => {
    async function storedMailboxHash(address: string): Promise<string> {
      const result = await t.sql.query<{ password_hash: string }>(
        'SELECT password_hash FROM mailbox WHERE address = $1 AND deleted_at IS NULL',
        [address],
      );
      expect(result.rows).toHaveLength(1);
      return result.rows[0]!.password_hash;
    }

    function sha512Crypt(password: string): string {
      return `{SHA512-CRYPT}${encrypt(password, `$6$${randomBytes(6).toString('hex')}`)}`;
    }

    const SCHEMES: [string, (password: string) => string | Promise<string>][] = [
      ['SHA512-CRYPT', sha512Crypt],
      [
        'SHA512-CRYPT',
        (password) => `{SHA512-CRYPT}${encrypt(password, '$6$rounds=5000$saltsalt')}`,
      ],
      ['SHA256-CRYPT', (password) => `{SHA256-CRYPT}${encrypt(password, '$5$saltsalt')}`],
      [
        'ARGON2I',
        async (password) =>
          `{ARGON2I}${await argon2.hash(password, { type: argon2.argon2i, memoryCost: 19456, timeCost: 2 })}`,
      ],
      [
        'BLF-CRYPT',
        async (password) =>
          `{BLF-CRYPT}${(await bcrypt.hash(password, 6)).replace(/^\$2b\$/, '$2y$')}`,
      ],
      [
        'SSHA512',
        (password) => {
          const salt = randomBytes(8);
          const digest = createHash('sha512')
            .update(Buffer.concat([Buffer.from(password, 'utf8'), salt]))
            .digest();
          return `{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
        },
      ],
    ];

    it.each(SCHEMES)(
      'a {%s} hash signs in on the web, and is replaced by argon2id',
      async (scheme, make) => {
        const domain = await createDomain(admin);
        const password = strongPassword();
        const passwordHash = await make(password);
        expect(passwordHash.startsWith(`{${scheme}}`)).toBe(true);
        const localPart = unique('imported');
        const created = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
          body: { localPart, passwordHash },
        });
        expect(created.status).toBe(201);
        expect(created.body).not.toHaveProperty('temporaryPassword');
        expect(created.body.mustChangePassword).toBe(false);
        expect(JSON.stringify(created.body)).not.toContain(passwordHash);
        const address = created.body.address as string;
        // Stored as given; argon2 parameters in the order m, t, p, the only one Dovecot reads.
        const stored = passwordHash.replace(
          /\$m=(\d+),p=(\d+),t=(\d+)\$/,
          (_all, m: string, p: string, t: string) => `$m=${m},t=${t},p=${p}$`,
        );
        expect(await storedMailboxHash(address)).toBe(stored);

        const ip = uniqueIp();
        // A wrong password changes nothing.
        expectProblem(await attempt(address, `${password}-nope`, ip), 401, 'INVALID_CREDENTIALS');
        expect(await storedMailboxHash(address)).toBe(stored);

        const first = await signIn(address, password, ip);
        expect(first.user).toMatchObject({ email: address, kind: 'mailbox', restriction: null });
        const rehashed = await storedMailboxHash(address);
        expect(rehashed).toMatch(STORED_HASH);
        expect(await argon2.verify(rehashed.slice('{ARGON2ID}'.length), password)).toBe(true);

        const again = await signIn(address, password, ip);
        expect(again.user.email).toBe(address);
        expect(await storedMailboxHash(address)).toBe(rehashed);
      },
    );

    it('needs the mailboxes:import permission', async () => {
      const domain = await createDomain(admin);
      const withoutImport = await createToken(admin, { scopes: ['mailboxes:write'] });
      const refused = await admin
        .withToken(withoutImport.token)
        .post(`${API}/domains/${domain.name}/mailboxes`, {
          body: { localPart: unique('imported'), passwordHash: sha512Crypt(strongPassword()) },
        });
      expectProblem(refused, 403, 'FORBIDDEN');
      // The same token may still create mailboxes with a password.
      const plain = await admin
        .withToken(withoutImport.token)
        .post(`${API}/domains/${domain.name}/mailboxes`, {
          body: { localPart: unique('plain'), password: strongPassword() },
        });
      expect(plain.status).toBe(201);

      const withImport = await createToken(admin, {
        scopes: ['mailboxes:write', 'mailboxes:import'],
      });
      const password = strongPassword();
      const accepted = await admin
        .withToken(withImport.token)
        .post(`${API}/domains/${domain.name}/mailboxes`, {
          body: { localPart: unique('imported'), passwordHash: sha512Crypt(password) },
        });
      expect(accepted.status).toBe(201);
      await signIn(accepted.body.address as string, password);
    });

    it('is refused to a domain admin, whose role does not include importing', async () => {
      const domain = await createDomain(admin);
      const email = `${unique('domadmin')}@staff.example`;
      const adminPassword = strongPassword();
      const granted = await admin.post(`${API}/admins`, {
        body: { email, role: 'domain-admin', domains: [domain.name], password: adminPassword },
      });
      expect(granted.status).toBe(201);
      const { client } = await signIn(email, adminPassword);
      const refused = await client.post(`${API}/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('imported'), passwordHash: sha512Crypt(strongPassword()) },
      });
      expectProblem(refused, 403, 'FORBIDDEN');
    });

    it.each([
      ['a truncated SHA512-CRYPT hash', '{SHA512-CRYPT}$6$saltsalt$tooshort'],
      ['an unsupported scheme', '{MD5}$1$saltsalt$0123456789abcdefghijkl'],
      ['a hash without a scheme', encrypt('whatever-password', '$6$saltsalt')],
      ['plain text in a scheme', '{PLAIN}correct horse battery staple'],
      ['a lower-case scheme', `{sha512-crypt}${encrypt('whatever-password', '$6$saltsalt')}`],
      ['a short SSHA512 value', `{SSHA512}${randomBytes(32).toString('base64')}`],
    ])('refuses %s with 422 on passwordHash (unsupportedHash)', async (_label, passwordHash) => {
      const domain = await createDomain(admin);
      const localPart = unique('imported');
      const response = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
        body: { localPart, passwordHash },
      });
      expect(response.status).toBe(422);
      expect(fieldErrors(response)).toEqual(['passwordHash:unsupportedHash']);
      expectProblem(
        await admin.get(`${API}/mailboxes/${localPart}@${domain.name}`),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });

    it('refuses a password and a passwordHash together (422)', async () => {
      const domain = await createDomain(admin);
      const password = strongPassword();
      const localPart = unique('imported');
      const response = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
        body: { localPart, password, passwordHash: sha512Crypt(password) },
      });
      expect(response.status).toBe(422);
      expect(fields(response)).toContain('passwordHash');
      expectProblem(
        await admin.get(`${API}/mailboxes/${localPart}@${domain.name}`),
        404,
        'MAILBOX_NOT_FOUND',
      );
    });
  });
});
