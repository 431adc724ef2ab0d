import { ApiClient } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createAlias,
  createDomain,
  createMailbox,
  strongPassword,
  unique,
} from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';

describe('forwarding to an address here that nothing receives', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  async function mailboxRows(address: string): Promise<number> {
    const result = await t.sql.query('SELECT count(*)::int AS n FROM mailbox WHERE address = $1', [
      address,
    ]);
    return (result.rows[0] as { n: number }).n;
  }

  async function domainAdminOf(domain: string): Promise<ApiClient> {
    const email = `${unique('da')}@${domain}`;
    const password = strongPassword();
    const response = await admin.post(`${API}/admins`, {
      body: { email, role: 'domain-admin', domains: [domain], password },
    });
    expect(response.status).toBe(201);
    return ApiClient.login(t.baseUrl, email, password);
  }

  it('refuses a new mailbox with 422 FORWARD_DESTINATION_UNKNOWN naming them, and creates it once confirmed', async () => {
    const domain = await createDomain(admin);
    const localPart = unique('fw');
    const forwardTo = ['someone@elsewhere.example', `nobody@${domain.name}`, `typo@${domain.name}`];
    const refused = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
      body: { localPart, password: strongPassword(), forwardTo },
    });
    expectProblem(refused, 422, 'FORWARD_DESTINATION_UNKNOWN');
    expect(refused.body.unknownDestinations).toEqual([
      `nobody@${domain.name}`,
      `typo@${domain.name}`,
    ]);
    expect(fieldErrors(refused)).toEqual([
      'forwardTo.1:destinationUnknown',
      'forwardTo.2:destinationUnknown',
    ]);
    expect(await mailboxRows(`${localPart}@${domain.name}`)).toBe(0);

    const confirmed = await admin.post(`${API}/domains/${domain.name}/mailboxes`, {
      body: { localPart, password: strongPassword(), forwardTo, confirmUnknownDestinations: true },
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.forwardTo).toEqual(forwardTo);
    expect(confirmed.body).not.toHaveProperty('confirmUnknownDestinations');
  });

  it('takes mailboxes, aliases and a catch-all without asking, and not a deleted mailbox', async () => {
    const domain = await createDomain(admin);
    const other = await createDomain(admin);
    const colleague = await createMailbox(admin, domain.name);
    const alias = await createAlias(admin, domain.name);
    await createAlias(admin, other.name, { localPart: '' });
    const mailbox = await createMailbox(admin, domain.name, {
      forwardTo: [colleague.address, alias.address, `anyone@${other.name}`],
    });
    expect(mailbox.forwardTo).toHaveLength(3);

    const gone = await createMailbox(admin, domain.name);
    expect((await admin.delete(`${API}/mailboxes/${gone.address}`)).status).toBe(204);
    const refused = await admin.patch(`${API}/mailboxes/${mailbox.address}`, {
      body: { forwardTo: [gone.address] },
    });
    expectProblem(refused, 422, 'FORWARD_DESTINATION_UNKNOWN');
    expect(refused.body.unknownDestinations).toEqual([gone.address]);
  });

  it('asks a change only about the forwarding addresses it adds', async () => {
    const domain = await createDomain(admin);
    const mailbox = await createMailbox(admin, domain.name, {
      forwardTo: [`later@${domain.name}`],
      confirmUnknownDestinations: true,
    });
    const path = `${API}/mailboxes/${mailbox.address}`;
    // Kept as it was: not asked again.
    const kept = await admin.patch(path, {
      body: { forwardTo: [`later@${domain.name}`, 'x@elsewhere.example'] },
    });
    expect(kept.status).toBe(200);
    const added = await admin.patch(path, {
      body: { forwardTo: [`later@${domain.name}`, `new@${domain.name}`] },
    });
    expectProblem(added, 422, 'FORWARD_DESTINATION_UNKNOWN');
    expect(added.body.unknownDestinations).toEqual([`new@${domain.name}`]);
    expect(fieldErrors(added)).toEqual(['forwardTo.1:destinationUnknown']);
    expect((await admin.get(path)).body.forwardTo).toEqual([
      `later@${domain.name}`,
      'x@elsewhere.example',
    ]);
    const confirmed = await admin.patch(path, {
      body: {
        forwardTo: [`later@${domain.name}`, `new@${domain.name}`],
        confirmUnknownDestinations: true,
      },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.forwardTo).toEqual([`later@${domain.name}`, `new@${domain.name}`]);
    // A change that leaves the forwarding alone is never asked.
    expect((await admin.patch(path, { body: { keepCopy: false } })).status).toBe(200);
  });

  it('tells a domain admin nothing about addresses in a domain outside its reach', async () => {
    const mine = await createDomain(admin);
    const theirs = await createDomain(admin);
    const theirMailbox = await createMailbox(admin, theirs.name);
    const domainAdmin = await domainAdminOf(mine.name);
    const own = await createMailbox(admin, mine.name);
    const path = `${API}/mailboxes/${own.address}`;
    // An existing and a missing address there answer alike: both are saved unasked.
    for (const target of [theirMailbox.address as string, `nobody@${theirs.name}`]) {
      const response = await domainAdmin.patch(path, { body: { forwardTo: [target] } });
      expect(response.status).toBe(200);
      expect(response.body.forwardTo).toEqual([target]);
    }
    const created = await domainAdmin.post(`${API}/domains/${mine.name}/mailboxes`, {
      body: {
        localPart: unique('fw'),
        password: strongPassword(),
        forwardTo: [`nobody@${theirs.name}`],
      },
    });
    expect(created.status).toBe(201);
    // Its own domain is checked as for anyone.
    const refused = await domainAdmin.patch(path, {
      body: { forwardTo: [`nobody@${mine.name}`] },
    });
    expectProblem(refused, 422, 'FORWARD_DESTINATION_UNKNOWN');
    expect(refused.body.unknownDestinations).toEqual([`nobody@${mine.name}`]);
  });

  it('gives a mailbox user no way to probe: it cannot set forwarding at all', async () => {
    const domain = await createDomain(admin);
    const other = await createDomain(admin);
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain.name, { password });
    const user = await ApiClient.login(t.baseUrl, mailbox.address as string, password);
    expect((await user.get(`${API}/me`)).status).toBe(200);
    for (const target of [`nobody@${domain.name}`, `nobody@${other.name}`]) {
      const response = await user.patch(`${API}/mailboxes/${mailbox.address}`, {
        body: { forwardTo: [target] },
      });
      expect(response.status).toBe(403);
      expect(response.body.unknownDestinations).toBeUndefined();
    }
    expect((await admin.get(`${API}/mailboxes/${mailbox.address}`)).body.forwardTo).toEqual([]);
  });

  it('refuses a confirmation that is not a boolean', async () => {
    const domain = await createDomain(admin);
    const mailbox = await createMailbox(admin, domain.name);
    const response = await admin.patch(`${API}/mailboxes/${mailbox.address}`, {
      body: { forwardTo: ['x@elsewhere.example'], confirmUnknownDestinations: 'yes' },
    });
    expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(response)).toContain('confirmUnknownDestinations:isBoolean');
  });
});
