import { DnsReverificationJob } from '../../src/modules/dns/dns-reverification.job.js';
import type { ApiClient } from '../support/api-client.js';
import { KnotServer, missingDnsTools, zoneAround } from '../support/dns-tools.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, uniqueDomainName } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const DAY_MS = 86_400_000;

interface DnsRecord {
  type: string;
  name: string;
  value: string;
  status: string;
  found: string[];
}

const skip = missingDnsTools('knotd', 'knotc');

describe.skipIf(skip !== undefined)('DNS verification against a real Knot on loopback', () => {
  let knot: KnotServer;
  let t: TestApp;
  let root: ApiClient;
  const domain = uniqueDomainName();
  const apex = `${domain}.`;

  beforeAll(async () => {
    // Knot first, with the zone's bare bones: the app is configured with its address.
    knot = await KnotServer.start({ [domain]: zoneAround(domain, '') });
    t = await startTestApp({
      DNS_RESOLVER: knot.address,
      MAIL_HOSTNAME: 'mail.yubin.test',
      DNS_CAA_ISSUER: 'letsencrypt.org',
    });
    root = await t.superadmin();
    await createDomain(root, { name: domain });
  });
  afterAll(async () => {
    await t.close();
    await knot.stop();
  });

  const recordsPath = `${API}/domains/${domain}/dns-records`;
  async function verify(): Promise<DnsRecord[]> {
    const response = await root.post(`${recordsPath}/verify`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.records as DnsRecord[];
  }
  const statusOf = (records: DnsRecord[], type: string, name: string): DnsRecord | undefined =>
    records.find((r) => r.type === type && r.name === name);

  it('reports every record missing while the zone has none, and every one ok once the exported zone is loaded', async () => {
    const before = (await root.get(recordsPath)).body;
    expect(before.checkedAt).toBeNull();
    expect(new Set((before.records as DnsRecord[]).map((r) => r.status))).toEqual(
      new Set(['unverified']),
    );

    const empty = await verify();
    expect(new Set(empty.map((r) => r.status))).toEqual(new Set(['missing']));

    const fragment = (await root.get(`${recordsPath}?format=zone`)).body as string;
    await knot.reload(domain, zoneAround(domain, fragment));
    const verified = await verify();
    expect(verified.filter((r) => r.status !== 'ok')).toEqual([]);
    for (const record of verified) expect(record.found).toContain(record.value);

    // GET answers the stored result.
    const stored = (await root.get(recordsPath)).body;
    expect((stored.records as DnsRecord[]).map((r) => r.status)).toEqual(verified.map(() => 'ok'));
    expect(Date.parse(stored.checkedAt as string)).not.toBeNaN();
  });

  it('reports a record removed with knotc as missing, and a changed one as a mismatch with what was found', async () => {
    await knot.unset(domain, `_dmarc.${apex}`, 'TXT');
    await knot.unset(domain, apex, 'MX');
    await knot.set(domain, apex, '300', 'MX', `10 other.example.`);
    const records = await verify();
    expect(statusOf(records, 'TXT', `_dmarc.${apex}`)).toMatchObject({
      status: 'missing',
      found: [],
    });
    expect(statusOf(records, 'MX', apex)).toMatchObject({
      status: 'mismatch',
      found: ['10 other.example.'],
    });
    expect(records.filter((r) => r.status !== 'ok')).toHaveLength(2);

    const events = await root.get(`${API}/audit-events?target=${domain}`);
    const event = (events.body.items as any[]).find((e) => e.action === 'dns-records.verify');
    expect(event.before.records).toEqual(
      expect.arrayContaining([
        { type: 'TXT', name: `_dmarc.${apex}`, status: 'ok' },
        { type: 'MX', name: apex, status: 'ok' },
      ]),
    );
    expect(event.after.records).toHaveLength(2);
  });

  it('keeps SPF apart from other TXT records at the apex', async () => {
    await knot.set(domain, apex, '300', 'TXT', '"google-site-verification=abc"');
    const spf = statusOf(await verify(), 'TXT', apex);
    expect(spf).toMatchObject({ status: 'ok', found: ['"v=spf1 mx -all"'] });
  });

  it('shows a record whose value changed since as unverified, not as a stale ok', async () => {
    await root.put(`${API}/domains/${domain}/dns-settings`, { body: { dmarcPolicy: 'reject' } });
    const records = (await root.get(recordsPath)).body.records as DnsRecord[];
    expect(statusOf(records, 'TXT', `_dmarc.${apex}`)?.status).toBe('unverified');
    expect(statusOf(records, 'TXT', apex)?.status).toBe('ok');
    await root.put(`${API}/domains/${domain}/dns-settings`, { body: {} });
  });

  it('runs the scheduled re-verification once across two API processes, and again only when due', async () => {
    const second = await startTestApp({
      DNS_RESOLVER: knot.address,
      MAIL_HOSTNAME: 'mail.yubin.test',
      DNS_CAA_ISSUER: 'letsencrypt.org',
    });
    try {
      const jobs = [t.app.get(DnsReverificationJob), second.app.get(DnsReverificationJob)];
      // Far in the future, so timers ticking in real time cannot take the claim meanwhile.
      const at = new Date(Date.now() + 1000 * DAY_MS);
      await knot.set(
        domain,
        `_dmarc.${apex}`,
        '300',
        'TXT',
        '"v=DMARC1; p=quarantine; rua=mailto:postmaster@' + domain + '"',
      );
      const first = await Promise.all(jobs.map((job) => job.tickNow(at)));
      expect(first.filter((result) => result !== undefined)).toEqual([1]);
      expect(
        statusOf((await root.get(recordsPath)).body.records, 'TXT', `_dmarc.${apex}`)?.status,
      ).toBe('ok');

      expect(
        await Promise.all(jobs.map((job) => job.tickNow(new Date(at.getTime() + 60_000)))),
      ).toEqual([undefined, undefined]);
      const due = new Date(at.getTime() + 6 * 3600_000);
      const again = await Promise.all(jobs.map((job) => job.tickNow(due)));
      expect(again.filter((result) => result !== undefined)).toEqual([0]);

      const events = await root.get(`${API}/audit-events?target=${domain}`);
      const system = (events.body.items as any[]).filter(
        (e) => e.action === 'dns-records.verify' && e.actor.type === 'system',
      );
      expect(system).toHaveLength(1);
      expect(system[0].after.records).toEqual([
        expect.objectContaining({ type: 'TXT', name: `_dmarc.${apex}`, status: 'ok' }),
      ]);
    } finally {
      await second.close();
    }
  });

  it('answers 503 and changes nothing when the resolver does not answer', async () => {
    const stored = (await root.get(recordsPath)).body;
    await knot.stop();
    expectProblem(await root.post(`${recordsPath}/verify`), 503, 'DNS_RESOLVER_UNAVAILABLE');
    expect((await root.get(recordsPath)).body).toEqual(stored);
  });
});
