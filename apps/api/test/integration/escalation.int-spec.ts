import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { routeTable } from '../../src/common/auth/route-table.js';
import { ApiClient, type ApiResponse } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createAlias,
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
  uniqueDomainName,
} from '../support/factory.js';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../support/test-app.js';
import { createDatabase, migrate } from '../support/test-database.js';

/** Regression tests for privilege escalation: each names what must not happen. */

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const API = '/api/v1';

type Role = 'superadmin' | 'domain-admin' | 'helpdesk';

interface Credentials {
  email: string;
  password: string;
}

function expectFieldError(response: ApiResponse, field: string, code?: string): void {
  expectProblem(response, 422, 'VALIDATION_FAILED');
  const fields = fieldErrors(response);
  if (code === undefined) expect(fields.map((f) => f.split(':')[0])).toContain(field);
  else expect(fields).toContain(`${field}:${code}`);
}

/** A 404 for something out of reach must look exactly like one for something that does not exist. */
function expectSameNotFound(hidden: ApiResponse, missing: ApiResponse): void {
  expect(hidden.status).toBe(404);
  expect(missing.status).toBe(404);
  expect({ code: hidden.body.code, title: hidden.body.title, type: hidden.body.type }).toEqual({
    code: missing.body.code,
    title: missing.body.title,
    type: missing.body.type,
  });
}

