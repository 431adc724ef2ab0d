import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../support/api-client.js';
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

interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: {
    type: string;
    id: string | null;
    label: string;
    via: string;
    tokenId: string | null;
  };
  action: string;
  targetType: string;
  target: string;
  domain: string | null;
  before: Record<string, any> | null;
  after: Record<string, any> | null;
  ip: string | null;
  requestId: string | null;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: ApiClient;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
    const me = await admin.get('/api/v1/me');
    expect(me.status).toBe(200);
    adminId = me.body.id as string;
  });
  afterAll(() => t.close());

  function queryString(filter: Record<string, string | number>): string {
    return new URLSearchParams(
      Object.entries(filter).map(([key, value]): [string, string] => [key, String(value)]),
    ).toString();
  }

  /** One page of up to 200 events: plenty for the few changes a test makes. */
  async function events(
    filter: Record<string, string | number>,
    client: ApiClient = admin,
  ): Promise<AuditEvent[]> {
    const response = await client.get(
      `/api/v1/audit-events?${queryString({ limit: 200, ...filter })}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as AuditEvent[];
  }

  const actions = (list: AuditEvent[]): string[] => list.map((e) => e.action);

  const sessionActor = () => ({
    type: 'admin',
    id: adminId,
    label: ADMIN_EMAIL,
    via: 'session',
    tokenId: null,
  });

  function expectNoSecrets(list: AuditEvent[], secrets: string[]): void {
    const text = JSON.stringify(list);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('$argon2');
    expect(text).not.toMatch(/password_?hash/i);
  }

  describe('an event for each change', () => {
    it('records domain create, update and delete, with snapshots and the session actor', async () => {
      const name = uniqueDomainName();
      const created = await admin.post('/api/v1/domains', { body: { name } });
      expect(created.status).toBe(201);
      const updated = await admin.patch(`/api/v1/domains/${name}`, {
        body: { description: 'changed', maxAliases: 5 },
      });
      expect(updated.status).toBe(200);
      const deleted = await admin.delete(`/api/v1/domains/${name}`);
      expect(deleted.status).toBe(204);

      // The history outlives the domain.
      const list = await events({ domain: name });
      expect(actions(list)).toEqual(['domain.delete', 'domain.update', 'domain.create']);
      const [del, upd, cre] = list as [AuditEvent, AuditEvent, AuditEvent];

      expect(cre).toMatchObject({
        id: expect.any(String),
        occurredAt: expect.any(String),
        actor: sessionActor(),
        targetType: 'domain',
        target: name,
        domain: name,
        before: null,
        after: { name, description: '', maxAliases: 0, aliasCount: 0 },
        ip: expect.stringContaining('127.0.0.1'),
        requestId: created.headers.get('x-request-id'),
      });
      expect(upd).toMatchObject({
        actor: sessionActor(),
        target: name,
        before: { name, description: '', maxAliases: 0 },
        after: { name, description: 'changed', maxAliases: 5 },
        requestId: updated.headers.get('x-request-id'),
      });
      expect(del).toMatchObject({
        actor: sessionActor(),
        target: name,
        before: { name, description: 'changed' },
        after: null,
        requestId: deleted.headers.get('x-request-id'),
      });
    });

    it('records mailbox create, update, delete, restore and password reset without secrets', async () => {
      const domain = await createDomain(admin);
      const firstPassword = strongPassword();
      const mailbox = await createMailbox(admin, domain.name, { password: firstPassword });
      const path = `/api/v1/mailboxes/${mailbox.address}`;

      const generated = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: unique('temp') },
      });
      expect(generated.status).toBe(201);
      const firstTemporary = generated.body.temporaryPassword as string;
      expect(firstTemporary).toEqual(expect.any(String));

      const secondPassword = strongPassword();
      const updated = await admin.patch(path, {
        body: { password: secondPassword, displayName: 'Changed Name' },
      });
      expect(updated.status).toBe(200);

      const reset = await admin.post(`${path}/password-reset`, { body: {} });
      expect(reset.status).toBe(200);
      const secondTemporary = reset.body.temporaryPassword as string;
      expect(secondTemporary).toEqual(expect.any(String));

      const thirdPassword = strongPassword();
      const chosen = await admin.post(`${path}/password-reset`, {
        body: { password: thirdPassword },
      });
      expect(chosen.status).toBe(200);

      expect((await admin.delete(path)).status).toBe(204);
      expect((await admin.post(`${path}/restore`)).status).toBe(200);

      const list = await events({ domain: domain.name, target: mailbox.address });
      expect(actions(list)).toEqual([
        'mailbox.restore',
        'mailbox.delete',
        'mailbox.password-reset',
        'mailbox.password-reset',
        'mailbox.update',
        'mailbox.create',
      ]);
      for (const event of list) {
        expect(event).toMatchObject({
          actor: sessionActor(),
          targetType: 'mailbox',
          target: mailbox.address,
          domain: domain.name,
        });
      }
      const byAction = (action: string) => list.find((e) => e.action === action) as AuditEvent;
      expect(byAction('mailbox.create').after).toMatchObject({ address: mailbox.address });
      expect(byAction('mailbox.update').before).toMatchObject({ displayName: '' });
      expect(byAction('mailbox.update').after).toMatchObject({ displayName: 'Changed Name' });
      expect(byAction('mailbox.delete').before).toMatchObject({ deletedAt: null });
      expect(byAction('mailbox.restore').after).toMatchObject({ deletedAt: null });

      const generatedEvents = await events({ target: generated.body.address as string });
      expect(actions(generatedEvents)).toEqual(['mailbox.create']);

      expectNoSecrets(await events({ domain: domain.name }), [
        firstPassword,
        secondPassword,
        thirdPassword,
        firstTemporary,
        secondTemporary,
      ]);
    });

    it('records alias create, update and delete, the catch-all included', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name, {
        destinations: ['first@elsewhere.example'],
      });
      const patched = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { destinations: ['second@elsewhere.example'], active: false },
      });
      expect(patched.status).toBe(200);
      expect((await admin.delete(`/api/v1/aliases/${alias.address}`)).status).toBe(204);
      const catchAll = await createAlias(admin, domain.name, { localPart: '' });

      const list = await events({ domain: domain.name, targetType: 'alias' });
      expect(list.map((e) => `${e.action} ${e.target}`)).toEqual([
        `alias.create ${catchAll.address}`,
        `alias.delete ${alias.address}`,
        `alias.update ${alias.address}`,
        `alias.create ${alias.address}`,
      ]);
      const [createdCatchAll, deleted, updated, created] = list as [
        AuditEvent,
        AuditEvent,
        AuditEvent,
        AuditEvent,
      ];
      for (const event of list)
        expect(event).toMatchObject({ actor: sessionActor(), domain: domain.name });
      expect(created.before).toBeNull();
      expect(created.after).toMatchObject({
        address: alias.address,
        destinations: ['first@elsewhere.example'],
        active: true,
      });
      expect(updated.before).toMatchObject({ destinations: ['first@elsewhere.example'] });
      expect(updated.after).toMatchObject({
        destinations: ['second@elsewhere.example'],
        active: false,
      });
      expect(deleted.before).toMatchObject({ address: alias.address, active: false });
      expect(deleted.after).toBeNull();
      expect(createdCatchAll.after).toMatchObject({ address: `@${domain.name}`, catchAll: true });
    });

    it('records alias-domain create and delete in the target domain', async () => {
      const target = await createDomain(admin);
      const name = uniqueDomainName();
      const created = await admin.post('/api/v1/alias-domains', {
        body: { name, targetDomain: target.name },
      });
      expect(created.status).toBe(201);
      expect((await admin.delete(`/api/v1/alias-domains/${name}`)).status).toBe(204);

      const list = await events({ target: name });
      expect(actions(list)).toEqual(['alias-domain.delete', 'alias-domain.create']);
      const [deleted, createdEvent] = list as [AuditEvent, AuditEvent];
      expect(createdEvent).toMatchObject({
        actor: sessionActor(),
        targetType: 'alias-domain',
        domain: target.name,
        before: null,
        after: { name, targetDomain: target.name },
      });
      expect(deleted).toMatchObject({
        targetType: 'alias-domain',
        domain: target.name,
        before: { name, targetDomain: target.name },
        after: null,
      });
      expect(actions(await events({ domain: target.name, action: 'alias-domain' }))).toEqual([
        'alias-domain.delete',
        'alias-domain.create',
      ]);
    });

    it('records API token create and delete without the token', async () => {
      const token = await createToken(admin, { scopes: ['domains:read', 'audit:read'] });
      const deleted = await admin.delete(`/api/v1/api-tokens/${token.id}`);
      expect(deleted.status).toBe(204);

      const list = await events({ target: token.id, targetType: 'api-token' });
      expect(actions(list)).toEqual(['api-token.delete', 'api-token.create']);
      const [del, cre] = list as [AuditEvent, AuditEvent];
      expect(cre).toMatchObject({
        actor: sessionActor(),
        target: token.id,
        domain: null,
        before: null,
        after: { id: token.id, name: token.name, scopes: ['domains:read', 'audit:read'] },
      });
      expect(del).toMatchObject({
        actor: sessionActor(),
        target: token.id,
        before: { name: token.name },
        after: null,
      });
      expectNoSecrets(list, [token.token]);
    });
  });

  describe('actors', () => {
    it('names the token, and its owner, as the actor of changes made with it', async () => {
      const token = await createToken(admin, {
        scopes: ['domains:write', 'mailboxes:write', 'aliases:write'],
      });
      const client = admin.withToken(token.token);
      const domain = await createDomain(client);
      const mailbox = await createMailbox(client, domain.name);
      await createAlias(admin, domain.name);

      const list = await events({ domain: domain.name });
      expect(actions(list)).toEqual(['alias.create', 'mailbox.create', 'domain.create']);
      const tokenActor = {
        type: 'admin',
        id: adminId,
        label: ADMIN_EMAIL,
        via: 'token',
        tokenId: token.id,
      };
      expect(list[2]?.actor).toEqual(tokenActor);
      expect(list[1]).toMatchObject({ actor: tokenActor, target: mailbox.address });
      expect(list[0]?.actor).toEqual(sessionActor());
      expectNoSecrets(list, [token.token]);
    });
  });

  describe('failed changes', () => {
    it('writes no event for a change that fails', async () => {
      const domain = await createDomain(admin, { maxAliases: 1 });
      const alias = await createAlias(admin, domain.name);
      const mailbox = await createMailbox(admin, domain.name);
      const before = await events({ domain: domain.name });
      expect(actions(before)).toEqual(['mailbox.create', 'alias.create', 'domain.create']);

      const attempts = [
        // 409 DOMAIN_EXISTS
        await admin.post('/api/v1/domains', { body: { name: domain.name } }),
        // 409 ALIAS_EXISTS
        await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
          body: { localPart: alias.localPart, destinations: ['x@elsewhere.example'] },
        }),
        // 409 DOMAIN_ALIAS_LIMIT_REACHED
        await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
          body: { localPart: unique('over'), destinations: ['x@elsewhere.example'] },
        }),
        // 409 ADDRESS_IN_USE
        await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
          body: { localPart: alias.localPart, password: strongPassword() },
        }),
        // 412 PRECONDITION_FAILED
        await admin.patch(`/api/v1/aliases/${alias.address}`, {
          body: { active: false },
          headers: { 'if-match': '"7"' },
        }),
        // 422 selfReference
        await admin.patch(`/api/v1/aliases/${alias.address}`, {
          body: { destinations: [alias.address] },
        }),
        // 422 PASSWORD_POLICY_VIOLATION
        await admin.patch(`/api/v1/mailboxes/${mailbox.address}`, {
          body: { password: 'password', displayName: 'Never Stored' },
        }),
        // 409 DOMAIN_NOT_EMPTY
        await admin.delete(`/api/v1/domains/${domain.name}`),
        // 412 PRECONDITION_FAILED
        await admin.patch(`/api/v1/domains/${domain.name}`, {
          body: { description: 'never stored' },
          headers: { 'if-match': '"999"' },
        }),
        // 422 VALIDATION_FAILED
        await admin.patch(`/api/v1/domains/${domain.name}`, {
          body: { description: 'never stored', maxAliases: -1 },
        }),
      ];
      expect(attempts.map((r) => r.status)).toEqual([
        409, 409, 409, 409, 412, 422, 422, 409, 412, 422,
      ]);

      const after = await events({ domain: domain.name });
      expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
      expect((await admin.get(`/api/v1/mailboxes/${mailbox.address}`)).body.displayName).toBe('');
    });

    it('writes no event for an alias-domain that is refused', async () => {
      const target = await createDomain(admin);
      const taken = await createDomain(admin);
      const refused = await admin.post('/api/v1/alias-domains', {
        body: { name: taken.name, targetDomain: target.name },
      });
      expect(refused.status).toBe(409);
      expect(await events({ target: taken.name, targetType: 'alias-domain' })).toEqual([]);
      expect(actions(await events({ domain: target.name }))).toEqual(['domain.create']);
    });
  });

  describe('filters', () => {
    it('filters by exact action or by a target type prefix', async () => {
      const domain = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      expect(
        (
          await admin.patch(`/api/v1/mailboxes/${mailbox.address}`, {
            body: { displayName: 'Renamed' },
          })
        ).status,
      ).toBe(200);
      await createAlias(admin, domain.name);

      const exact = await events({ domain: domain.name, action: 'mailbox.create' });
      expect(actions(exact)).toEqual(['mailbox.create']);
      const prefix = await events({ domain: domain.name, action: 'mailbox' });
      expect(actions(prefix)).toEqual(['mailbox.update', 'mailbox.create']);
      expect(actions(await events({ domain: domain.name, action: 'alias' }))).toEqual([
        'alias.create',
      ]);
      expect(actions(await events({ domain: domain.name, action: 'domain' }))).toEqual([
        'domain.create',
      ]);
      // A prefix is a whole target type, not any start of the text.
      expect(await events({ domain: domain.name, action: 'mail' })).toEqual([]);
      expect(await events({ domain: domain.name, action: 'mailbox.delete' })).toEqual([]);
    });

    it('filters by target type, target, actor and domain', async () => {
      const domain = await createDomain(admin);
      const other = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      const alias = await createAlias(admin, domain.name);
      await createAlias(admin, other.name);

      expect(
        (await events({ domain: domain.name, targetType: 'alias' })).map((e) => e.target),
      ).toEqual([alias.address]);
      expect(actions(await events({ target: mailbox.address }))).toEqual(['mailbox.create']);
      expect(actions(await events({ target: domain.name, targetType: 'domain' }))).toEqual([
        'domain.create',
      ]);

      const mine = await events({ domain: domain.name, actorId: adminId });
      expect(actions(mine)).toEqual(['alias.create', 'mailbox.create', 'domain.create']);
      expect(await events({ domain: domain.name, actorId: randomUUID() })).toEqual([]);

      // The domain filter is normalised like a domain name.
      const upper = await events({ domain: domain.name.toUpperCase() });
      expect(upper.map((e) => e.id)).toEqual(mine.map((e) => e.id));
      expect(upper.every((e) => e.domain === domain.name)).toBe(true);
      expect(await events({ domain: uniqueDomainName() })).toEqual([]);
    });

    it('filters by time: from is inclusive, to is exclusive', async () => {
      const domain = await createDomain(admin);
      await createAlias(admin, domain.name);
      await createAlias(admin, domain.name);
      const all = await events({ domain: domain.name });
      expect(all).toHaveLength(3);
      const newest = all[0] as AuditEvent;
      const oldest = all[2] as AuditEvent;

      const fromNewest = await events({ domain: domain.name, from: newest.occurredAt });
      expect(fromNewest.map((e) => e.id)).toContain(newest.id);
      for (const event of fromNewest)
        expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(Date.parse(newest.occurredAt));

      const toOldest = await events({ domain: domain.name, to: oldest.occurredAt });
      expect(toOldest).toEqual([]);

      const window = await events({
        domain: domain.name,
        from: new Date(Date.parse(oldest.occurredAt) - 60_000).toISOString(),
        to: new Date(Date.parse(newest.occurredAt) + 60_000).toISOString(),
      });
      expect(window.map((e) => e.id)).toEqual(all.map((e) => e.id));

      const future = new Date(Date.parse(newest.occurredAt) + 24 * 3600_000).toISOString();
      expect(await events({ domain: domain.name, from: future })).toEqual([]);
    });

    it('refuses invalid filters with 422', async () => {
      for (const query of [
        'action=Mailbox!',
        'targetType=user',
        'actorId=not-a-uuid',
        'from=yesterday',
        'limit=0',
        'limit=201',
        'cursor=nonsense',
        'colour=blue',
      ]) {
        const response = await admin.get(`/api/v1/audit-events?${query}`);
        expect(response.status, query).toBe(422);
        expect(response.body.code, query).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('paging', () => {
    it('pages newest first without gaps or repeats', async () => {
      const domain = await createDomain(admin);
      const path = `/api/v1/domains/${domain.name}`;
      const done: string[] = ['domain.create'];
      for (let i = 0; i < 3; i++) {
        expect((await admin.patch(path, { body: { description: `step ${i}` } })).status).toBe(200);
        done.push('domain.update');
      }
      const alias = await createAlias(admin, domain.name);
      done.push('alias.create');
      await admin.patch(`/api/v1/aliases/${alias.address}`, { body: { active: false } });
      done.push('alias.update');
      const mailbox = await createMailbox(admin, domain.name);
      done.push('mailbox.create');
      await admin.delete(`/api/v1/mailboxes/${mailbox.address}`);
      done.push('mailbox.delete');
      await admin.delete(`/api/v1/aliases/${alias.address}`);
      done.push('alias.delete');

      const full = await events({ domain: domain.name });
      expect(actions(full)).toEqual([...done].reverse());
      const descriptions = full
        .filter((e) => e.action === 'domain.update')
        .map((e) => e.after?.description as string);
      expect(descriptions).toEqual(['step 2', 'step 1', 'step 0']);

      const paged: AuditEvent[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = queryString({
          domain: domain.name,
          limit: 2,
          ...(cursor === null ? {} : { cursor }),
        });
        const page = await admin.get(`/api/v1/audit-events?${query}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        paged.push(...(page.body.items as AuditEvent[]));
        cursor = page.body.nextCursor as string | null;
        pages++;
      } while (cursor !== null);
      expect(pages).toBe(Math.ceil(done.length / 2));
      expect(paged.map((e) => e.id)).toEqual(full.map((e) => e.id));
      const ids = paged.map((e) => BigInt(e.id));
      for (let i = 1; i < ids.length; i++)
        expect((ids[i - 1] as bigint) > (ids[i] as bigint)).toBe(true);
      const times = paged.map((e) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('shows a domain-limited token only the events of its domains', async () => {
      const mine = await createDomain(admin);
      const theirs = await createDomain(admin);
      await createAlias(admin, mine.name);
      await createAlias(admin, theirs.name);
      const token = await createToken(admin, { scopes: ['audit:read'], domains: [mine.name] });
      const client = admin.withToken(token.token);

      const visible = await events({}, client);
      expect(visible.length).toBeGreaterThanOrEqual(2);
      expect(visible.every((e) => e.domain === mine.name)).toBe(true);
      expect(await events({ domain: theirs.name }, client)).toEqual([]);
      expect(actions(await events({ domain: mine.name }, client))).toEqual([
        'alias.create',
        'domain.create',
      ]);
    });
  });
});
