import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { ApiClient, type ApiResponse } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../support/test-app.js';

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const ADMINS = '/api/v1/admins';

interface Credentials {
  email: string;
  password: string;
}

describe('admins', () => {
  let t: TestApp;
  let root: ApiClient;
  let A: string;
  let B: string;

  beforeAll(async () => {
    t = await startTestApp(CHEAP_HASHING);
    root = await t.superadmin();
    A = (await createDomain(root)).name;
    B = (await createDomain(root)).name;
  });
  afterAll(() => t.close());

  function email(prefix = 'admin'): string {
    return `${unique(prefix)}@staff.example`;
  }

  function login(credentials: Credentials): Promise<ApiResponse> {
    return t.anonymous().post('/api/v1/auth/login', {
      body: { email: credentials.email, password: credentials.password },
    });
  }

  function signIn(credentials: Credentials): Promise<ApiClient> {
    return ApiClient.login(t.baseUrl, credentials.email, credentials.password);
  }

  async function createStandalone(
    role: 'domain-admin' | 'helpdesk' = 'helpdesk',
    domains: string[] = [A],
  ): Promise<Credentials & { id: string }> {
    const credentials = { email: email(), password: strongPassword() };
    const response = await root.post(ADMINS, { body: { ...credentials, role, domains } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { ...credentials, id: response.body.id as string };
  }

  describe('creating', () => {
    it('creates a standalone account with a chosen password, which signs in with it', async () => {
      const credentials = { email: email(), password: strongPassword() };
      const response = await root.post(ADMINS, {
        body: { ...credentials, role: 'helpdesk', domains: [B, A] },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: credentials.email,
        kind: 'admin',
        role: 'helpdesk',
        domains: [A, B].sort(),
        active: true,
        twoFactorEnabled: false,
        mustChangePassword: false,
        lastLoginAt: null,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toContain(credentials.password);

      const signedIn = await login(credentials);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({
        kind: 'admin',
        email: credentials.email,
        role: 'helpdesk',
        domains: [A, B].sort(),
        permissions: ['domains:read', 'mailboxes:credentials', 'mailboxes:read', 'spam:read'],
        restriction: null,
      });
      const read = await root.get(`${ADMINS}/${response.body.id as string}`);
      expect(typeof read.body.lastLoginAt).toBe('string');
    });

    it('creates a standalone account without a password: the temporary one is shown once and must be changed first', async () => {
      const address = email();
      const response = await root.post(ADMINS, {
        body: { email: address, role: 'domain-admin', domains: [A] },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: 'admin', mustChangePassword: true });
      const temporaryPassword = response.body.temporaryPassword as string;
      expect(typeof temporaryPassword).toBe('string');
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);

      const id = response.body.id as string;
      const read = await root.get(`${ADMINS}/${id}`);
      expect(read.body).not.toHaveProperty('temporaryPassword');
      expect(JSON.stringify(read.body)).not.toContain(temporaryPassword);
      const listed = await root.get(`${ADMINS}?q=${address}`);
      expect(JSON.stringify(listed.body)).not.toContain(temporaryPassword);

      const session = await signIn({ email: address, password: temporaryPassword });
      const me = await session.get('/api/v1/me');
      expect(me.body).toMatchObject({ restriction: 'password-change', role: 'domain-admin' });
      expectProblem(await session.get('/api/v1/domains'), 403, 'PASSWORD_CHANGE_REQUIRED');
      expectProblem(await session.get(ADMINS), 403, 'PASSWORD_CHANGE_REQUIRED');

      const newPassword = strongPassword();
      const changed = await session.post('/api/v1/me/password', {
        body: { currentPassword: temporaryPassword, newPassword },
      });
      expect(changed.status).toBe(204);
      expect((await session.get('/api/v1/domains')).status).toBe(200);
      expect((await root.get(`${ADMINS}/${id}`)).body.mustChangePassword).toBe(false);
      const again = await login({ email: address, password: newPassword });
      expect(again.body.user.restriction).toBeNull();
    });

    it('refuses a second role for the same email with 409 ADMIN_EXISTS, in any letter case', async () => {
      const existing = await createStandalone();
      for (const address of [existing.email, existing.email.toUpperCase()]) {
        expectProblem(
          await root.post(ADMINS, {
            body: {
              email: address,
              role: 'domain-admin',
              domains: [A],
              password: strongPassword(),
            },
          }),
          409,
          'ADMIN_EXISTS',
        );
      }
      const mailbox = await createMailbox(root, A);
      const first = await root.post(ADMINS, {
        body: { email: mailbox.address, role: 'helpdesk', domains: [A] },
      });
      expect(first.status).toBe(201);
      expectProblem(
        await root.post(ADMINS, {
          body: { email: mailbox.address, role: 'domain-admin', domains: [A] },
        }),
        409,
        'ADMIN_EXISTS',
      );
      expect((await root.get(`${ADMINS}/${existing.id}`)).body.role).toBe('helpdesk');
    });

    it('refuses invalid input with 422 and names each field', async () => {
      const invalid = await root.post(ADMINS, {
        body: { email: 'not an address', role: 'owner', domains: 'all', colour: 'blue' },
      });
      expectProblem(invalid, 422, 'VALIDATION_FAILED');
      const fields = fieldErrors(invalid).map((f) => f.split(':')[0]);
      expect(fields).toEqual(expect.arrayContaining(['email', 'role', 'domains', 'colour']));

      const noDomains = await root.post(ADMINS, {
        body: { email: email(), role: 'helpdesk', password: strongPassword() },
      });
      expectProblem(noDomains, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(noDomains)).toContain('domains:required');

      const superWithDomains = await root.post(ADMINS, {
        body: { email: email(), role: 'superadmin', domains: [A], password: strongPassword() },
      });
      expect(fieldErrors(superWithDomains)).toContain('domains:superadminHasAllDomains');

      const unknownDomain = await root.post(ADMINS, {
        body: {
          email: email(),
          role: 'helpdesk',
          domains: [A, `${unique('nowhere')}.example`],
          password: strongPassword(),
        },
      });
      expect(unknownDomain.body.errors).toEqual([expect.objectContaining({ field: 'domains.1' })]);

      const weak = await root.post(ADMINS, {
        body: { email: email(), role: 'helpdesk', domains: [A], password: 'password1' },
      });
      expectProblem(weak, 422, 'PASSWORD_POLICY_VIOLATION');
    });
  });

  describe('reading', () => {
    it('lists admins by email, in pages, filtered by an email prefix', async () => {
      const prefix = unique('page');
      const addresses: string[] = [];
      for (let i = 0; i < 5; i++) {
        const address = `${prefix}-${i}@staff.example`;
        addresses.push(address);
        expect(
          (
            await root.post(ADMINS, {
              body: { email: address, role: 'helpdesk', domains: [A], password: strongPassword() },
            })
          ).status,
        ).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `q=${prefix.toUpperCase()}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page = await root.get(`${ADMINS}?${query}`);
        expect(page.status).toBe(200);
        expect((page.body.items as unknown[]).length).toBeLessThanOrEqual(2);
        seen.push(...(page.body.items as { email: string }[]).map((item) => item.email));
        cursor = page.body.nextCursor as string | null;
        pages++;
      } while (cursor !== null && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...addresses].sort());

      const all = await root.get(`${ADMINS}?limit=100&q=${ADMIN_EMAIL}`);
      expect(all.body.items).toEqual([
        expect.objectContaining({ email: ADMIN_EMAIL, role: 'superadmin', domains: [] }),
      ]);
      expectProblem(await root.get(`${ADMINS}?limit=0`), 422, 'VALIDATION_FAILED');
    });

    it('gets an admin by id; an unknown or malformed id is 404 ADMIN_NOT_FOUND', async () => {
      const admin = await createStandalone('domain-admin', [A, B]);
      const read = await root.get(`${ADMINS}/${admin.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: admin.id,
        email: admin.email,
        role: 'domain-admin',
        domains: [A, B].sort(),
      });
      expectProblem(await root.get(`${ADMINS}/${randomUUID()}`), 404, 'ADMIN_NOT_FOUND');
      expectProblem(await root.get(`${ADMINS}/not-a-uuid`), 404, 'ADMIN_NOT_FOUND');
    });
  });

  describe('changing', () => {
    it('changes role and domains, which take effect at once for a signed-in admin', async () => {
      const admin = await createStandalone('helpdesk', [A]);
      const session = await signIn(admin);
      expectProblem(await session.get(ADMINS), 403, 'FORBIDDEN');

      const promoted = await root.patch(`${ADMINS}/${admin.id}`, {
        body: { role: 'domain-admin', domains: [A, B] },
      });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ role: 'domain-admin', domains: [A, B].sort() });
      const me = await session.get('/api/v1/me');
      expect(me.body).toMatchObject({ role: 'domain-admin', domains: [A, B].sort() });
      expect((await session.get(ADMINS)).status).toBe(200);

      const narrowed = await root.patch(`${ADMINS}/${admin.id}`, { body: { domains: [B] } });
      expect(narrowed.body).toMatchObject({ role: 'domain-admin', domains: [B] });
      expectProblem(await session.get(`/api/v1/domains/${A}`), 404, 'DOMAIN_NOT_FOUND');

      expect(
        fieldErrors(await root.patch(`${ADMINS}/${admin.id}`, { body: { role: 'superadmin' } })),
      ).toContain('domains:superadminHasAllDomains');
      const superadmin = await root.patch(`${ADMINS}/${admin.id}`, {
        body: { role: 'superadmin', domains: [] },
      });
      expect(superadmin.body).toMatchObject({ role: 'superadmin', domains: [] });
      expect((await session.get('/api/v1/me')).body.domains).toBeNull();
      expect(
        fieldErrors(await root.patch(`${ADMINS}/${admin.id}`, { body: { role: 'helpdesk' } })),
      ).toContain('domains:required');
      expectProblem(
        await root.patch(`${ADMINS}/${admin.id}`, { body: { email: 'x@staff.example' } }),
        422,
        'VALIDATION_FAILED',
      );
    });

    it('an inactive standalone account cannot sign in, and its sessions stop working', async () => {
      const admin = await createStandalone();
      const session = await signIn(admin);
      const deactivated = await root.patch(`${ADMINS}/${admin.id}`, { body: { active: false } });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      expectProblem(await session.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await login(admin), 401, 'INVALID_CREDENTIALS');

      expect(
        (await root.patch(`${ADMINS}/${admin.id}`, { body: { active: true } })).body.active,
      ).toBe(true);
      expect((await login(admin)).status).toBe(200);
    });

    it('an inactive mailbox identity signs in as a plain mailbox user, with no role', async () => {
      const password = strongPassword();
      const mailbox = await createMailbox(root, A, { password });
      const granted = await root.post(ADMINS, {
        body: { email: mailbox.address, role: 'domain-admin', domains: [A] },
      });
      expect(granted.status).toBe(201);
      const credentials = { email: mailbox.address as string, password };
      expect((await login(credentials)).body.user.role).toBe('domain-admin');

      const deactivated = await root.patch(`${ADMINS}/${granted.body.id as string}`, {
        body: { active: false },
      });
      expect(deactivated.body).toMatchObject({ active: false, kind: 'mailbox' });
      const signedIn = await login(credentials);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({
        kind: 'mailbox',
        role: null,
        permissions: [],
        domains: [],
      });
      const session = await signIn(credentials);
      expectProblem(await session.get(`/api/v1/domains/${A}`), 403, 'FORBIDDEN');
      expect((await session.get('/api/v1/me/connection-settings')).status).toBe(200);
    });
  });

  describe('deleting', () => {
    it('deletes a standalone account: it is gone and its sessions end', async () => {
      const admin = await createStandalone();
      const session = await signIn(admin);
      expect((await root.delete(`${ADMINS}/${admin.id}`)).status).toBe(204);
      expectProblem(await root.get(`${ADMINS}/${admin.id}`), 404, 'ADMIN_NOT_FOUND');
      expectProblem(await session.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await root.delete(`${ADMINS}/${admin.id}`), 404, 'ADMIN_NOT_FOUND');
      expect((await root.get(`${ADMINS}?q=${admin.email}`)).body.items).toEqual([]);
    });

    it('takes the role from a mailbox identity, which keeps its mailbox', async () => {
      const password = strongPassword();
      const mailbox = await createMailbox(root, A, { password });
      const granted = await root.post(ADMINS, {
        body: { email: mailbox.address, role: 'helpdesk', domains: [A] },
      });
      const session = await signIn({ email: mailbox.address, password });
      expect((await session.get(`/api/v1/domains/${A}`)).status).toBe(200);

      expect((await root.delete(`${ADMINS}/${granted.body.id as string}`)).status).toBe(204);
      expect((await root.get(`/api/v1/mailboxes/${mailbox.address as string}`)).status).toBe(200);
      expectProblem(await session.get(`/api/v1/domains/${A}`), 403, 'FORBIDDEN');
      const me = await session.get('/api/v1/me');
      expect(me.body).toMatchObject({ kind: 'mailbox', role: null });
    });
  });

  describe('resetting credentials', () => {
    it('resets a standalone account’s password: a temporary one, shown once; its sessions end', async () => {
      const admin = await createStandalone();
      const session = await signIn(admin);
      const reset = await root.post(`${ADMINS}/${admin.id}/password-reset`);
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({
        temporaryPassword: expect.any(String),
        mustChangePassword: true,
      });
      const temporaryPassword = reset.body.temporaryPassword as string;
      expectProblem(await session.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await login(admin), 401, 'INVALID_CREDENTIALS');

      const read = await root.get(`${ADMINS}/${admin.id}`);
      expect(read.body.mustChangePassword).toBe(true);
      expect(JSON.stringify(read.body)).not.toContain(temporaryPassword);
      const signedIn = await login({ email: admin.email, password: temporaryPassword });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.restriction).toBe('password-change');

      const audit = await t.sql.query<{ row: string }>(
        `SELECT row_to_json(a)::text AS row FROM audit_event a WHERE target_id = $1`,
        [admin.email],
      );
      expect(audit.rows.length).toBeGreaterThan(0);
      for (const { row } of audit.rows) expect(row).not.toContain(temporaryPassword);
    });

    it('resets a standalone account’s 2FA: the factor is gone and its sessions end', async () => {
      const admin = await createStandalone();
      const session = await signIn(admin);
      const enrolment = await session.post('/api/v1/me/2fa/totp');
      expect(enrolment.status).toBe(200);
      const confirmed = await session.post('/api/v1/me/2fa/totp/confirm', {
        body: { code: await generate({ secret: enrolment.body.secret as string }) },
      });
      expect(confirmed.status).toBe(200);
      expect((await root.get(`${ADMINS}/${admin.id}`)).body.twoFactorEnabled).toBe(true);
      expect((await login(admin)).body.mfaRequired).toBe(true);

      expect((await root.post(`${ADMINS}/${admin.id}/2fa-reset`)).status).toBe(204);
      expectProblem(await session.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
      expect((await root.get(`${ADMINS}/${admin.id}`)).body.twoFactorEnabled).toBe(false);
      const signedIn = await login(admin);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({ mfaRequired: false });
      expect(signedIn.body.user.twoFactor.enabled).toBe(false);
    });

    it('refuses to reset an unknown admin with 404 ADMIN_NOT_FOUND', async () => {
      expectProblem(
        await root.post(`${ADMINS}/${randomUUID()}/password-reset`),
        404,
        'ADMIN_NOT_FOUND',
      );
      expectProblem(await root.post(`${ADMINS}/${randomUUID()}/2fa-reset`), 404, 'ADMIN_NOT_FOUND');
    });
  });

  it('records admin.create, admin.update, admin.delete and the resets in the audit log', async () => {
    const address = email('audited');
    const password = strongPassword();
    const created = await root.post(ADMINS, {
      body: { email: address, role: 'helpdesk', domains: [A], password },
    });
    const id = created.body.id as string;
    expect(
      (await root.patch(`${ADMINS}/${id}`, { body: { role: 'domain-admin', domains: [A, B] } }))
        .status,
    ).toBe(200);
    expect((await root.post(`${ADMINS}/${id}/password-reset`)).status).toBe(200);
    expect((await root.post(`${ADMINS}/${id}/2fa-reset`)).status).toBe(204);
    expect((await root.delete(`${ADMINS}/${id}`)).status).toBe(204);

    const events = await root.get(`/api/v1/audit-events?targetType=admin&target=${address}`);
    expect(events.status).toBe(200);
    const items = events.body.items as any[];
    expect(items.map((event) => event.action)).toEqual([
      'admin.delete',
      'admin.2fa-reset',
      'admin.password-reset',
      'admin.update',
      'admin.create',
    ]);
    for (const event of items) {
      expect(event).toMatchObject({
        targetType: 'admin',
        target: address,
        actor: { type: 'admin', label: ADMIN_EMAIL, via: 'session' },
      });
    }
    const [deleted, , , updated, createdEvent] = items;
    expect(createdEvent.after).toMatchObject({ email: address, role: 'helpdesk', domains: [A] });
    expect(updated.before).toMatchObject({ role: 'helpdesk', domains: [A] });
    expect(updated.after).toMatchObject({ role: 'domain-admin', domains: [A, B].sort() });
    expect(deleted.before).toMatchObject({ email: address, role: 'domain-admin' });
    expect(JSON.stringify(items)).not.toContain(password);
  });
});