describe('privilege escalation', () => {
  let t: TestApp;
  let setup: ApiClient;
  let A: string;
  let B: string;
  let domainAdminA: ApiClient;
  let domainAdminAId: string;
  let helpdeskA: ApiClient;
  let domainAdminB: Credentials & { id: string };

  function signIn(credentials: Credentials): Promise<ApiClient> {
    return ApiClient.login(t.baseUrl, credentials.email, credentials.password);
  }

  /** Grants a role through the API as the bootstrap superadmin; standalone when `password` is given. */
  async function grant(
    email: string,
    role: Role,
    domains: string[],
    password?: string,
  ): Promise<{ id: string; kind: string }> {
    const response = await setup.post(`${API}/admins`, {
      body: {
        email,
        role,
        ...(role === 'superadmin' ? {} : { domains }),
        ...(password === undefined ? {} : { password }),
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function standalone(
    role: Role,
    domains: string[],
    emailDomain = 'staff.example',
  ): Promise<Credentials & { id: string }> {
    const email = `${unique(role.slice(0, 2))}@${emailDomain}`;
    const password = strongPassword();
    const { id, kind } = await grant(email, role, domains, password);
    expect(kind).toBe('admin');
    return { id, email, password };
  }

  async function mailboxWithPassword(domain: string): Promise<Credentials> {
    const password = strongPassword();
    const mailbox = await createMailbox(setup, domain, { password });
    return { email: mailbox.address as string, password };
  }

  async function adminState(
    id: string,
  ): Promise<{ role: string; domains: string[]; active: boolean }> {
    const response = await setup.get(`${API}/admins/${id}`);
    expect(response.status).toBe(200);
    return {
      role: response.body.role,
      domains: response.body.domains,
      active: response.body.active,
    };
  }

  async function visibleAdminIds(client: ApiClient): Promise<string[]> {
    const response = await client.get(`${API}/admins?limit=100`);
    expect(response.status).toBe(200);
    return (response.body.items as { id: string }[]).map((item) => item.id);
  }

  beforeAll(async () => {
    t = await startTestApp(CHEAP_HASHING);
    setup = await t.superadmin();
    A = (await createDomain(setup)).name;
    B = (await createDomain(setup)).name;
    const daA = await standalone('domain-admin', [A]);
    domainAdminAId = daA.id;
    domainAdminA = await signIn(daA);
    helpdeskA = await signIn(await standalone('helpdesk', [A]));
    domainAdminB = await standalone('domain-admin', [B]);
  });
  afterAll(() => t.close());

  it('a domain admin cannot read, reset, 2FA-reset or change a superadmin who owns a mailbox in its domain (Mailu #2685)', async () => {
    const superMailbox = await mailboxWithPassword(A);
    const granted = await grant(superMailbox.email, 'superadmin', []);
    expect(granted.kind).toBe('mailbox');
    const appPassword = await setup.post(`${API}/mailboxes/${superMailbox.email}/app-passwords`, {
      body: { name: 'phone', protocols: ['imap'] },
    });
    expect(appPassword.status).toBe(201);
    const path = `${API}/mailboxes/${superMailbox.email}`;
    const missing = `${API}/mailboxes/${unique('nobody')}@${A}`;

    for (const client of [domainAdminA, helpdeskA]) {
      expectSameNotFound(await client.get(path), await client.get(missing));
      expectSameNotFound(
        await client.post(`${path}/password-reset`, { body: {} }),
        await client.post(`${missing}/password-reset`, { body: {} }),
      );
      expectProblem(
        await client.post(`${path}/password-reset`, { body: { password: strongPassword() } }),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expectSameNotFound(
        await client.post(`${path}/2fa-reset`),
        await client.post(`${missing}/2fa-reset`),
      );
      expectProblem(await client.post(`${path}/unlock`), 404, 'MAILBOX_NOT_FOUND');
      expectProblem(await client.get(`${path}/app-passwords`), 404, 'MAILBOX_NOT_FOUND');
    }
    expectProblem(
      await domainAdminA.patch(path, { body: { password: strongPassword(), active: false } }),
      404,
      'MAILBOX_NOT_FOUND',
    );
    expectProblem(await domainAdminA.delete(path), 404, 'MAILBOX_NOT_FOUND');
    expectProblem(await domainAdminA.post(`${path}/restore`), 404, 'MAILBOX_NOT_FOUND');
    expectProblem(
      await domainAdminA.post(`${path}/app-passwords`, {
        body: { name: 'backdoor', protocols: ['imap', 'smtp'] },
      }),
      404,
      'MAILBOX_NOT_FOUND',
    );
    expectProblem(
      await domainAdminA.delete(`${path}/app-passwords/${appPassword.body.id as string}`),
      404,
      'MAILBOX_NOT_FOUND',
    );
    expectProblem(await domainAdminA.get(`${API}/admins/${granted.id}`), 404, 'ADMIN_NOT_FOUND');
    expect(await visibleAdminIds(domainAdminA)).not.toContain(granted.id);

    const localPart = superMailbox.email.split('@')[0]!;
    for (const query of ['limit=100', `q=${localPart}`, 'deleted=true&limit=100']) {
      const list = await domainAdminA.get(`${API}/domains/${A}/mailboxes?${query}`);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain(superMailbox.email);
    }

    // Nothing changed: the superadmin still signs in with its password and keeps its mailbox.
    const login = await t.anonymous().post(`${API}/auth/login`, { body: superMailbox });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ kind: 'mailbox', role: 'superadmin' });
    const stored = await setup.get(path);
    expect(stored.body).toMatchObject({ active: true });
    expect((await setup.get(`${path}/app-passwords`)).body).toHaveLength(1);
  });

  it('a domain admin cannot redirect, read or change anything at the address of a principal out of its reach', async () => {
    // erin@A is a superadmin's mailbox; root@A a standalone superadmin's sign-in, with an
    // alias a superadmin made there. Neither is A's domain admin's to touch.
    const erin = await mailboxWithPassword(A);
    expect((await grant(erin.email, 'superadmin', [])).kind).toBe('mailbox');
    const root = `${unique('root')}@${A}`;
    expect((await grant(root, 'superadmin', [], strongPassword())).kind).toBe('admin');
    const rootAlias = await createAlias(setup, A, {
      address: root,
      destinations: ['root-inbox@elsewhere.example'],
    });
    const attacker = 'attacker@elsewhere.test';

    // Every route that takes an address, tried against those addresses. A new
    // address-bearing route fails here until it is given a body below.
    const bodies: Record<string, Record<string, unknown> | undefined> = {
      'GET /api/v1/mailboxes/:address': undefined,
      'PATCH /api/v1/mailboxes/:address': { forwardTo: [attacker], keepCopy: false },
      'DELETE /api/v1/mailboxes/:address': undefined,
      'POST /api/v1/mailboxes/:address/restore': {},
      'POST /api/v1/mailboxes/:address/password-reset': { password: strongPassword() },
      'POST /api/v1/mailboxes/:address/unlock': {},
      'POST /api/v1/mailboxes/:address/2fa-reset': {},
      'GET /api/v1/mailboxes/:address/app-passwords': undefined,
      'POST /api/v1/mailboxes/:address/app-passwords': { name: 'backdoor', protocols: ['imap'] },
      'DELETE /api/v1/mailboxes/:address/app-passwords/:id': undefined,
      'GET /api/v1/mailboxes/:address/spam-policy': undefined,
      'PUT /api/v1/mailboxes/:address/spam-policy': { enabled: false, virusAction: 'junk' },
      'GET /api/v1/mailboxes/:address/sender-rules': undefined,
      'POST /api/v1/mailboxes/:address/sender-rules': {
        kind: 'allow',
        match: { senderDomain: 'attacker.example' },
      },
      'DELETE /api/v1/mailboxes/:address/sender-rules/:id': undefined,
      'GET /api/v1/mailboxes/:address/sender-rules/decision': undefined,
      'GET /api/v1/mailboxes/:address/diagnostics': undefined,
      'POST /api/v1/mailboxes/:address/diagnostics/send-check': {
        from: attacker,
        to: 'someone@elsewhere.example',
      },
      'GET /api/v1/mailboxes/:address/handover': undefined,
      'POST /api/v1/mailboxes/:address/handover/send': { to: attacker },
      'GET /api/v1/aliases/:address': undefined,
      'PATCH /api/v1/aliases/:address': { destinations: [attacker] },
      'DELETE /api/v1/aliases/:address': undefined,
    };
    const addressRoutes = routeTable(t.app, 'api/v1')
      .filter((route) => route.path.includes(':address'))
      .map((route) => `${route.method} ${route.path}`);
    expect(addressRoutes.sort()).toEqual(Object.keys(bodies).sort());
    const allowed: string[] = [];
    for (const [route, body] of Object.entries(bodies)) {
      const [method, template] = route.split(' ') as [string, string];
      for (const address of template.includes('/aliases/') ? [root] : [erin.email, root]) {
        const path = template.replace(':address', address).replace(':id', randomUUID());
        const response = await domainAdminA.request(method, path, {
          ...(body === undefined ? {} : { body }),
        });
        if (response.status !== 404) allowed.push(`${method} ${path}: ${response.status}`);
      }
    }
    expect(allowed).toEqual([]);

    // Creating an alias there would take their mail: refused as out of reach.
    for (const body of [
      { localPart: erin.email.split('@')[0], destinations: [attacker] },
      { address: erin.email, destinations: [attacker] },
      { localPart: root.split('@')[0], destinations: [attacker] },
    ]) {
      expectProblem(
        await domainAdminA.post(`${API}/domains/${A}/aliases`, { body }),
        404,
        'MAILBOX_NOT_FOUND',
      );
    }
    const aliases = await domainAdminA.get(`${API}/domains/${A}/aliases?limit=100`);
    expect(aliases.status).toBe(200);
    expect(JSON.stringify(aliases.body)).not.toContain(root);
    // Nor does their history show in the audit log.
    for (const target of [erin.email, root]) {
      const events = await domainAdminA.get(`${API}/audit-events?target=${target}`);
      expect(events.status).toBe(200);
      expect(events.body.items).toEqual([]);
      expect((await setup.get(`${API}/audit-events?target=${target}`)).body.items).not.toEqual([]);
    }

    // Nothing changed.
    expectProblem(await setup.get(`${API}/aliases/${erin.email}`), 404, 'ALIAS_NOT_FOUND');
    expect((await setup.get(`${API}/aliases/${root}`)).body).toMatchObject({
      destinations: rootAlias.destinations,
      active: true,
    });
    expect((await setup.get(`${API}/mailboxes/${erin.email}`)).body).toMatchObject({
      displayName: '',
      active: true,
    });
    expect((await t.anonymous().post(`${API}/auth/login`, { body: erin })).status).toBe(200);
  });

  it('a domain admin cannot read, change or delete an admin of another domain, nor one that also holds another domain', async () => {
    const ofBoth = await standalone('helpdesk', [A, B]);
    for (const target of [domainAdminB, ofBoth]) {
      const before = await adminState(target.id);
      const path = `${API}/admins/${target.id}`;
      expectProblem(await domainAdminA.get(path), 404, 'ADMIN_NOT_FOUND');
      expectProblem(
        await domainAdminA.patch(path, { body: { active: false } }),
        404,
        'ADMIN_NOT_FOUND',
      );
      expectProblem(
        await domainAdminA.patch(path, { body: { domains: [A] } }),
        404,
        'ADMIN_NOT_FOUND',
      );
      expectProblem(await domainAdminA.delete(path), 404, 'ADMIN_NOT_FOUND');
      expectProblem(await domainAdminA.post(`${path}/password-reset`), 404, 'ADMIN_NOT_FOUND');
      expectProblem(await domainAdminA.post(`${path}/2fa-reset`), 404, 'ADMIN_NOT_FOUND');
      expect(await visibleAdminIds(domainAdminA)).not.toContain(target.id);
      expect(await adminState(target.id)).toEqual(before);
    }
    // The admin of B still signs in with its own password.
    expect((await signIn(domainAdminB)).baseUrl).toBe(t.baseUrl);
  });

  it('a domain admin can neither see nor revoke a superadmin’s API token', async () => {
    const superToken = await createToken(setup, { scopes: ['domains:read'] });
    const list = await domainAdminA.get(`${API}/api-tokens`);
    expect(list.status).toBe(200);
    expect((list.body as { id: string }[]).map((token) => token.id)).not.toContain(superToken.id);
    expectProblem(
      await domainAdminA.delete(`${API}/api-tokens/${superToken.id}`),
      404,
      'API_TOKEN_NOT_FOUND',
    );
    expect((await setup.withToken(superToken.token).get(`${API}/domains`)).status).toBe(200);
  });

  it('a domain admin cannot mint a token with a scope or a domain it does not hold', async () => {
    const before = ((await domainAdminA.get(`${API}/api-tokens`)).body as unknown[]).length;
    const importing = await domainAdminA.post(`${API}/api-tokens`, {
      body: { name: 'import', scopes: ['mailboxes:import'] },
    });
    expectProblem(importing, 403, 'SCOPE_NOT_GRANTABLE');
    const otherDomain = await domainAdminA.post(`${API}/api-tokens`, {
      body: { name: 'other', scopes: ['domains:read'], domains: [B] },
    });
    expectFieldError(otherDomain, 'domains.0');
    const helpdeskWrite = await helpdeskA.post(`${API}/api-tokens`, {
      body: { name: 'write', scopes: ['domains:write'] },
    });
    expectProblem(helpdeskWrite, 403, 'SCOPE_NOT_GRANTABLE');
    expect(((await domainAdminA.get(`${API}/api-tokens`)).body as unknown[]).length).toBe(before);
  });

  it('a domain admin cannot grant the superadmin role: 403 ROLE_NOT_GRANTABLE, not a validation error', async () => {
    const email = `${unique('would-be-root')}@${A}`;
    const response = await domainAdminA.post(`${API}/admins`, {
      body: { email, role: 'superadmin', password: strongPassword() },
    });
    expectProblem(response, 403, 'ROLE_NOT_GRANTABLE');
    // Nor to a mailbox of its own domain.
    const mailbox = await mailboxWithPassword(A);
    expectProblem(
      await domainAdminA.post(`${API}/admins`, {
        body: { email: mailbox.email, role: 'superadmin' },
      }),
      403,
      'ROLE_NOT_GRANTABLE',
    );
    // A malformed request is still 422.
    expectFieldError(
      await domainAdminA.post(`${API}/admins`, { body: { email, role: 'root' } }),
      'role',
    );
    const found = await setup.get(`${API}/admins?q=${email}`);
    expect(found.body.items).toEqual([]);
    const login = await t.anonymous().post(`${API}/auth/login`, { body: mailbox });
    expect(login.body.user).toMatchObject({ role: null, permissions: [] });
  });

  it('a domain admin cannot grant a domain it does not administer', async () => {
    const email = `${unique('helper')}@${A}`;
    const onlyB = await domainAdminA.post(`${API}/admins`, {
      body: { email, role: 'helpdesk', domains: [B], password: strongPassword() },
    });
    expectFieldError(onlyB, 'domains.0');
    const alsoB = await domainAdminA.post(`${API}/admins`, {
      body: { email, role: 'helpdesk', domains: [A, B], password: strongPassword() },
    });
    expectFieldError(alsoB, 'domains.1');
    expect(fieldErrors(alsoB).some((f) => f.startsWith('domains.0'))).toBe(false);
    expect((await setup.get(`${API}/admins?q=${email}`)).body.items).toEqual([]);
  });

  it('a domain admin learns nothing about an admin it cannot see from POST /admins (403, not "already holds a role")', async () => {
    const hidden = await domainAdminA.get(`${API}/admins?q=${ADMIN_EMAIL}`);
    expect(hidden.body.items).toEqual([]);
    const taken = await domainAdminA.post(`${API}/admins`, {
      body: { email: ADMIN_EMAIL, role: 'helpdesk', domains: [A] },
    });
    expectProblem(taken, 403, 'ADDRESS_OUT_OF_REACH');
    expect(taken.body.detail).not.toMatch(/holds|exists|superadmin/i);
    // The same answer as for an address in a domain it does not administer.
    const free = `${unique('free')}@${B}`;
    const elsewhere = await domainAdminA.post(`${API}/admins`, {
      body: { email: free, role: 'helpdesk', domains: [A] },
    });
    expectProblem(elsewhere, 403, 'ADDRESS_OUT_OF_REACH');
    expect(taken.body.detail).toBe((elsewhere.body.detail as string).replace(free, ADMIN_EMAIL));
    // An admin it can see is still a plain conflict.
    const visible = await standalone('helpdesk', [A]);
    expectProblem(
      await domainAdminA.post(`${API}/admins`, {
        body: { email: visible.email, role: 'helpdesk', domains: [A] },
      }),
      409,
      'ADMIN_EXISTS',
    );
  });

  it('a domain admin cannot squat an address in another tenant’s domain, nor in its alias domain (403 ADDRESS_OUT_OF_REACH)', async () => {
    const aliasOfB = uniqueDomainName();
    expect(
      (await setup.post(`${API}/alias-domains`, { body: { name: aliasOfB, targetDomain: B } }))
        .status,
    ).toBe(201);
    const mailboxOfB = await mailboxWithPassword(B);
    for (const email of [
      `${unique('boss')}@${B}`,
      `${unique('boss')}@${aliasOfB}`,
      mailboxOfB.email,
    ]) {
      for (const body of [
        { email, role: 'helpdesk', domains: [A] },
        { email, role: 'helpdesk', domains: [A], password: strongPassword() },
      ]) {
        expectProblem(
          await domainAdminA.post(`${API}/admins`, { body }),
          403,
          'ADDRESS_OUT_OF_REACH',
        );
      }
      expect((await setup.get(`${API}/admins?q=${email}`)).body.items).toEqual([]);
    }
    // The owner of B's mailbox still signs in as itself, without a role.
    const login = await t.anonymous().post(`${API}/auth/login`, { body: mailboxOfB });
    expect(login.body.user).toMatchObject({ kind: 'mailbox', role: null });
    // Its own domain, and addresses hosted nowhere here, remain its to use.
    for (const email of [`${unique('staff')}@${A}`, `${unique('contractor')}@elsewhere.example`]) {
      const created = await domainAdminA.post(`${API}/admins`, {
        body: { email, role: 'helpdesk', domains: [A] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });

  it('a helpdesk issues and revokes app passwords for mailboxes in its reach, audited, and for no others', async () => {
    const user = await mailboxWithPassword(A);
    const path = `${API}/mailboxes/${user.email}/app-passwords`;
    const issued = await helpdeskA.post(path, { body: { name: 'phone', protocols: ['imap'] } });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body).toMatchObject({ name: 'phone', createdBy: 'admin' });
    expect((await helpdeskA.get(path)).body).toHaveLength(1);
    expect((await helpdeskA.delete(`${path}/${issued.body.id as string}`)).status).toBe(204);
    expect((await helpdeskA.get(path)).body).toEqual([]);
    const events = await setup.get(
      `${API}/audit-events?target=${encodeURIComponent(user.email)}&limit=100`,
    );
    expect((events.body.items as { action: string }[]).map((e) => e.action)).toEqual(
      expect.arrayContaining(['app-password.create', 'app-password.delete']),
    );
    expect(JSON.stringify(events.body)).not.toContain(issued.body.password as string);

    // Not for a mailbox of another domain, nor for one whose owner outranks the helpdesk.
    const ofB = await mailboxWithPassword(B);
    const adminMailbox = await mailboxWithPassword(A);
    await grant(adminMailbox.email, 'domain-admin', [A]);
    for (const email of [ofB.email, adminMailbox.email]) {
      expectProblem(
        await helpdeskA.post(`${API}/mailboxes/${email}/app-passwords`, {
          body: { name: 'backdoor', protocols: ['imap', 'smtp'] },
        }),
        404,
        'MAILBOX_NOT_FOUND',
      );
      expect((await setup.get(`${API}/mailboxes/${email}/app-passwords`)).body).toEqual([]);
    }
  });

  it('a helpdesk cannot create admins', async () => {
    const email = `${unique('helper')}@${A}`;
    const response = await helpdeskA.post(`${API}/admins`, {
      body: { email, role: 'helpdesk', domains: [A], password: strongPassword() },
    });
    expectProblem(response, 403, 'FORBIDDEN');
    expect((await setup.get(`${API}/admins?q=${email}`)).body.items).toEqual([]);
  });

  it('a domain admin cannot widen an admin of its domain, nor itself, beyond its own rights', async () => {
    const staff = await standalone('helpdesk', [A]);
    const before = await adminState(staff.id);
    expectFieldError(
      await domainAdminA.patch(`${API}/admins/${staff.id}`, { body: { domains: [A, B] } }),
      'domains.1',
    );
    expectProblem(
      await domainAdminA.patch(`${API}/admins/${staff.id}`, { body: { role: 'superadmin' } }),
      403,
      'ROLE_NOT_GRANTABLE',
    );
    expect(await adminState(staff.id)).toEqual(before);

    const self = await adminState(domainAdminAId);
    expectFieldError(
      await domainAdminA.patch(`${API}/admins/${domainAdminAId}`, { body: { domains: [A, B] } }),
      'domains.1',
    );
    expectProblem(
      await domainAdminA.patch(`${API}/admins/${domainAdminAId}`, {
        body: { role: 'superadmin', domains: [] },
      }),
      403,
      'ROLE_NOT_GRANTABLE',
    );
    expect(await adminState(domainAdminAId)).toEqual(self);
    // Still what it was.
    const me = await domainAdminA.get(`${API}/me`);
    expect(me.body).toMatchObject({ role: 'domain-admin', domains: [A] });
  });

  it('a helpdesk cannot reset the password or 2FA of a domain admin’s mailbox in its domain', async () => {
    const adminMailbox = await mailboxWithPassword(A);
    expect((await grant(adminMailbox.email, 'domain-admin', [A])).kind).toBe('mailbox');
    const path = `${API}/mailboxes/${adminMailbox.email}`;
    expectProblem(await helpdeskA.get(path), 404, 'MAILBOX_NOT_FOUND');
    expectProblem(
      await helpdeskA.post(`${path}/password-reset`, { body: {} }),
      404,
      'MAILBOX_NOT_FOUND',
    );
    expectProblem(await helpdeskA.post(`${path}/2fa-reset`), 404, 'MAILBOX_NOT_FOUND');
    expectProblem(await helpdeskA.post(`${path}/unlock`), 404, 'MAILBOX_NOT_FOUND');
    const list = await helpdeskA.get(`${API}/domains/${A}/mailboxes?limit=100`);
    expect(JSON.stringify(list.body)).not.toContain(adminMailbox.email);
    // A peer can: the domain admin of A reaches a mailbox holding its own rank in its domain.
    expect((await domainAdminA.get(path)).status).toBe(200);

    const login = await t.anonymous().post(`${API}/auth/login`, { body: adminMailbox });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'domain-admin', restriction: null });
  });

  it('a domain admin cannot change its domain’s limits or quotas, but can change its description and 2FA policy', async () => {
    const domain = await createDomain(setup, { maxMailboxes: 50, quotaBytes: 10_000_000 });
    const admin = await signIn(await standalone('domain-admin', [domain.name]));
    const path = `${API}/domains/${domain.name as string}`;
    for (const limit of [
      { maxMailboxes: 100 },
      { maxMailboxes: 0 },
      { maxAliases: 5 },
      { defaultQuotaBytes: 1000 },
      { maxQuotaBytes: 2000 },
      { quotaBytes: 0 },
      { description: 'and a limit', quotaBytes: 20_000_000 },
    ]) {
      expectProblem(await admin.patch(path, { body: limit }), 403, 'FORBIDDEN');
    }
    const unchanged = await setup.get(path);
    expect(unchanged.body).toMatchObject({
      maxMailboxes: 50,
      maxAliases: 0,
      quotaBytes: 10_000_000,
      description: '',
    });

    const allowed = await admin.patch(path, {
      body: { description: 'Sales', twoFactorPolicy: 'required' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ description: 'Sales', twoFactorPolicy: 'required' });
  });

  it('a domain admin can neither read nor change another domain’s spam policy and sender rules, nor the global rules', async () => {
    const victim = (await createMailbox(setup, B)).address as string;
    const domainRule = await setup.post(`${API}/domains/${B}/sender-rules`, {
      body: { kind: 'allow', match: { senderDomain: 'partner.example' } },
    });
    const mailboxRule = await setup.post(`${API}/mailboxes/${victim}/sender-rules`, {
      body: { kind: 'allow', match: { sender: 'friend@partner.example' } },
    });
    const globalRule = await setup.post(`${API}/sender-rules`, {
      body: { kind: 'block', match: { senderDomain: `${unique('g')}.example` } },
    });
    expect([domainRule.status, mailboxRule.status, globalRule.status]).toEqual([201, 201, 201]);
    expect(
      (await setup.put(`${API}/domains/${B}/spam-policy`, { body: { junkScore: 9 } })).status,
    ).toBe(200);
    const missingDomain = uniqueDomainName();
    const missingMailbox = `${unique('nobody')}@${B}`;

    expectSameNotFound(
      await domainAdminA.get(`${API}/domains/${B}/spam-policy`),
      await domainAdminA.get(`${API}/domains/${missingDomain}/spam-policy`),
    );
    expectSameNotFound(
      await domainAdminA.put(`${API}/domains/${B}/spam-policy`, { body: { junkScore: 50 } }),
      await domainAdminA.put(`${API}/domains/${missingDomain}/spam-policy`, {
        body: { junkScore: 50 },
      }),
    );
    expectSameNotFound(
      await domainAdminA.get(`${API}/mailboxes/${victim}/spam-policy`),
      await domainAdminA.get(`${API}/mailboxes/${missingMailbox}/spam-policy`),
    );
    expectProblem(
      await domainAdminA.put(`${API}/mailboxes/${victim}/spam-policy`, {
        body: { enabled: false },
      }),
      404,
      'MAILBOX_NOT_FOUND',
    );
    expectSameNotFound(
      await domainAdminA.get(`${API}/domains/${B}/sender-rules`),
      await domainAdminA.get(`${API}/domains/${missingDomain}/sender-rules`),
    );
    expectProblem(
      await domainAdminA.post(`${API}/domains/${B}/sender-rules`, {
        body: { kind: 'block', match: { senderDomain: 'partner.example' } },
      }),
      404,
      'DOMAIN_NOT_FOUND',
    );
    expectProblem(
      await domainAdminA.delete(`${API}/domains/${B}/sender-rules/${domainRule.body.id as string}`),
      404,
      'DOMAIN_NOT_FOUND',
    );
    // Its own domain's list cannot reach another list's rule by id.
    expectProblem(
      await domainAdminA.delete(`${API}/domains/${A}/sender-rules/${domainRule.body.id as string}`),
      404,
      'SENDER_RULE_NOT_FOUND',
    );
    expectProblem(
      await domainAdminA.delete(
        `${API}/mailboxes/${victim}/sender-rules/${mailboxRule.body.id as string}`,
      ),
      404,
      'MAILBOX_NOT_FOUND',
    );
    expectProblem(
      await domainAdminA.get(`${API}/mailboxes/${victim}/sender-rules/decision?sender=a@b.example`),
      404,
      'MAILBOX_NOT_FOUND',
    );
    // Global rules are the operator's: no reading, adding or removing, and no glimpse through a list.
    expectProblem(await domainAdminA.get(`${API}/sender-rules`), 403, 'FORBIDDEN');
    expectProblem(
      await domainAdminA.post(`${API}/sender-rules`, {
        body: { kind: 'allow', match: { clientIp: '0.0.0.0/0' } },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await domainAdminA.delete(`${API}/sender-rules/${globalRule.body.id as string}`),
      403,
      'FORBIDDEN',
    );
    const own = await domainAdminA.get(`${API}/domains/${A}/sender-rules?inherited=true&limit=200`);
    expect(own.status).toBe(200);
    expect((own.body.items as { level: string }[]).map((r) => r.level)).not.toContain('global');

    // Nothing changed.
    expect((await setup.get(`${API}/domains/${B}/spam-policy`)).body.own.junkScore).toBe(9);
    const rules = await setup.get(
      `${API}/mailboxes/${victim}/sender-rules?inherited=true&limit=200`,
    );
    expect((rules.body.items as { id: string }[]).map((r) => r.id)).toEqual(
      expect.arrayContaining([domainRule.body.id, mailboxRule.body.id, globalRule.body.id]),
    );
    expect((await setup.delete(`${API}/sender-rules/${globalRule.body.id as string}`)).status).toBe(
      204,
    );
  });

  it('a domain admin cannot create or delete domains or alias domains, not even its own', async () => {
    const aliasDomain = uniqueDomainName();
    expect(
      (await setup.post(`${API}/alias-domains`, { body: { name: aliasDomain, targetDomain: A } }))
        .status,
    ).toBe(201);
    const name = uniqueDomainName();
    expectProblem(await domainAdminA.post(`${API}/domains`, { body: { name } }), 403, 'FORBIDDEN');
    expectProblem(await domainAdminA.delete(`${API}/domains/${A}`), 403, 'FORBIDDEN');
    expectProblem(await domainAdminA.delete(`${API}/domains/${A}?force=true`), 403, 'FORBIDDEN');
    expectProblem(
      await domainAdminA.post(`${API}/alias-domains`, {
        body: { name: uniqueDomainName(), targetDomain: A },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await domainAdminA.delete(`${API}/alias-domains/${aliasDomain}`),
      403,
      'FORBIDDEN',
    );

    expect((await setup.get(`${API}/domains/${name}`)).status).toBe(404);
    expect((await setup.get(`${API}/domains/${A}`)).status).toBe(200);
    expect((await setup.get(`${API}/alias-domains/${aliasDomain}`)).status).toBe(200);
    // It can still see what it may see.
    expect((await domainAdminA.get(`${API}/alias-domains/${aliasDomain}`)).status).toBe(200);
  });

  it('a token does not keep a domain its owner loses, nor keep working once the owner’s role is inactive', async () => {
    const kept = (await createDomain(setup)).name as string;
    const lost = (await createDomain(setup)).name as string;
    const owner = await standalone('domain-admin', [kept, lost]);
    const ownerSession = await signIn(owner);
    const implicit = setup.withToken(
      (await createToken(ownerSession, { scopes: ['domains:read', 'mailboxes:read'] })).token,
    );
    const explicit = setup.withToken(
      (await createToken(ownerSession, { scopes: ['domains:read'], domains: [lost] })).token,
    );
    expect((await implicit.get(`${API}/domains/${lost}`)).status).toBe(200);
    expect((await explicit.get(`${API}/domains/${lost}`)).status).toBe(200);

    const narrowed = await setup.patch(`${API}/admins/${owner.id}`, { body: { domains: [kept] } });
    expect(narrowed.status).toBe(200);
    expectProblem(await implicit.get(`${API}/domains/${lost}`), 404, 'DOMAIN_NOT_FOUND');
    expectProblem(await implicit.get(`${API}/domains/${lost}/mailboxes`), 404, 'DOMAIN_NOT_FOUND');
    expectProblem(await explicit.get(`${API}/domains/${lost}`), 404, 'DOMAIN_NOT_FOUND');
    const list = await implicit.get(`${API}/domains?limit=100`);
    expect((list.body.items as { name: string }[]).map((d) => d.name)).toEqual([kept]);
    expect((await explicit.get(`${API}/domains?limit=100`)).body.items).toEqual([]);
    expect((await implicit.get(`${API}/domains/${kept}`)).status).toBe(200);

    const deactivated = await setup.patch(`${API}/admins/${owner.id}`, { body: { active: false } });
    expect(deactivated.status).toBe(200);
    expectProblem(await implicit.get(`${API}/domains/${kept}`), 401, 'UNAUTHENTICATED');
    expectProblem(await implicit.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    expectProblem(await ownerSession.get(`${API}/me`), 401, 'UNAUTHENTICATED');
  });

  it('a token of a mailbox identity stops working once that role is inactive, though the mailbox still signs in', async () => {
    const mailbox = await mailboxWithPassword(A);
    const granted = await grant(mailbox.email, 'domain-admin', [A]);
    expect(granted.kind).toBe('mailbox');
    const token = setup.withToken(
      (await createToken(await signIn(mailbox), { scopes: ['domains:read'] })).token,
    );
    expect((await token.get(`${API}/domains/${A}`)).status).toBe(200);

    expect(
      (await setup.patch(`${API}/admins/${granted.id}`, { body: { active: false } })).status,
    ).toBe(200);
    expectProblem(await token.get(`${API}/domains/${A}`), 401, 'UNAUTHENTICATED');
    expectProblem(await token.get(`${API}/me`), 401, 'UNAUTHENTICATED');
    const login = await t.anonymous().post(`${API}/auth/login`, { body: mailbox });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ kind: 'mailbox', role: null, permissions: [] });
  });

  it('a token loses the permissions its owner’s role loses', async () => {
    const domain = (await createDomain(setup)).name as string;
    const owner = await standalone('domain-admin', [domain]);
    const token = setup.withToken(
      (await createToken(await signIn(owner), { scopes: ['mailboxes:write', 'audit:read'] })).token,
    );
    const before = await token.post(`${API}/domains/${domain}/mailboxes`, {
      body: { localPart: unique('a'), password: strongPassword() },
    });
    expect(before.status).toBe(201);

    expect(
      (await setup.patch(`${API}/admins/${owner.id}`, { body: { role: 'helpdesk' } })).status,
    ).toBe(200);
    expectProblem(
      await token.post(`${API}/domains/${domain}/mailboxes`, {
        body: { localPart: unique('b'), password: strongPassword() },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await token.get(`${API}/audit-events`), 403, 'FORBIDDEN');
    // What the helpdesk role keeps, it keeps.
    expect((await token.get(`${API}/mailboxes/${before.body.address as string}`)).status).toBe(200);
    const me = await token.get(`${API}/me`);
    expect(me.body.permissions).toEqual(['mailboxes:credentials', 'mailboxes:read']);
  });

  it('a mailbox user reaches none of the admin routes', async () => {
    const user = await signIn(await mailboxWithPassword(A));
    const victim = (await createMailbox(setup, A)).address as string;
    const alias = (await createAlias(setup, A)).address as string;
    const params: Record<string, string> = {
      ':domain': A,
      ':name': A,
      ':address': victim,
      ':id': randomUUID(),
    };
    const refused: string[] = [];
    const permissionRoutes = routeTable(t.app, 'api/v1').filter(
      (route) => route.access?.kind === 'permission',
    );
    expect(permissionRoutes.length).toBeGreaterThan(20);
    for (const route of permissionRoutes) {
      let path = route.path.replace(/:\w+/g, (param) => params[param] ?? param);
      if (path.includes('/aliases/')) path = path.replace(victim, alias);
      const response = await user.request(route.method, path, {
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
      });
      if (response.status !== 403 || response.body.code !== 'FORBIDDEN')
        refused.push(`${route.method} ${path}: ${response.status}`);
    }
    expect(refused).toEqual([]);
    expectProblem(
      await user.post(`${API}/api-tokens`, { body: { name: 'mine', scopes: ['domains:read'] } }),
      403,
      'FORBIDDEN',
    );
    expect((await setup.get(`${API}/mailboxes/${victim}`)).body.displayName).toBe('');
  });

  it('a mailbox user of B can read or touch nothing of A', async () => {
    const userA = await mailboxWithPassword(A);
    const sessionA = await signIn(userA);
    const appPassword = await sessionA.post(`${API}/me/app-passwords`, {
      body: { name: 'laptop', protocols: ['imap'] },
    });
    expect(appPassword.status).toBe(201);
    const sessionIdA = ((await sessionA.get(`${API}/me/sessions`)).body as { id: string }[])[0]!.id;
    const alias = (await createAlias(setup, A)).address as string;

    const userB = await signIn(await mailboxWithPassword(B));
    for (const path of [
      `/domains/${A}`,
      `/domains/${A}/mailboxes`,
      `/domains/${A}/aliases`,
      `/mailboxes/${userA.email}`,
      `/mailboxes/${userA.email}/app-passwords`,
      `/domains/${A}/spam-policy`,
      `/mailboxes/${userA.email}/spam-policy`,
      `/aliases/${alias}`,
      `/alias-domains`,
      `/audit-events`,
      `/admins`,
    ]) {
      const response = await userB.get(`${API}${path}`);
      expectProblem(response, 403, 'FORBIDDEN');
      // The refusal echoes the request (instance), and nothing else of A.
      for (const secret of [userA.email, alias])
        if (!path.includes(secret)) expect(JSON.stringify(response.body)).not.toContain(secret);
    }
    expectProblem(
      await userB.delete(`${API}/me/app-passwords/${appPassword.body.id as string}`),
      404,
      'APP_PASSWORD_NOT_FOUND',
    );
    expectProblem(await userB.delete(`${API}/me/sessions/${sessionIdA}`), 404, 'SESSION_NOT_FOUND');
    for (const path of [
      '/me',
      '/me/sessions',
      '/me/app-passwords',
      '/me/connection-settings',
      '/me/spam-policy',
    ]) {
      const response = await userB.get(`${API}${path}`);
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain(A);
    }

    // A's session and app password are untouched.
    const own = await sessionA.get(`${API}/me/app-passwords`);
    expect(own.status).toBe(200);
    expect((own.body as { id: string }[]).map((p) => p.id)).toEqual([appPassword.body.id]);
  });

  it('a role granted to a mailbox uses the mailbox’s own credentials, and cannot be given another password', async () => {
    const mailbox = await mailboxWithPassword(A);
    const granted = await setup.post(`${API}/admins`, {
      body: { email: mailbox.email, role: 'domain-admin', domains: [A] },
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ kind: 'mailbox', role: 'domain-admin', domains: [A] });
    expect(granted.body).not.toHaveProperty('temporaryPassword');

    const login = await t.anonymous().post(`${API}/auth/login`, { body: mailbox });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({
      kind: 'mailbox',
      email: mailbox.email,
      role: 'domain-admin',
      domains: [A],
    });
    expect(login.body.user.permissions).toContain('admins:write');

    const other = await mailboxWithPassword(A);
    const withPassword = await setup.post(`${API}/admins`, {
      body: { email: other.email, role: 'helpdesk', domains: [A], password: strongPassword() },
    });
    expectProblem(withPassword, 409, 'SIGN_IN_ADDRESS_TAKEN');
    expect((await setup.get(`${API}/admins?q=${other.email}`)).body.items).toEqual([]);

    const id = granted.body.id as string;
    expectProblem(
      await setup.post(`${API}/admins/${id}/password-reset`),
      409,
      'ADMIN_USES_MAILBOX_CREDENTIALS',
    );
    expectProblem(
      await setup.post(`${API}/admins/${id}/2fa-reset`),
      409,
      'ADMIN_USES_MAILBOX_CREDENTIALS',
    );
    // The mailbox password still works.
    expect((await t.anonymous().post(`${API}/auth/login`, { body: mailbox })).status).toBe(200);
  });
});

describe('the last active superadmin', () => {
  // A database of its own: elsewhere, other specs' superadmins are always around.
  let database: { url: string; drop(): Promise<void> } | undefined;
  let t: TestApp | undefined;

  beforeAll(async () => {
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_last_superadmin');
    await migrate(database.url);
    t = await startTestApp(CHEAP_HASHING, database.url);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('cannot be demoted, deactivated or deleted, but can be once another superadmin exists', async () => {
    const app = t!;
    const root = await app.superadmin();
    const rootList = await root.get(`${API}/admins?q=${ADMIN_EMAIL}`);
    expect(rootList.body.items).toHaveLength(1);
    const rootId = rootList.body.items[0].id as string;
    const rootPath = `${API}/admins/${rootId}`;
    const domain = (await createDomain(root)).name as string;

    expectProblem(
      await root.patch(rootPath, { body: { role: 'domain-admin', domains: [domain] } }),
      409,
      'LAST_SUPERADMIN',
    );
    expectProblem(
      await root.patch(rootPath, { body: { role: 'helpdesk', domains: [domain] } }),
      409,
      'LAST_SUPERADMIN',
    );
    expectProblem(await root.patch(rootPath, { body: { active: false } }), 409, 'LAST_SUPERADMIN');
    expectProblem(await root.delete(rootPath), 409, 'LAST_SUPERADMIN');
    expect((await root.get(rootPath)).body).toMatchObject({
      role: 'superadmin',
      active: true,
      domains: [],
    });

    // A second superadmin.
    const second = { email: `${unique('second')}@yubin.test`, password: strongPassword() };
    const created = await root.post(`${API}/admins`, { body: { ...second, role: 'superadmin' } });
    expect(created.status).toBe(201);
    const secondPath = `${API}/admins/${created.body.id as string}`;
    const other = await ApiClient.login(app.baseUrl, second.email, second.password);

    expect((await other.patch(rootPath, { body: { active: false } })).status).toBe(200);
    // Now the second one is the last active superadmin.
    expectProblem(
      await other.patch(secondPath, { body: { active: false } }),
      409,
      'LAST_SUPERADMIN',
    );
    expectProblem(await other.delete(secondPath), 409, 'LAST_SUPERADMIN');
    expect((await other.patch(rootPath, { body: { active: true } })).status).toBe(200);

    const demoted = await other.patch(rootPath, {
      body: { role: 'domain-admin', domains: [domain] },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ role: 'domain-admin', domains: [domain] });
    expectProblem(
      await other.patch(secondPath, { body: { role: 'domain-admin', domains: [domain] } }),
      409,
      'LAST_SUPERADMIN',
    );
    const promoted = await other.patch(rootPath, { body: { role: 'superadmin', domains: [] } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'superadmin', domains: [] });

    expect((await other.delete(rootPath)).status).toBe(204);
    expectProblem(await other.get(rootPath), 404, 'ADMIN_NOT_FOUND');
    expectProblem(await other.delete(secondPath), 409, 'LAST_SUPERADMIN');
    expect((await other.get(secondPath)).body).toMatchObject({ role: 'superadmin', active: true });
  });
});
