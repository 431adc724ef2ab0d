import { Clock } from '../../src/infra/clock/clock.js';
import { DkimRotationJob } from '../../src/modules/dkim/dkim-rotation.job.js';
import type { ApiClient } from '../support/api-client.js';
import { KnotServer, missingDnsTools, zoneAround } from '../support/dns-tools.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createToken, uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const DAY_MS = 86_400_000;
const SIGNER_KEY = 'dkim-signer-key-0123456789abcdef012345678';

interface DkimKey {
  selector: string;
  state: string;
  dnsName: string;
  dnsValue: string;
  activatedAt: string | null;
  retiringAt: string | null;
  retireAfter: string | null;
  retiredAt: string | null;
}

const skip = missingDnsTools('knotd', 'knotc');

describe.skipIf(skip !== undefined)('DKIM rotation against a real Knot, on a fake clock', () => {
  let knot: KnotServer;
  let t: TestApp;
  let root: ApiClient;
  const domain = uniqueDomainName();
  const travel = timeTravel(() => t.app.get(Clock));

  beforeAll(async () => {
    knot = await KnotServer.start({ [domain]: zoneAround(domain, '') });
    t = await startTestApp({
      DNS_RESOLVER: knot.address,
      MAIL_DKIM_SIGNER_SECRET: SIGNER_KEY,
      DKIM_RETIRE_AFTER_DAYS: '7',
    });
    const admin = await t.superadmin();
    await createDomain(admin, { name: domain });
    // A token, not the session: the fake clock moves past a session's idle timeout.
    const token = await createToken(admin, {
      scopes: ['domains:read', 'domains:write'],
      domains: [domain],
    });
    root = t.anonymous().withToken(token.token);
  });
  afterAll(async () => {
    await t.close();
    await knot.stop();
  });

  const keysPath = `${API}/domains/${domain}/dkim-keys`;
  async function keys(): Promise<Map<string, DkimKey>> {
    const listed = (await root.get(keysPath)).body.keys as DkimKey[];
    return new Map(listed.map((key) => [key.selector, key]));
  }
  async function publishedNames(): Promise<string[]> {
    const records = (await root.get(`${API}/domains/${domain}/dns-records`)).body.records as {
      name: string;
    }[];
    return records.map((r) => r.name).filter((name) => name.includes('._domainkey.'));
  }
  /** The selector the signer map gives Rspamd for the domain. */
  async function signer(): Promise<string | undefined> {
    const response = await fetch(`${t.baseUrl}${API}/internal/rspamd/dkim-key-table`, {
      headers: {
        authorization: `Basic ${Buffer.from(`rspamd:${SIGNER_KEY}`).toString('base64')}`,
      },
    });
    const line = (await response.text()).split('\n').find((l) => l.startsWith(`${domain} `));
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
    expect(await tick()).toEqual({ activated: 0, retired: 0 });
    expect(await signer()).toBe(old.selector);
    expect((await keys()).get(next.selector)?.state).toBe('published');

    // Knot serves it: the next run makes it the signer.
    await put(next);
    expect(await tick()).toEqual({ activated: 1, retired: 0 });
    expect(await signer()).toBe(next.selector);
    const during = await keys();
    expect(during.get(next.selector)).toMatchObject({ state: 'active' });
    expect(during.get(old.selector)).toMatchObject({ state: 'retiring' });
    const retireAfter = Date.parse(during.get(old.selector)!.retireAfter!);
    expect(retireAfter - Date.parse(during.get(old.selector)!.retiringAt!)).toBe(7 * DAY_MS);
    // The overlap: both selectors stay published.
    expect((await publishedNames()).sort()).toEqual([old.dnsName, next.dnsName].sort());

    travel(6 * DAY_MS);
    expect(await tick()).toEqual({ activated: 0, retired: 0 });
    expect((await publishedNames()).sort()).toEqual([old.dnsName, next.dnsName].sort());

    travel(DAY_MS + 1000);
    expect(await tick()).toEqual({ activated: 0, retired: 1 });
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
});
