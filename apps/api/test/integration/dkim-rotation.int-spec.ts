import { Resolver } from 'node:dns/promises';
import { Clock } from '../../src/infra/clock/clock.js';
import { DkimRotationJob } from '../../src/modules/dkim/dkim-rotation.job.js';
import { DkimRotationService } from '../../src/modules/dkim/dkim-rotation.service.js';
import type { ApiClient } from '../support/api-client.js';
import { KnotServer, missingDnsTools, zoneAround } from '../support/dns-tools.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, createToken, uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const DAY_MS = 86_400_000;
const SIGNER_KEY = 'dkim-signer-key-0123456789abcdef012345678';
const TSIG = {
  name: 'yubin-update',
  algorithm: 'hmac-sha256',
  secret: Buffer.from('a TSIG secret of thirty-two byte').toString('base64'),
};
const WRONG_SECRET = Buffer.from('not the secret Knot has for this').toString('base64');

interface DkimKey {
  selector: string;
  state: string;
  dnsName: string;
  dnsValue: string;
  activatedAt: string | null;
  retiringAt: string | null;
  retireAfter: string | null;
  retiredAt: string | null;
  rotatesAt: string | null;
  createdAt: string;
}

const skip = missingDnsTools('knotd', 'knotc');

describe.skipIf(skip !== undefined)('DKIM rotation against a real Knot, on a fake clock', () => {
  let knot: KnotServer;
  let t: TestApp;
  let root: ApiClient;
  const domain = uniqueDomainName();
  /** A domain whose records Yubin publishes to Knot itself, by RFC 2136 with TSIG. */
  const pushed = uniqueDomainName();
  /** A domain that rotates on its own schedule, also published to Knot by Yubin. */
  const scheduled = uniqueDomainName();
  const travel = timeTravel(() => t.app.get(Clock));

  beforeAll(async () => {
    knot = await KnotServer.start(
      {
        [domain]: zoneAround(domain, ''),
        [pushed]: zoneAround(pushed, ''),
        [scheduled]: zoneAround(scheduled, ''),
      },
      { updateKey: TSIG },
    );
    t = await startTestApp({
      DNS_RESOLVER: knot.address,
      MAIL_DKIM_SIGNER_SECRET: SIGNER_KEY,
      DKIM_RETIRE_AFTER_DAYS: '7',
    });
    const admin = await t.superadmin();
    await createDomain(admin, { name: domain });
    await createDomain(admin, { name: pushed });
    await createDomain(admin, { name: scheduled });
    // A token, not the session: the fake clock moves past a session's idle timeout.
    const token = await createToken(admin, {
      scopes: ['domains:read', 'domains:write'],
      domains: [domain, pushed, scheduled],
    });
    root = t.anonymous().withToken(token.token);
  });
  afterAll(async () => {
    await t.close();
    await knot.stop();
  });

  const keysPath = `${API}/domains/${domain}/dkim-keys`;
  async function keys(of = domain): Promise<Map<string, DkimKey>> {
    const listed = (await root.get(`${API}/domains/${of}/dkim-keys`)).body.keys as DkimKey[];
    return new Map(listed.map((key) => [key.selector, key]));
  }
  async function publishedNames(of = domain): Promise<string[]> {
    const records = (await root.get(`${API}/domains/${of}/dns-records`)).body.records as {
      name: string;
    }[];
    return records.map((r) => r.name).filter((name) => name.includes('._domainkey.'));
  }
  /** The DKIM record Knot answers for a key's name, or nothing. */
  async function inKnot(key: DkimKey): Promise<string | undefined> {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([knot.address]);
    try {
      return (await resolver.resolveTxt(key.dnsName.replace(/\.$/, ''))).map((r) => r.join(''))[0];
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOTFOUND') return undefined;
      if ((error as { code?: string }).code === 'ENODATA') return undefined;
      throw error;
    }
  }
  /** The record's text: its quoted strings joined, as a resolver returns them. */
  const recordOf = (key: DkimKey): string =>
    [...key.dnsValue.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
  /** The selector the signer map gives Rspamd for the domain. */
  async function signer(of = domain): Promise<string | undefined> {
    const response = await fetch(`${t.baseUrl}${API}/internal/rspamd/dkim-key-table`, {
      headers: {
        authorization: `Basic ${Buffer.from(`rspamd:${SIGNER_KEY}`).toString('base64')}`,
      },
    });
    const line = (await response.text()).split('\n').find((l) => l.startsWith(`${of} `));
    return line?.split(' ')[1]?.split(':')[1];
  }
  const tick = () => t.app.get(DkimRotationJob).run();
  const put = (key: DkimKey) => knot.set(domain, key.dnsName, '300', 'TXT', key.dnsValue);

  it('publishes the new key, signs with it only once Knot shows it, keeps the old one for the overlap, then retires it', async () => {
    const old = (await root.post(keysPath, { body: { algorithm: 'ed25519' } })).body as DkimKey;
    expect(old.state).toBe('active');
    await put(old);

    const started = await root.post(`${keysPath}/rotate`, { body: {} });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const next = started.body as DkimKey;
    expect(next.state).toBe('published');
    expect(next.selector).not.toBe(old.selector);
    expectProblem(
      await root.post(`${keysPath}/rotate`, { body: {} }),
      409,
      'DKIM_ROTATION_IN_PROGRESS',
    );
    // Both records are wanted in DNS; the old key still signs.
    expect((await publishedNames()).sort()).toEqual([old.dnsName, next.dnsName].sort());

    // Not in DNS yet: however often the job runs, and however late, nothing switches.
    travel(DAY_MS);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    expect(await signer()).toBe(old.selector);
    expect((await keys()).get(next.selector)?.state).toBe('published');

    // Knot serves it: the next run makes it the signer.
    await put(next);
    expect(await tick()).toEqual({ started: 0, activated: 1, retired: 0, published: 0 });
    expect(await signer()).toBe(next.selector);
    const during = await keys();
    expect(during.get(next.selector)).toMatchObject({ state: 'active' });
    expect(during.get(old.selector)).toMatchObject({ state: 'retiring' });
    const retireAfter = Date.parse(during.get(old.selector)!.retireAfter!);
    expect(retireAfter - Date.parse(during.get(old.selector)!.retiringAt!)).toBe(7 * DAY_MS);
    // The overlap: both selectors stay published.
    expect((await publishedNames()).sort()).toEqual([old.dnsName, next.dnsName].sort());

    travel(6 * DAY_MS);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    expect((await publishedNames()).sort()).toEqual([old.dnsName, next.dnsName].sort());

    travel(DAY_MS + 1000);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 1, published: 0 });
    const after = await keys();
    expect(after.get(old.selector)).toMatchObject({ state: 'retired' });
    expect(after.get(old.selector)!.retiredAt).not.toBeNull();
    expect(await publishedNames()).toEqual([next.dnsName]);
    expect(await signer()).toBe(next.selector);

    const audit = await t.sql.query<{ action: string; actor_type: string }>(
      `SELECT action, actor_type FROM audit_event WHERE domain_name = $1 AND action LIKE 'dkim-key.%' ORDER BY occurred_at`,
      [domain],
    );
    expect(audit.rows).toEqual([
      { action: 'dkim-key.create', actor_type: expect.not.stringMatching(/^system$/) },
      { action: 'dkim-key.rotate', actor_type: expect.not.stringMatching(/^system$/) },
      { action: 'dkim-key.activate', actor_type: 'system' },
      { action: 'dkim-key.retire', actor_type: 'system' },
    ]);
  });

  it('with a DNS server set up, publishes each step to Knot itself by RFC 2136, retries a failed push on the next run, and withdraws the old record at the end', async () => {
    const keysOf = `${API}/domains/${pushed}/dkim-keys`;
    const publishing = `${API}/domains/${pushed}/dns-publishing`;
    const setUp = (secret: string) =>
      root.put(publishing, {
        body: {
          server: knot.address,
          zone: pushed,
          tsigKeyName: TSIG.name,
          tsigAlgorithm: TSIG.algorithm,
          tsigSecret: secret,
        },
      });
    expect((await setUp(TSIG.secret)).status).toBe(200);

    // The first key: in Knot as soon as it is made.
    const old = (await root.post(keysOf, { body: { algorithm: 'ed25519' } })).body as DkimKey;
    expect(old.state).toBe('active');
    expect(await inKnot(old)).toBe(recordOf(old));

    // The server refuses the next push (its key is not ours any more): the rotation
    // starts all the same, the failure is audited without the secret, nothing signs anew.
    expect((await setUp(WRONG_SECRET)).status).toBe(200);
    const started = await root.post(`${keysOf}/rotate`, { body: {} });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const next = started.body as DkimKey;
    expect(next.state).toBe('published');
    expect(await inKnot(next)).toBeUndefined();
    const failures = await t.sql.query<{ after: Record<string, unknown>; actor_type: string }>(
      `SELECT after, actor_type FROM audit_event WHERE domain_name = $1 AND action = 'dns-records.publish-failed'`,
      [pushed],
    );
    expect(failures.rows).toEqual([
      {
        actor_type: 'system',
        after: { code: 'DNS_TSIG_SIGNATURE_INVALID', detail: expect.stringContaining('BADSIG') },
      },
    ]);
    expect(JSON.stringify(failures.rows)).not.toContain(WRONG_SECRET);
    travel(DAY_MS);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    expect(await signer(pushed)).toBe(old.selector);
    expect((await keys(pushed)).get(next.selector)?.state).toBe('published');

    // The server takes our key again: the next run pushes the new selector, sees it in
    // Knot and only then signs with it; both records are served during the overlap.
    expect((await setUp(TSIG.secret)).status).toBe(200);
    expect(await inKnot(next)).toBeUndefined();
    expect(await tick()).toEqual({ started: 0, activated: 1, retired: 0, published: 1 });
    expect(await signer(pushed)).toBe(next.selector);
    expect(await inKnot(old)).toBe(recordOf(old));
    expect(await inKnot(next)).toBe(recordOf(next));
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });

    travel(6 * DAY_MS);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    expect(await inKnot(old)).toBe(recordOf(old));

    // The overlap ends: the same run retires the old key and withdraws its record.
    travel(DAY_MS + 1000);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 1, published: 1 });
    expect((await keys(pushed)).get(old.selector)).toMatchObject({ state: 'retired' });
    expect(await inKnot(old)).toBeUndefined();
    expect(await inKnot(next)).toBe(recordOf(next));
    expect(await publishedNames(pushed)).toEqual([next.dnsName]);
    expect(await signer(pushed)).toBe(next.selector);

    const audit = await t.sql.query<{ action: string; actor_type: string }>(
      `SELECT action, actor_type FROM audit_event
        WHERE domain_name = $1 AND action ~ '^(dkim-key|dns-records)\\.' ORDER BY id`,
      [pushed],
    );
    expect(
      audit.rows.map((row) => `${row.action} ${row.actor_type === 'system' ? 'system' : 'admin'}`),
    ).toEqual([
      'dkim-key.create admin',
      'dns-records.publish system',
      'dkim-key.rotate admin',
      'dns-records.publish-failed system',
      'dns-records.publish-failed system',
      'dns-records.publish system',
      'dkim-key.activate system',
      'dkim-key.retire system',
      'dns-records.publish system',
    ]);
  });

  it('keeps a DKIM schedule per domain: validated, versioned, audited, in reach only', async () => {
    const path = `${API}/domains/${scheduled}/dkim-settings`;
    const initial = await root.get(path);
    expect(initial.status).toBe(200);
    expect(initial.headers.get('etag')).toBe('"0"');
    expect(initial.body).toEqual({
      own: { dkimRotationDays: null, dkimOverlapDays: null },
      effective: { dkimRotationDays: null, dkimOverlapDays: 7 },
      inherited: { dkimRotationDays: null, dkimOverlapDays: 7 },
    });
    for (const [body, error] of [
      [{ dkimRotationDays: 29 }, 'dkimRotationDays:min'],
      [{ dkimRotationDays: 731 }, 'dkimRotationDays:max'],
      [{ dkimRotationDays: 90.5 }, 'dkimRotationDays:isInt'],
      [{ dkimRotationDays: '182' }, 'dkimRotationDays:isInt'],
      [{ dkimOverlapDays: 0 }, 'dkimOverlapDays:min'],
      [{ dkimOverlapDays: 91 }, 'dkimOverlapDays:max'],
    ] as const) {
      const refused = await root.put(path, { body });
      expectProblem(refused, 422, 'VALIDATION_FAILED');
      expect(fieldErrors(refused), JSON.stringify(body)).toContain(error);
    }
    const saved = await root.put(path, {
      body: { dkimRotationDays: 30, dkimOverlapDays: 2 },
      headers: { 'If-Match': '"0"' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(saved.body).toEqual({
      own: { dkimRotationDays: 30, dkimOverlapDays: 2 },
      effective: { dkimRotationDays: 30, dkimOverlapDays: 2 },
      // The server's default stays known while the domain sets its own.
      inherited: { dkimRotationDays: null, dkimOverlapDays: 7 },
    });
    expectProblem(
      await root.put(path, { body: {}, headers: { 'If-Match': '"0"' } }),
      412,
      'PRECONDITION_FAILED',
    );
    expect((await root.get(path)).body).toEqual(saved.body);
    const audit = await t.sql.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_event WHERE domain_name = $1 AND action = 'dkim-settings.update'`,
      [scheduled],
    );
    expect(audit.rows).toEqual([
      {
        before: { dkimRotationDays: null, dkimOverlapDays: null },
        after: { dkimRotationDays: 30, dkimOverlapDays: 2 },
      },
    ]);

    // An administrator of another domain sees no such domain, and changes nothing.
    const admin = await t.superadmin();
    const other = uniqueDomainName();
    await createDomain(admin, { name: other });
    const stranger = t
      .anonymous()
      .withToken(
        (await createToken(admin, { scopes: ['domains:read', 'domains:write'], domains: [other] }))
          .token,
      );
    expectProblem(await stranger.get(path), 404, 'DOMAIN_NOT_FOUND');
    expectProblem(
      await stranger.put(path, { body: { dkimRotationDays: 365 } }),
      404,
      'DOMAIN_NOT_FOUND',
    );
    const reader = t
      .anonymous()
      .withToken(
        (await createToken(admin, { scopes: ['domains:read'], domains: [scheduled] })).token,
      );
    expect((await reader.get(path)).status).toBe(200);
    expect((await reader.put(path, { body: {} })).status).toBe(403);
    expect((await root.get(path)).body).toEqual(saved.body);
  });

  it('rotates on the domain’s schedule once across concurrent runs, with the domain’s overlap, and shows the next steps’ dates', async () => {
    // The previous test set rotation every 30 days and an overlap of 2 days.
    const keysOf = `${API}/domains/${scheduled}/dkim-keys`;
    expect(
      (
        await root.put(`${API}/domains/${scheduled}/dns-publishing`, {
          body: {
            server: knot.address,
            zone: scheduled,
            tsigKeyName: TSIG.name,
            tsigAlgorithm: TSIG.algorithm,
            tsigSecret: TSIG.secret,
          },
        })
      ).status,
    ).toBe(200);
    const first = (await root.post(keysOf, { body: { algorithm: 'ed25519' } })).body as DkimKey;
    const listed = (await keys(scheduled)).get(first.selector)!;
    expect(Date.parse(listed.rotatesAt!) - Date.parse(listed.createdAt)).toBe(30 * DAY_MS);
    expect(await inKnot(first)).toBe(recordOf(first));

    travel(30 * DAY_MS - 60_000);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    expect((await keys(scheduled)).size).toBe(1);

    // Two processes run the job at once past the date: one rotation starts, not two.
    travel(60_000);
    const advance = () => t.app.get(DkimRotationService).advance();
    const runs = await Promise.all([advance(), advance()]);
    expect(runs.map((run) => run.started).sort()).toEqual([0, 1]);
    const rotated = await keys(scheduled);
    expect(rotated.size).toBe(2);
    const next = [...rotated.values()].find((key) => key.selector !== first.selector)!;
    // Published to Knot when it was made, so the same runs saw it and made it the signer.
    expect(await inKnot(next)).toBe(recordOf(next));
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    const during = await keys(scheduled);
    expect(during.get(next.selector)).toMatchObject({ state: 'active' });
    expect(await signer(scheduled)).toBe(next.selector);
    const old = during.get(first.selector)!;
    expect(old).toMatchObject({ state: 'retiring', rotatesAt: null });
    expect(Date.parse(old.retireAfter!) - Date.parse(old.retiringAt!)).toBe(2 * DAY_MS);
    const signing = during.get(next.selector)!;
    expect(Date.parse(signing.rotatesAt!) - Date.parse(signing.createdAt)).toBe(30 * DAY_MS);
    const audit = await t.sql.query<{ action: string; actor_type: string }>(
      `SELECT action, actor_type FROM audit_event WHERE domain_name = $1 AND action = 'dkim-key.rotate'`,
      [scheduled],
    );
    expect(audit.rows).toEqual([{ action: 'dkim-key.rotate', actor_type: 'system' }]);

    travel(2 * DAY_MS + 1000);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 1, published: 1 });
    expect(await inKnot(first)).toBeUndefined();

    // Without a schedule, a key never rotates by itself, however old.
    await root.put(`${API}/domains/${scheduled}/dkim-settings`, { body: {} });
    expect((await keys(scheduled)).get(next.selector)?.rotatesAt).toBeNull();
    travel(400 * DAY_MS);
    expect(await tick()).toEqual({ started: 0, activated: 0, retired: 0, published: 0 });
    expect((await keys(scheduled)).size).toBe(2);
  });
});
