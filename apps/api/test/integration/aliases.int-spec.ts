import { ApiClient } from '../support/api-client.js';
import {
  createAlias,
  createDomain,
  createMailbox,
  strongPassword,
  unique,
} from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface FieldError {
  field: string;
  code: string;
}

function fieldErrors(body: { errors?: FieldError[] }): string[] {
  return (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
}

describe('aliases', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  async function aliasCountOf(domain: string): Promise<number> {
    const response = await admin.get(`/api/v1/domains/${domain}`);
    expect(response.status).toBe(200);
    return response.body.aliasCount as number;
  }

  async function aliasRows(address: string): Promise<number> {
    const result = await t.sql.query('SELECT count(*)::int AS n FROM alias WHERE address = $1', [
      address,
    ]);
    return (result.rows[0] as { n: number }).n;
  }

  describe('creating', () => {
    it('creates an alias by local part, with Location, ETag and lowercased destinations', async () => {
      const domain = await createDomain(admin);
      await createMailbox(admin, domain.name, { localPart: 'bob' });
      const localPart = unique('sales');
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          localPart: localPart.toUpperCase(),
          destinations: ['Alice@Elsewhere.Example', `bob@${domain.name.toUpperCase()}`],
        },
      });
      expect(response.status).toBe(201);
      const address = `${localPart}@${domain.name}`;
      expect(response.headers.get('location')).toBe(`/api/v1/aliases/${address}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toEqual({
        address,
        localPart,
        domain: domain.name,
        catchAll: false,
        destinations: ['alice@elsewhere.example', `bob@${domain.name}`],
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await admin.get(`/api/v1/aliases/${address}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('creates an alias by its full address, normalised', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('info');
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          address: `  ${localPart.toUpperCase()}@${domain.name.toUpperCase()} `,
          destinations: ['someone@elsewhere.example'],
          active: false,
        },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        address: `${localPart}@${domain.name}`,
        localPart,
        catchAll: false,
        active: false,
      });
    });

    it('accepts local and external destinations, up to 1000 of them', async () => {
      const domain = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      const destinations = [
        mailbox.address as string,
        ...Array.from({ length: 999 }, (_, i) => `member${i}@list.example`),
      ];
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart: unique('all'), destinations },
      });
      expect(response.status).toBe(201);
      expect(response.body.destinations).toHaveLength(1000);
      expect(response.body.destinations).toEqual(destinations);
    });

    it('refuses an empty destination list and more than 1000 destinations', async () => {
      const domain = await createDomain(admin);
      const empty = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart: unique('a'), destinations: [] },
      });
      expect(empty.status).toBe(422);
      expect(empty.body.code).toBe('VALIDATION_FAILED');
      expect(fieldErrors(empty.body)).toContain('destinations:arrayMinSize');

      const tooMany = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          localPart: unique('a'),
          destinations: Array.from({ length: 1001 }, (_, i) => `m${i}@list.example`),
        },
      });
      expect(tooMany.status).toBe(422);
      expect(fieldErrors(tooMany.body)).toContain('destinations:arrayMaxSize');

      const missing = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart: unique('a') },
      });
      expect(missing.status).toBe(422);
      expect(fieldErrors(missing.body).some((f) => f.startsWith('destinations:'))).toBe(true);
      expect(await aliasCountOf(domain.name)).toBe(0);
    });

    it('names the invalid destination by its index', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('bad');
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart, destinations: ['ok@elsewhere.example', 'not an address'] },
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'destinations.1', code: 'isMailAddress' }),
      ]);
      expect(await aliasRows(`${localPart}@${domain.name}`)).toBe(0);
    });

    it('names the invalid destination of a change by its index', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const response = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { destinations: ['ok@elsewhere.example', 'also@elsewhere.example', 'nope@'] },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'destinations.2', code: 'isMailAddress' }),
      ]);
      const read = await admin.get(`/api/v1/aliases/${alias.address}`);
      expect(read.body.destinations).toEqual(['someone@elsewhere.example']);
    });

    it('refuses destinations that repeat once normalised', async () => {
      const domain = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          localPart: unique('dup'),
          destinations: ['Same@Elsewhere.Example', 'same@elsewhere.example'],
        },
      });
      expect(response.status).toBe(422);
      expect(fieldErrors(response.body)).toContain('destinations:arrayUnique');
    });

    it('refuses both localPart and address, and neither', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('both');
      const both = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          localPart,
          address: `${localPart}@${domain.name}`,
          destinations: ['x@elsewhere.example'],
        },
      });
      expect(both.status).toBe(422);
      expect(both.body.code).toBe('VALIDATION_FAILED');
      expect(both.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const neither = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { destinations: ['x@elsewhere.example'] },
      });
      expect(neither.status).toBe(422);
      expect(neither.body.code).toBe('VALIDATION_FAILED');
      expect(await aliasCountOf(domain.name)).toBe(0);
    });

    it('refuses an address in another domain with otherDomain', async () => {
      const domain = await createDomain(admin);
      const other = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { address: `${unique('x')}@${other.name}`, destinations: ['x@elsewhere.example'] },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'address', code: 'otherDomain' }),
      ]);

      const otherCatchAll = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { address: `@${other.name}`, destinations: ['x@elsewhere.example'] },
      });
      expect(otherCatchAll.status).toBe(422);
      expect(fieldErrors(otherCatchAll.body)).toEqual(['address:otherDomain']);
      expect(await aliasCountOf(domain.name)).toBe(0);
      expect(await aliasCountOf(other.name)).toBe(0);
    });

    it('answers 404 DOMAIN_NOT_FOUND for an unknown domain', async () => {
      const response = await admin.post(`/api/v1/domains/${unique('nx')}.example/aliases`, {
        body: { localPart: 'sales', destinations: ['x@elsewhere.example'] },
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('DOMAIN_NOT_FOUND');
    });

    it('refuses a duplicate alias, whatever its case, with 409 ALIAS_EXISTS', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const again = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          localPart: (alias.localPart as string).toUpperCase(),
          destinations: ['other@elsewhere.example'],
        },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 409, code: 'ALIAS_EXISTS' });
      expect(await aliasRows(alias.address)).toBe(1);
      expect(await aliasCountOf(domain.name)).toBe(1);
      const read = await admin.get(`/api/v1/aliases/${alias.address}`);
      expect(read.body.destinations).toEqual(['someone@elsewhere.example']);
    });
  });

  describe('catch-all', () => {
    it('is made by an empty localPart and read at /aliases/%40domain', async () => {
      const domain = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart: '', destinations: ['Catcher@Elsewhere.Example'] },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        address: `@${domain.name}`,
        localPart: '',
        domain: domain.name,
        catchAll: true,
        destinations: ['catcher@elsewhere.example'],
        active: true,
      });
      const read = await admin.get(`/api/v1/aliases/${encodeURIComponent(`@${domain.name}`)}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(response.body);
      expect(await aliasCountOf(domain.name)).toBe(1);
    });

    it('is made by address "@domain" and managed at the literal /aliases/@domain', async () => {
      const domain = await createDomain(admin);
      const created = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { address: `@${domain.name.toUpperCase()}`, destinations: ['a@elsewhere.example'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ address: `@${domain.name}`, catchAll: true });

      const path = `/api/v1/aliases/@${domain.name}`;
      const read = await admin.get(path);
      expect(read.status).toBe(200);
      expect(read.body.catchAll).toBe(true);

      const patched = await admin.patch(path, {
        body: { destinations: ['b@elsewhere.example'] },
        headers: { 'if-match': read.headers.get('etag') as string },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        address: `@${domain.name}`,
        catchAll: true,
        destinations: ['b@elsewhere.example'],
      });
      expect(patched.headers.get('etag')).toBe('"2"');

      expect((await admin.delete(path)).status).toBe(204);
      expect((await admin.get(path)).status).toBe(404);
      expect(await aliasCountOf(domain.name)).toBe(0);
    });

    it('is asked for as a list (catchAll=true), which answers 200 with or without one', async () => {
      const domain = await createDomain(admin);
      await createAlias(admin, domain.name, { localPart: 'sales' });
      const none = await admin.get(`/api/v1/domains/${domain.name}/aliases?catchAll=true`);
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);

      await createAlias(admin, domain.name, { localPart: '' });
      const one = await admin.get(`/api/v1/domains/${domain.name}/aliases?catchAll=true`);
      expect(one.body.items.map((a: { address: string }) => a.address)).toEqual([
        `@${domain.name}`,
      ]);
      const others = await admin.get(`/api/v1/domains/${domain.name}/aliases?catchAll=false`);
      expect(others.body.items.map((a: { address: string }) => a.address)).toEqual([
        `sales@${domain.name}`,
      ]);
      const both = await admin.get(`/api/v1/domains/${domain.name}/aliases`);
      expect(both.body.items).toHaveLength(2);
    });

    it('exists once per domain', async () => {
      const domain = await createDomain(admin);
      await createAlias(admin, domain.name, { localPart: '' });
      const again = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { address: `@${domain.name}`, destinations: ['other@elsewhere.example'] },
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALIAS_EXISTS');
      expect(await aliasCountOf(domain.name)).toBe(1);
    });
  });

  describe('forwarding rules', () => {
    it('refuses an alias that delivers to itself with selfReference', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('loop');
      const address = `${localPart}@${domain.name}`;
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart, destinations: ['x@elsewhere.example', address.toUpperCase()] },
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'destinations.1', code: 'selfReference' }),
      ]);
      expect(await aliasRows(address)).toBe(0);
    });

    it('refuses a change that makes an alias deliver to itself', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const response = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { destinations: [alias.address] },
      });
      expect(response.status).toBe(422);
      expect(fieldErrors(response.body)).toEqual(['destinations.0:selfReference']);
      const read = await admin.get(`/api/v1/aliases/${alias.address}`);
      expect(read.body.destinations).toEqual(['someone@elsewhere.example']);
      expect(read.headers.get('etag')).toBe('"1"');
    });

    it('refuses an alias at a mailbox’s address with 409 ADDRESS_IS_MAILBOX, pointing to its forwarding', async () => {
      const domain = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      for (const body of [
        { localPart: mailbox.localPart, destinations: ['thief@elsewhere.example'] },
        { address: mailbox.address, destinations: [mailbox.address, 'copy@elsewhere.example'] },
      ]) {
        const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, { body });
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({
          code: 'ADDRESS_IS_MAILBOX',
          forwarding: `/api/v1/mailboxes/${mailbox.address as string}`,
        });
        expect(response.body.detail).toContain('forwardTo');
      }
      expect(await aliasRows(mailbox.address)).toBe(0);
      expect(await aliasCountOf(domain.name)).toBe(0);
      expect((await admin.get(`/api/v1/mailboxes/${mailbox.address}`)).body).toMatchObject({
        forwardTo: [],
        keepCopy: true,
      });
    });

    it('refuses a mailbox where an alias exists with 409 ADDRESS_IN_USE', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const response = await admin.post(`/api/v1/domains/${domain.name}/mailboxes`, {
        body: { localPart: alias.localPart, password: strongPassword() },
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('ADDRESS_IN_USE');
      expect((await admin.get(`/api/v1/mailboxes/${alias.address}`)).status).toBe(404);
      expect((await admin.get(`/api/v1/domains/${domain.name}`)).body.mailboxCount).toBe(0);
    });
  });

  describe('destinations here that nothing receives', () => {
    it('answers 422 ALIAS_DESTINATION_UNKNOWN naming them, and saves once the caller confirms', async () => {
      const domain = await createDomain(admin);
      const localPart = unique('sales');
      const destinations = [
        'someone@elsewhere.example',
        `nobody@${domain.name}`,
        `typo@${domain.name}`,
      ];
      const refused = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart, destinations },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ALIAS_DESTINATION_UNKNOWN');
      expect(refused.body.unknownDestinations).toEqual([
        `nobody@${domain.name}`,
        `typo@${domain.name}`,
      ]);
      expect(fieldErrors(refused.body)).toEqual([
        'destinations.1:destinationUnknown',
        'destinations.2:destinationUnknown',
      ]);
      expect(await aliasRows(`${localPart}@${domain.name}`)).toBe(0);

      const confirmed = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart, destinations, confirmUnknownDestinations: true },
      });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.destinations).toEqual(destinations);
      expect(confirmed.body).not.toHaveProperty('confirmUnknownDestinations');
    });

    it('knows mailboxes, aliases, the catch-all and addresses of an alias domain', async () => {
      const domain = await createDomain(admin);
      const other = await createDomain(admin);
      const mailbox = await createMailbox(admin, domain.name);
      const alias = await createAlias(admin, domain.name);
      const aliasDomain = `${unique('ad')}.example`;
      expect(
        (
          await admin.post('/api/v1/alias-domains', {
            body: { name: aliasDomain, targetDomain: domain.name },
          })
        ).status,
      ).toBe(201);
      const known = [
        mailbox.address as string,
        alias.address as string,
        `${(mailbox.localPart as string).toUpperCase()}@${aliasDomain}`,
      ];
      expect(
        (
          await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
            body: { localPart: unique('a'), destinations: known },
          })
        ).status,
      ).toBe(201);
      // Every address of a domain with a catch-all is received.
      await createAlias(admin, other.name, { localPart: '' });
      expect(
        (
          await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
            body: { localPart: unique('a'), destinations: [`anyone@${other.name}`] },
          })
        ).status,
      ).toBe(201);
      // A deleted mailbox receives nothing.
      const gone = await createMailbox(admin, domain.name);
      expect((await admin.delete(`/api/v1/mailboxes/${gone.address}`)).status).toBe(204);
      const refused = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart: unique('a'), destinations: [gone.address] },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.unknownDestinations).toEqual([gone.address]);
    });

    it('asks again only for destinations a change adds', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name, {
        destinations: [`later@${domain.name}`],
        confirmUnknownDestinations: true,
      });
      const path = `/api/v1/aliases/${alias.address}`;
      // Kept as it was: not asked again.
      const kept = await admin.patch(path, {
        body: { destinations: [`later@${domain.name}`, 'x@elsewhere.example'] },
      });
      expect(kept.status).toBe(200);
      const added = await admin.patch(path, {
        body: { destinations: [`later@${domain.name}`, `new@${domain.name}`] },
      });
      expect(added.status).toBe(422);
      expect(added.body.code).toBe('ALIAS_DESTINATION_UNKNOWN');
      expect(added.body.unknownDestinations).toEqual([`new@${domain.name}`]);
      expect(fieldErrors(added.body)).toEqual(['destinations.1:destinationUnknown']);
      const confirmed = await admin.patch(path, {
        body: {
          destinations: [`later@${domain.name}`, `new@${domain.name}`],
          confirmUnknownDestinations: true,
        },
      });
      expect(confirmed.status).toBe(200);
      // A change that leaves the destinations alone is never asked.
      expect((await admin.patch(path, { body: { active: false } })).status).toBe(200);
    });

    it('tells a domain admin nothing about addresses in a domain outside its reach', async () => {
      const mine = await createDomain(admin);
      const theirs = await createDomain(admin);
      const theirMailbox = await createMailbox(admin, theirs.name);
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
      // An existing and a missing address there answer alike: both are saved unasked.
      for (const destination of [theirMailbox.address as string, `nobody@${theirs.name}`]) {
        const response = await domainAdmin.post(`/api/v1/domains/${mine.name}/aliases`, {
          body: { localPart: unique('a'), destinations: [destination] },
        });
        expect(response.status).toBe(201);
      }
      // Its own domain is checked as for anyone.
      const own = await domainAdmin.post(`/api/v1/domains/${mine.name}/aliases`, {
        body: { localPart: unique('a'), destinations: [`nobody@${mine.name}`] },
      });
      expect(own.status).toBe(422);
      expect(own.body.unknownDestinations).toEqual([`nobody@${mine.name}`]);
    });

    it('refuses a confirmation that is not a boolean', async () => {
      const domain = await createDomain(admin);
      const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: {
          localPart: unique('a'),
          destinations: ['x@elsewhere.example'],
          confirmUnknownDestinations: 'yes',
        },
      });
      expect(response.status).toBe(422);
      expect(fieldErrors(response.body)).toContain('confirmUnknownDestinations:isBoolean');
    });
  });

  describe('limits and counts', () => {
    it('counts aliases, the catch-all included, in the domain’s aliasCount', async () => {
      const domain = await createDomain(admin);
      expect(await aliasCountOf(domain.name)).toBe(0);
      const first = await createAlias(admin, domain.name);
      await createAlias(admin, domain.name);
      await createAlias(admin, domain.name, { localPart: '' });
      expect(await aliasCountOf(domain.name)).toBe(3);
      expect((await admin.delete(`/api/v1/aliases/${first.address}`)).status).toBe(204);
      expect(await aliasCountOf(domain.name)).toBe(2);
    });

    it('refuses an alias beyond maxAliases with 409 DOMAIN_ALIAS_LIMIT_REACHED', async () => {
      const domain = await createDomain(admin, { maxAliases: 2 });
      const first = await createAlias(admin, domain.name);
      await createAlias(admin, domain.name);
      const localPart = unique('third');
      const third = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart, destinations: ['x@elsewhere.example'] },
      });
      expect(third.status).toBe(409);
      expect(third.body.code).toBe('DOMAIN_ALIAS_LIMIT_REACHED');
      expect(await aliasRows(`${localPart}@${domain.name}`)).toBe(0);
      expect(await aliasCountOf(domain.name)).toBe(2);

      expect((await admin.delete(`/api/v1/aliases/${first.address}`)).status).toBe(204);
      const retry = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
        body: { localPart, destinations: ['x@elsewhere.example'] },
      });
      expect(retry.status).toBe(201);
      expect(await aliasCountOf(domain.name)).toBe(2);
    });

    it('does not let concurrent creations pass maxAliases', async () => {
      const domain = await createDomain(admin, { maxAliases: 3 });
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          admin.post(`/api/v1/domains/${domain.name}/aliases`, {
            body: { localPart: unique('race'), destinations: ['x@elsewhere.example'] },
          }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
      expect(await aliasCountOf(domain.name)).toBe(3);
    });
  });

  describe('reading, changing and deleting', () => {
    it('answers 404 ALIAS_NOT_FOUND for an unknown alias', async () => {
      const domain = await createDomain(admin);
      for (const method of ['get', 'patch', 'delete'] as const) {
        const response = await admin[method](`/api/v1/aliases/nobody@${domain.name}`, {
          body: method === 'patch' ? { active: false } : undefined,
        });
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('ALIAS_NOT_FOUND');
      }
    });

    it('updates with If-Match, and refuses a stale ETag with 412', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const read = await admin.get(`/api/v1/aliases/${alias.address}`);
      const etag = read.headers.get('etag') as string;
      expect(etag).toBe('"1"');

      const first = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { destinations: ['New@Elsewhere.Example', 'second@elsewhere.example'] },
        headers: { 'if-match': etag },
      });
      expect(first.status).toBe(200);
      expect(first.body.destinations).toEqual([
        'new@elsewhere.example',
        'second@elsewhere.example',
      ]);
      expect(first.body.active).toBe(true);
      expect(first.headers.get('etag')).toBe('"2"');

      const stale = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { active: false },
        headers: { 'if-match': etag },
      });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('PRECONDITION_FAILED');

      const now = await admin.get(`/api/v1/aliases/${alias.address}`);
      expect(now.body.active).toBe(true);
      expect(now.body.destinations).toEqual(['new@elsewhere.example', 'second@elsewhere.example']);
      expect(now.headers.get('etag')).toBe('"2"');

      const deactivated = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { active: false },
        headers: { 'if-match': '"2"' },
      });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body).toMatchObject({
        active: false,
        destinations: ['new@elsewhere.example', 'second@elsewhere.example'],
      });
    });

    it('validates changes and refuses fields that cannot change', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const response = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { destinations: [], localPart: 'renamed', active: 'yes' },
      });
      expect(response.status).toBe(422);
      expect(fieldErrors(response.body)).toEqual(
        expect.arrayContaining([
          'destinations:arrayMinSize',
          'localPart:unknownField',
          'active:isBoolean',
        ]),
      );
      const read = await admin.get(`/api/v1/aliases/${alias.address}`);
      expect(read.headers.get('etag')).toBe('"1"');
    });

    it('deletes with If-Match, and refuses a stale ETag with 412', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      const changed = await admin.patch(`/api/v1/aliases/${alias.address}`, {
        body: { active: false },
      });
      expect(changed.headers.get('etag')).toBe('"2"');

      const stale = await admin.delete(`/api/v1/aliases/${alias.address}`, {
        headers: { 'if-match': '"1"' },
      });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('PRECONDITION_FAILED');
      expect((await admin.get(`/api/v1/aliases/${alias.address}`)).status).toBe(200);
      expect(await aliasCountOf(domain.name)).toBe(1);

      const deleted = await admin.delete(`/api/v1/aliases/${alias.address}`, {
        headers: { 'if-match': '"2"' },
      });
      expect(deleted.status).toBe(204);
      const gone = await admin.get(`/api/v1/aliases/${alias.address}`);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('ALIAS_NOT_FOUND');
      expect(await aliasCountOf(domain.name)).toBe(0);
    });

    it('frees the address for a mailbox once the alias is deleted', async () => {
      const domain = await createDomain(admin);
      const alias = await createAlias(admin, domain.name);
      expect((await admin.delete(`/api/v1/aliases/${alias.address}`)).status).toBe(204);
      const mailbox = await createMailbox(admin, domain.name, { localPart: alias.localPart });
      expect(mailbox.address).toBe(alias.address);
    });
  });

  describe('listing', () => {
    async function listAll(domain: string, query: string, limit: number): Promise<any[]> {
      const seen: any[] = [];
      let cursor: string | null = null;
      do {
        const page = await admin.get(
          `/api/v1/domains/${domain}/aliases?${query}&limit=${limit}${
            cursor === null ? '' : `&cursor=${cursor}`
          }`,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...(page.body.items as any[]));
        cursor = page.body.nextCursor as string | null;
      } while (cursor !== null);
      return seen;
    }

    it('pages through a domain’s aliases, the catch-all included, by address', async () => {
      const domain = await createDomain(admin);
      const addresses: string[] = [];
      for (let i = 0; i < 6; i++)
        addresses.push((await createAlias(admin, domain.name)).address as string);
      addresses.push((await createAlias(admin, domain.name, { localPart: '' })).address as string);
      const ascending = [...addresses].sort();

      const byAddress = await listAll(domain.name, 'sort=address', 3);
      expect(byAddress.map((a) => a.address)).toEqual(ascending);
      expect(byAddress.filter((a) => a.catchAll).map((a) => a.address)).toEqual([
        `@${domain.name}`,
      ]);

      const descending = await listAll(domain.name, 'sort=-address', 2);
      expect(descending.map((a) => a.address)).toEqual([...ascending].reverse());

      const defaultSort = await admin.get(`/api/v1/domains/${domain.name}/aliases`);
      expect(defaultSort.body.items.map((a: { address: string }) => a.address)).toEqual(ascending);
      expect(defaultSort.body.nextCursor).toBeNull();
    });

    it('pages by creation time in both directions without gaps or repeats', async () => {
      const domain = await createDomain(admin);
      const addresses: string[] = [];
      for (let i = 0; i < 7; i++)
        addresses.push((await createAlias(admin, domain.name)).address as string);

      const oldest = await listAll(domain.name, 'sort=createdAt', 3);
      expect(oldest.map((a) => a.address).sort()).toEqual([...addresses].sort());
      const times = oldest.map((a) => Date.parse(a.createdAt as string));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const newest = await listAll(domain.name, 'sort=-createdAt', 2);
      expect(newest.map((a) => a.address)).toEqual(oldest.map((a) => a.address).reverse());
    });

    it('filters by address prefix, case-insensitively', async () => {
      const domain = await createDomain(admin);
      const prefix = unique('team');
      const matching = [
        await createAlias(admin, domain.name, { localPart: `${prefix}.a` }),
        await createAlias(admin, domain.name, { localPart: `${prefix}.b` }),
        await createAlias(admin, domain.name, { localPart: `${prefix}_c` }),
      ].map((a) => a.address as string);
      await createAlias(admin, domain.name, { localPart: unique('other') });
      await createAlias(admin, domain.name, { localPart: '' });

      const found = await listAll(domain.name, `q=${prefix.toUpperCase()}`, 2);
      expect(found.map((a) => a.address)).toEqual([...matching].sort());

      // `_` is not a wildcard.
      const underscore = await admin.get(
        `/api/v1/domains/${domain.name}/aliases?q=${encodeURIComponent(`${prefix}_`)}`,
      );
      expect(underscore.body.items.map((a: { address: string }) => a.address)).toEqual([
        `${prefix}_c@${domain.name}`,
      ]);
    });

    it('refuses a cursor made for another sort, and an unknown sort', async () => {
      const domain = await createDomain(admin);
      await createAlias(admin, domain.name);
      await createAlias(admin, domain.name);
      const first = await admin.get(`/api/v1/domains/${domain.name}/aliases?limit=1`);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const mixed = await admin.get(
        `/api/v1/domains/${domain.name}/aliases?limit=1&sort=createdAt&cursor=${first.body.nextCursor}`,
      );
      expect(mixed.status).toBe(422);
      expect(fieldErrors(mixed.body)).toContain('cursor:invalidCursor');

      const badSort = await admin.get(`/api/v1/domains/${domain.name}/aliases?sort=destinations`);
      expect(badSort.status).toBe(422);
      expect(fieldErrors(badSort.body)).toContain('sort:isIn');
    });

    it('answers 404 DOMAIN_NOT_FOUND for the list of an unknown domain', async () => {
      const response = await admin.get(`/api/v1/domains/${unique('nx')}.example/aliases`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('DOMAIN_NOT_FOUND');
    });
  });
});
