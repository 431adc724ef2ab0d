import { ApiClient } from '../support/api-client.js';
import { checkZone, missingDnsTools, zoneAround } from '../support/dns-tools.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import { createDomain, strongPassword, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';

interface DnsRecord {
  type: string;
  name: string;
  value: string;
  ttl: number;
  why: string;
  status: string;
  found: string[];
}

function find(records: DnsRecord[], type: string, name: string): DnsRecord | undefined {
  return records.find((r) => r.type === type && r.name === name);
}

describe('DNS records', () => {
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({
      MAIL_HOSTNAME: 'mail.yubin.test',
      SMTP_HOSTNAME: 'smtp.yubin.test',
      WEB_HOSTNAME: 'panel.yubin.test',
      DNS_CAA_ISSUER: 'letsencrypt.org',
      DNS_RECORD_TTL_SECONDS: '1800',
    });
    root = await t.superadmin();
  });
  afterAll(() => t.close());

  async function domainAdminOf(domain: string): Promise<ApiClient> {
    const email = `${unique('dnsadmin')}@${domain}`;
    const password = strongPassword();
    const created = await root.post(`${API}/admins`, {
      body: { email, password, role: 'domain-admin', domains: [domain] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return ApiClient.login(t.baseUrl, email, password);
  }

  it('lists every record of an internationalised domain in punycode, unverified, with the configured defaults', async () => {
    const domain = await createDomain(root, { name: `${unique('メール')}.例え.jp` });
    expect(domain.name).toMatch(/^xn--.*\.xn--r8jz45g\.jp$/);
    const response = await root.get(`${API}/domains/${domain.name}/dns-records`);
    expect(response.status).toBe(200);
    const records = response.body.records as DnsRecord[];
    const apex = `${domain.name}.`;
    expect(records.every((r) => /^[\x20-\x7e]+$/.test(r.name + r.value))).toBe(true);
    expect(find(records, 'MX', apex)?.value).toBe('10 smtp.yubin.test.');
    expect(find(records, 'TXT', apex)?.value).toBe('"v=spf1 mx -all"');
    expect(find(records, 'TXT', `_dmarc.${apex}`)?.value).toBe(
      `"v=DMARC1; p=quarantine; rua=mailto:postmaster@${domain.name}"`,
    );
    expect(find(records, 'TXT', `_mta-sts.${apex}`)?.value).toMatch(
      /^"v=STSv1; id=[a-z0-9]{1,32}"$/,
    );
    expect(find(records, 'TXT', `_smtp._tls.${apex}`)?.value).toBe(
      `"v=TLSRPTv1; rua=mailto:postmaster@${domain.name}"`,
    );
    expect(find(records, 'SRV', `_submissions._tcp.${apex}`)?.value).toBe(
      '0 1 465 smtp.yubin.test.',
    );
    expect(find(records, 'SRV', `_imaps._tcp.${apex}`)?.value).toBe('0 1 993 mail.yubin.test.');
    expect(find(records, 'SRV', `_pop3s._tcp.${apex}`)?.value).toBe('10 1 995 mail.yubin.test.');
    for (const plain of ['_submission', '_imap', '_pop3']) {
      expect(find(records, 'SRV', `${plain}._tcp.${apex}`)?.value).toBe('0 0 0 .');
    }
    for (const host of ['autoconfig', 'autodiscover', 'mta-sts']) {
      expect(find(records, 'CNAME', `${host}.${apex}`)?.value).toBe('panel.yubin.test.');
    }
    expect(find(records, 'CAA', apex)?.value).toBe('0 issue "letsencrypt.org"');
    expect(records.filter((r) => r.name.includes('_domainkey'))).toEqual([]);
    for (const record of records) {
      expect(record).toMatchObject({ ttl: 1800, status: 'unverified', found: [] });
      expect(record.why.length).toBeGreaterThan(10);
    }
    expect(response.body.checkedAt).toBeNull();
  });

  it('explains each record in the request’s language', async () => {
    const domain = (await createDomain(root)).name as string;
    const path = `${API}/domains/${domain}/dns-records`;
    const en = (await root.get(path)).body.records as DnsRecord[];
    const ja = (await root.get(path, { headers: { 'accept-language': 'ja-JP,en;q=0.5' } })).body
      .records as DnsRecord[];
    const fallback = (await root.get(path, { headers: { 'accept-language': 'fr' } })).body
      .records as DnsRecord[];
    expect(en.map((r) => r.value)).toEqual(ja.map((r) => r.value));
    expect(en.every((r) => /^[A-Z][\x20-\x7e’]+\.$/.test(r.why))).toBe(true);
    expect(ja.every((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r.why))).toBe(true);
    expect(fallback.map((r) => r.why)).toEqual(en.map((r) => r.why));
  });

  it('builds SPF, DMARC and the MX from the domain’s settings, and audits the change', async () => {
    const domain = (await createDomain(root, { mailHostname: 'mx.customer.test' })).name as string;
    const settings = `${API}/domains/${domain}/dns-settings`;
    const initial = await root.get(settings);
    expect(initial.status).toBe(200);
    expect(initial.headers.get('etag')).toBe('"0"');
    expect(initial.body).toEqual({
      own: {
        spfPolicy: null,
        spfIncludes: [],
        dmarcPolicy: null,
        dmarcReportAddress: null,
        mtaStsMode: null,
      },
      effective: {
        spfPolicy: '-all',
        spfIncludes: [],
        dmarcPolicy: 'quarantine',
        dmarcReportAddress: `postmaster@${domain}`,
        mtaStsMode: 'testing',
      },
    });
    const before = (await root.get(`${API}/domains/${domain}/dns-records`)).body.records;

    const put = await root.put(settings, {
      headers: { 'if-match': '"0"' },
      body: {
        spfPolicy: '~all',
        spfIncludes: [' _SPF.News.Example.NET ', '_spf.news.example.net', '送信.例え.jp'],
        dmarcPolicy: 'reject',
        dmarcReportAddress: ' Reports@Example.NET ',
        mtaStsMode: 'enforce',
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(put.body.own).toEqual({
      spfPolicy: '~all',
      spfIncludes: ['_spf.news.example.net', 'xn--vuq367m.xn--r8jz45g.jp'],
      dmarcPolicy: 'reject',
      dmarcReportAddress: 'reports@example.net',
      mtaStsMode: 'enforce',
    });

    const records = (await root.get(`${API}/domains/${domain}/dns-records`)).body
      .records as DnsRecord[];
    const apex = `${domain}.`;
    expect(find(records, 'MX', apex)?.value).toBe('10 mx.customer.test.');
    expect(find(records, 'TXT', apex)?.value).toBe(
      '"v=spf1 mx include:_spf.news.example.net include:xn--vuq367m.xn--r8jz45g.jp ~all"',
    );
    expect(find(records, 'TXT', `_dmarc.${apex}`)?.value).toBe(
      '"v=DMARC1; p=reject; rua=mailto:reports@example.net"',
    );
    // The policy changed (mode), so its id did.
    expect(find(records, 'TXT', `_mta-sts.${apex}`)?.value).not.toBe(
      find(before, 'TXT', `_mta-sts.${apex}`)?.value,
    );

    expectProblem(
      await root.put(settings, { headers: { 'if-match': '"0"' }, body: {} }),
      412,
      'PRECONDITION_FAILED',
    );
    const events = await root.get(`${API}/audit-events?target=${domain}`);
    const event = (events.body.items as any[]).find((e) => e.action === 'dns-settings.update');
    expect(event).toMatchObject({
      targetType: 'domain',
      before: { spfPolicy: null, dmarcPolicy: null },
      after: { spfPolicy: '~all', dmarcPolicy: 'reject' },
    });

    const reset = await root.put(settings, { body: {} });
    expect(reset.body.own).toEqual(initial.body.own);
  });

  it('refuses settings that would break a record', async () => {
    const domain = (await createDomain(root)).name as string;
    const response = await root.put(`${API}/domains/${domain}/dns-settings`, {
      body: {
        spfPolicy: '+all',
        spfIncludes: ['not a name', 'a.example', 'b.example', 'c.example'],
        dmarcPolicy: 'maybe',
        dmarcReportAddress: 'nobody',
        mtaStsMode: 'strict',
      },
    });
    expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(response)).toEqual(
      expect.arrayContaining([
        'spfPolicy:isIn',
        expect.stringMatching(/^spfIncludes\.0:/),
        'dmarcPolicy:isIn',
        expect.stringMatching(/^dmarcReportAddress:/),
        'mtaStsMode:isIn',
      ]),
    );
    const tooMany = await root.put(`${API}/domains/${domain}/dns-settings`, {
      body: { spfIncludes: Array.from({ length: 9 }, (_, i) => `s${i}.example`) },
    });
    expect(fieldErrors(tooMany)).toContain('spfIncludes:arrayMaxSize');
  });

  it('keeps a domain admin to their own domains', async () => {
    const own = (await createDomain(root)).name as string;
    const other = (await createDomain(root)).name as string;
    const admin = await domainAdminOf(own);
    expect((await admin.get(`${API}/domains/${own}/dns-records`)).status).toBe(200);
    expect((await admin.put(`${API}/domains/${own}/dns-settings`, { body: {} })).status).toBe(200);
    for (const response of [
      await admin.get(`${API}/domains/${other}/dns-records`),
      await admin.get(`${API}/domains/${other}/dns-records?format=zone`),
      await admin.get(`${API}/domains/${other}/dns-settings`),
      await admin.put(`${API}/domains/${other}/dns-settings`, { body: { dmarcPolicy: 'none' } }),
    ]) {
      expectProblem(response, 404, 'DOMAIN_NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toContain('v=');
    }
    expect(
      (await root.get(`${API}/domains/${other}/dns-settings`)).body.own.dmarcPolicy,
    ).toBeNull();
  });

  describe('as a zone file', () => {
    const skip = missingDnsTools('kzonecheck', 'named-checkzone');

    it.skipIf(skip !== undefined)(
      'is a fragment Knot’s kzonecheck and BIND’s named-checkzone both accept, long TXT split',
      async () => {
        const domain = (await createDomain(root, { name: `${unique('ゾーン')}.example` }))
          .name as string;
        await root.put(`${API}/domains/${domain}/dns-settings`, {
          body: {
            spfIncludes: Array.from({ length: 8 }, (_, i) => `_spf${i}.${'s'.repeat(40)}.example`),
          },
        });
        const response = await root.get(`${API}/domains/${domain}/dns-records?format=zone`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/dns/);
        const fragment = response.body as string;
        const json = (await root.get(`${API}/domains/${domain}/dns-records`)).body
          .records as DnsRecord[];
        expect(
          fragment
            .trimEnd()
            .split('\n')
            .filter((l) => !l.startsWith(';')),
        ).toHaveLength(json.length);
        const spf = find(json, 'TXT', `${domain}.`)!.value;
        expect(spf.match(/" "/g)?.length).toBeGreaterThanOrEqual(1);
        expect(fragment).toContain(spf);

        const { knot, bind } = await checkZone(domain, zoneAround(domain, fragment));
        expect(knot, knot.output).toMatchObject({ ok: true });
        expect(bind, bind.output).toMatchObject({ ok: true });
        expect(bind.output).toMatch(/OK/);

        // The checkers are not pushovers: a broken line fails both.
        const broken = await checkZone(domain, zoneAround(domain, `${fragment}\nbad IN MX x\n`));
        expect(broken.knot.ok).toBe(false);
        expect(broken.bind.ok).toBe(false);
      },
    );
  });
});
