import { inject } from 'vitest';
import { DnsPublishingService } from '../../src/modules/dns/publishing/dns-publishing.service.js';
import { ApiClient } from '../support/api-client.js';
import { KnotServer, missingDnsTools, zoneAround } from '../support/dns-tools.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, strongPassword, unique, uniqueDomainName } from '../support/factory.js';
import { freePort } from '../support/free-port.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createDatabase, migrate } from '../support/test-database.js';

const API = '/api/v1';
const SECRET = Buffer.from('a TSIG secret of thirty-two byte').toString('base64');
const KEY = { name: 'yubin-update', algorithm: 'hmac-sha256', secret: SECRET };

interface DnsRecord {
  type: string;
  name: string;
  value: string;
  status: string;
  found: string[];
}

const skip = missingDnsTools('knotd', 'knotc');

describe.skipIf(skip !== undefined)('DNS publishing by RFC 2136 to a real Knot on loopback', () => {
  let knot: KnotServer;
  let t: TestApp;
  let root: ApiClient;
  const domain = uniqueDomainName();
  const apex = `${domain}.`;
  const publishing = `${API}/domains/${domain}/dns-publishing`;
  const records = `${API}/domains/${domain}/dns-records`;
  const settings = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    server: knot.address,
    zone: domain,
    tsigKeyName: KEY.name,
    tsigAlgorithm: KEY.algorithm,
    tsigSecret: SECRET,
    ...overrides,
  });

  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    // The zone's bare bones, plus what another party keeps at the apex and a stale MX.
    knot = await KnotServer.start(
      {
        [domain]: zoneAround(
          domain,
          [
            '@ 300 IN TXT "google-site-verification=keep-me"',
            '@ 300 IN MX 5 old-mx.elsewhere.example.',
          ].join('\n'),
        ),
      },
      { updateKey: KEY },
    );
    // A database of its own: /dns-status reads the first 200 domains by name, and the
    // shared database holds more than that by the time this spec runs.
    database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_dnspub');
    await migrate(database.url);
    t = await startTestApp(
      {
        DNS_RESOLVER: knot.address,
        MAIL_HOSTNAME: 'mail.yubin.test',
        DNS_CAA_ISSUER: 'letsencrypt.org',
      },
      database.url,
    );
    root = await t.superadmin();
    await createDomain(root, { name: domain });
  });
  afterAll(async () => {
    await t.close();
    await knot.stop();
    await database.drop();
  });

  async function verify(): Promise<DnsRecord[]> {
    const response = await root.post(`${records}/verify`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.records as DnsRecord[];
  }

  /** No settings: 204 and the ETag a first PUT may send, so a page asks without an error. */
  async function expectNothingSetUp(): Promise<void> {
    const response = await root.get(publishing);
    expect(response.status).toBe(204);
    expect(response.headers.get('etag')).toBe('"0"');
  }

  it('refuses to publish before a server is set up', async () => {
    expectProblem(await root.post(`${records}/publish`), 409, 'DNS_PUBLISHING_NOT_CONFIGURED');
    await expectNothingSetUp();
  });

  it('refuses weak algorithms, a zone that is not the domain or a parent, a server that is not host:port, a short or missing secret', async () => {
    const weak = await root.put(publishing, { body: settings({ tsigAlgorithm: 'hmac-sha1' }) });
    expectProblem(weak, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(weak)).toEqual(['tsigAlgorithm:weakTsigAlgorithm']);
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ tsigAlgorithm: 'hmac-md5' }) })),
    ).toEqual(['tsigAlgorithm:weakTsigAlgorithm']);
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ tsigAlgorithm: 'sha256' }) })),
    ).toEqual(['tsigAlgorithm:isIn']);
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ zone: `sub.${domain}` }) })),
    ).toEqual(['zone:zoneNotAncestor']);
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ zone: 'other.example' }) })),
    ).toEqual(['zone:zoneNotAncestor']);
    for (const server of [
      '127.0.0.1',
      'ns1.example:0',
      'ns1.example:99999',
      'a b:53',
      'http://x:53',
    ]) {
      expect(
        fieldErrors(await root.put(publishing, { body: settings({ server }) })),
        server,
      ).toEqual(['server:isHostPort']);
    }
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ tsigSecret: 'c2hvcnQ=' }) })),
    ).toEqual(['tsigSecret:tsigSecretTooShort']);
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ tsigSecret: 'not base64!' }) })),
    ).toEqual(['tsigSecret:isBase64']);
    expect(
      fieldErrors(await root.put(publishing, { body: settings({ tsigSecret: undefined }) })),
    ).toEqual(['tsigSecret:tsigSecretRequired']);
    await expectNothingSetUp();
  });

  it('stores the settings with the secret sealed, never returns or audits it, and honours If-Match', async () => {
    const put = await root.put(publishing, { body: settings(), headers: { 'If-Match': '"0"' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual({
      server: knot.address,
      zone: domain,
      tsigKeyName: KEY.name,
      tsigAlgorithm: 'hmac-sha256',
      hasTsigSecret: true,
      updatedAt: expect.any(String),
    });
    expect(put.headers.get('etag')).toBe('"1"');
    const got = await root.get(publishing);
    expect(got.body).toEqual(put.body);
    expect(JSON.stringify(got.body)).not.toContain(SECRET);

    const { rows } = await t.sql.query<{ tsig_secret_sealed: string }>(
      `SELECT p.tsig_secret_sealed FROM dns_publishing p JOIN domain d ON d.id = p.domain_id WHERE d.name = $1`,
      [domain],
    );
    expect(rows[0]?.tsig_secret_sealed).toMatch(/^v1\./);
    expect(rows[0]?.tsig_secret_sealed).not.toContain(SECRET);
    const audit = await root.get(`${API}/audit-events?target=${domain}`);
    const event = (audit.body.items as any[]).find((e) => e.action === 'dns-publishing.update');
    expect(event.after).toMatchObject({ zone: domain, keyReplaced: true });
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);

    expectProblem(
      await root.put(publishing, { body: settings(), headers: { 'If-Match': '"0"' } }),
      412,
      'PRECONDITION_FAILED',
    );
    // Without a secret, the stored one stays.
    const again = await root.put(publishing, { body: settings({ tsigSecret: undefined }) });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.headers.get('etag')).toBe('"2"');
  });

  it('publishes every record: each resolves and verification reports all ok; another party’s apex TXT stays, the stale MX goes', async () => {
    const published = await root.post(`${records}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const desired = (await root.get(records)).body.records as DnsRecord[];
    expect(published.body.records).toEqual(
      desired.map((r) => ({ type: r.type, name: r.name, value: r.value, action: 'published' })),
    );

    const verified = await verify();
    expect(verified.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(verified.find((r) => r.type === 'MX')?.found).toEqual([`10 mail.yubin.test.`]);
    const apexTxt = await knot.knotc('zone-read', domain, '@', 'TXT');
    expect(apexTxt).toContain('google-site-verification=keep-me');
    expect(apexTxt).toContain('v=spf1 mx -all');

    const audit = await root.get(`${API}/audit-events?target=${domain}`);
    const event = (audit.body.items as any[]).find((e) => e.action === 'dns-records.publish');
    expect(event.after).toMatchObject({ zone: domain, published: desired.length, withdrawn: [] });
  });

  it('after one record is removed with knotc, verification reports it missing; publishing again restores it', async () => {
    await knot.unset(domain, `_dmarc.${apex}`, 'TXT');
    const records1 = await verify();
    expect(
      records1.filter((r) => r.status !== 'ok').map((r) => `${r.type} ${r.name} ${r.status}`),
    ).toEqual([`TXT _dmarc.${apex} missing`]);
    expect((await root.post(`${records}/publish`)).status).toBe(200);
    expect((await verify()).filter((r) => r.status !== 'ok')).toEqual([]);
  });

  it('replaces a changed record, and withdraws what it published before and no longer needs', async () => {
    // A selector Yubin published earlier (as a DKIM rotation leaves behind), in Knot and in its table.
    const old = `old._domainkey.${apex}`;
    await knot.set(domain, old, '300', 'TXT', '"v=DKIM1; k=ed25519; p=AAAA"');
    await t.sql.query(
      `INSERT INTO dns_published_rrset (domain_id, name, type, values, published_at)
       SELECT id, $2, 'TXT', ARRAY['"v=DKIM1; k=ed25519; p=AAAA"'], now() FROM domain WHERE name = $1`,
      [domain, old],
    );
    await root.put(`${API}/domains/${domain}/dns-settings`, { body: { dmarcPolicy: 'reject' } });

    const published = await root.post(`${records}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((published.body.records as any[]).filter((r) => r.action === 'withdrawn')).toEqual([
      { type: 'TXT', name: old, value: '"v=DKIM1; k=ed25519; p=AAAA"', action: 'withdrawn' },
    ]);
    expect(
      await knot.knotc('zone-read', domain, old, 'TXT').catch((e: unknown) => String(e)),
    ).not.toContain('DKIM1');
    const dmarc = (await verify()).find((r) => r.name === `_dmarc.${apex}`);
    expect(dmarc).toMatchObject({ status: 'ok', found: [expect.stringContaining('p=reject')] });
  });

  describe('when the server refuses', () => {
    async function zoneNow(): Promise<string> {
      return knot.knotc('zone-read', domain);
    }

    it('a wrong secret: 502 DNS_TSIG_SIGNATURE_INVALID and nothing changed', async () => {
      await root.put(`${API}/domains/${domain}/dns-settings`, { body: { dmarcPolicy: 'none' } });
      const before = await zoneNow();
      await root.put(publishing, {
        body: settings({
          tsigSecret: Buffer.from('another secret, also 32 bytes ok').toString('base64'),
        }),
      });
      const response = await root.post(`${records}/publish`);
      expectProblem(response, 502, 'DNS_TSIG_SIGNATURE_INVALID');
      expect(response.body.detail).toMatch(/BADSIG.*nothing was changed/);
      expect(await zoneNow()).toBe(before);
    });

    it('an unknown key name: 502 DNS_TSIG_KEY_UNKNOWN', async () => {
      await root.put(publishing, { body: settings({ tsigKeyName: 'nobody' }) });
      expectProblem(await root.post(`${records}/publish`), 502, 'DNS_TSIG_KEY_UNKNOWN');
    });

    it('a zone the server does not serve: 502 DNS_UPDATE_NOT_AUTHORITATIVE', async () => {
      const parent = uniqueDomainName();
      const inside = (await createDomain(root, { name: `mail.${parent}` })).name as string;
      const put = await root.put(`${API}/domains/${inside}/dns-publishing`, {
        body: settings({ zone: parent }),
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const response = await root.post(`${API}/domains/${inside}/dns-records/publish`);
      expectProblem(response, 502, 'DNS_UPDATE_NOT_AUTHORITATIVE');
      expect(response.body.detail).toContain(`not authoritative for ${parent}`);
    });

    it('nothing listening: 503 DNS_SERVER_UNREACHABLE', async () => {
      await root.put(publishing, { body: settings({ server: `127.0.0.1:${await freePort()}` }) });
      expectProblem(await root.post(`${records}/publish`), 503, 'DNS_SERVER_UNREACHABLE');
    });

    afterAll(async () => {
      await root.put(publishing, { body: settings() });
    });
  });

  it('publishIfConfigured publishes as the system for a configured domain, and does nothing for another', async () => {
    await root.put(`${API}/domains/${domain}/dns-settings`, {
      body: { dmarcPolicy: 'quarantine' },
    });
    const service = t.app.get(DnsPublishingService);
    const ids = await t.sql.query<{ id: string; name: string }>(
      `SELECT id, name FROM domain WHERE name = ANY($1)`,
      [[domain, (await createDomain(root)).name]],
    );
    const mine = ids.rows.find((row) => row.name === domain)?.id ?? '';
    const other = ids.rows.find((row) => row.name !== domain)?.id ?? '';
    expect(await service.publishIfConfigured(other)).toBeUndefined();
    const result = await service.publishIfConfigured(mine);
    expect(result?.records.length).toBeGreaterThan(10);
    expect((await verify()).filter((r) => r.status !== 'ok')).toEqual([]);
    const audit = await root.get(`${API}/audit-events?target=${domain}`);
    const events = (audit.body.items as any[]).filter((e) => e.action === 'dns-records.publish');
    expect(events[0].actor.type).toBe('system');
  });

  it('GET /dns-status: each reachable domain with its problems since the last verification and when it was published', async () => {
    await knot.unset(domain, `_dmarc.${apex}`, 'TXT');
    await verify();
    const other = (await createDomain(root)).name as string;
    const status = await root.get(`${API}/dns-status`);
    expect(status.status).toBe(200);
    const items = status.body.items as any[];
    const mine = items.find((item) => item.domain === domain);
    expect(mine).toMatchObject({ problems: 1, unverified: 0, publishedAt: expect.any(String) });
    expect(mine.ok).toBe(mine.records - 1);
    expect(items.find((item) => item.domain === other)).toMatchObject({
      problems: 0,
      ok: 0,
      checkedAt: null,
      publishedAt: null,
    });

    const email = `${unique('statusadmin')}@${other}`;
    const password = strongPassword();
    const created = await root.post(`${API}/admins`, {
      body: { email, password, role: 'domain-admin', domains: [other] },
    });
    expect(created.status).toBe(201);
    const admin = await ApiClient.login(t.baseUrl, email, password);
    const theirs = await admin.get(`${API}/dns-status`);
    expect((theirs.body.items as any[]).map((item) => item.domain)).toEqual([other]);
  });

  it('keeps a domain admin to their own domains, and DELETE forgets the server', async () => {
    const other = (await createDomain(root)).name as string;
    const email = `${unique('pubadmin')}@${other}`;
    const password = strongPassword();
    expect(
      (
        await root.post(`${API}/admins`, {
          body: { email, password, role: 'domain-admin', domains: [other] },
        })
      ).status,
    ).toBe(201);
    const admin = await ApiClient.login(t.baseUrl, email, password);
    for (const response of [
      await admin.get(publishing),
      await admin.put(publishing, { body: settings() }),
      await admin.delete(publishing),
      await admin.post(`${records}/publish`),
    ]) {
      expectProblem(response, 404, 'DOMAIN_NOT_FOUND');
    }
    expect((await root.get(publishing)).status).toBe(200);
    expect((await root.delete(publishing)).status).toBe(204);
    await expectNothingSetUp();
    expect(
      (await root.get(`${API}/audit-events?target=${domain}`)).body.items.some(
        (e: { action: string }) => e.action === 'dns-publishing.delete',
      ),
    ).toBe(true);
  });
});
