import {
  desiredRecords,
  mtaStsPolicy,
  mtaStsPolicyId,
  txtStrings,
  zoneFragment,
  type DomainDnsInput,
} from './dns-records.js';

function input(overrides: Partial<DomainDnsInput> = {}): DomainDnsInput {
  return {
    domain: 'example.com',
    mailHostname: null,
    hosts: { imap: 'imap.yubin.test', pop3: 'pop.yubin.test', smtp: 'smtp.yubin.test' },
    webHostname: 'yubin.test',
    ttl: 3600,
    caaIssuer: undefined,
    mtaStsMaxAgeSeconds: 604800,
    settings: {
      spfPolicy: '-all',
      spfIncludes: [],
      dmarcPolicy: 'quarantine',
      dmarcReportAddress: 'postmaster@example.com',
      mtaStsMode: 'testing',
    },
    dkim: [],
    ...overrides,
  };
}

describe(txtStrings.name, () => {
  it('quotes short text as one string', () => {
    expect(txtStrings('v=spf1 mx -all')).toBe('"v=spf1 mx -all"');
  });

  it('escapes quotes and backslashes', () => {
    expect(txtStrings('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('splits text longer than 255 bytes into strings of at most 255', () => {
    const text = 'k'.repeat(600);
    const pieces = [...txtStrings(text).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(pieces.map((p) => p.length)).toEqual([255, 255, 90]);
    expect(pieces.join('')).toBe(text);
  });

  it('counts bytes, not characters, and never splits a character', () => {
    const text = 'あ'.repeat(100); // 300 bytes
    const pieces = [...txtStrings(text).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(pieces.map((p) => Buffer.byteLength(p))).toEqual([255, 45]);
  });
});

describe(desiredRecords.name, () => {
  it('lists every record a mail domain needs, with absolute names', () => {
    const records = desiredRecords(input());
    expect(records.map((r) => `${r.name} ${r.type} ${r.value}`)).toEqual([
      'example.com. MX 10 smtp.yubin.test.',
      'example.com. TXT "v=spf1 mx -all"',
      '_dmarc.example.com. TXT "v=DMARC1; p=quarantine; rua=mailto:postmaster@example.com"',
      `_mta-sts.example.com. TXT "v=STSv1; id=${mtaStsPolicyId(mtaStsPolicy(input()))}"`,
      'mta-sts.example.com. CNAME yubin.test.',
      '_smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:postmaster@example.com"',
      '_submissions._tcp.example.com. SRV 0 1 465 smtp.yubin.test.',
      '_submission._tcp.example.com. SRV 0 0 0 .',
      '_imaps._tcp.example.com. SRV 0 1 993 imap.yubin.test.',
      '_imap._tcp.example.com. SRV 0 0 0 .',
      '_pop3s._tcp.example.com. SRV 10 1 995 pop.yubin.test.',
      '_pop3._tcp.example.com. SRV 0 0 0 .',
      'autoconfig.example.com. CNAME yubin.test.',
      'autodiscover.example.com. CNAME yubin.test.',
    ]);
    expect(new Set(records.map((r) => r.ttl))).toEqual(new Set([3600]));
  });

  it('uses the domain’s own mail host for MX and the policy, its SPF and DMARC choices, and CAA when configured', () => {
    const records = desiredRecords(
      input({
        mailHostname: 'mx.example.com',
        caaIssuer: 'letsencrypt.org',
        settings: {
          spfPolicy: '~all',
          spfIncludes: ['_spf.news.example.net'],
          dmarcPolicy: 'reject',
          dmarcReportAddress: 'reports@example.net',
          mtaStsMode: 'enforce',
        },
      }),
    );
    const value = (name: string, type: string): string | undefined =>
      records.find((r) => r.name === name && r.type === type)?.value;
    expect(value('example.com.', 'MX')).toBe('10 mx.example.com.');
    expect(value('example.com.', 'TXT')).toBe('"v=spf1 mx include:_spf.news.example.net ~all"');
    expect(value('_dmarc.example.com.', 'TXT')).toBe(
      '"v=DMARC1; p=reject; rua=mailto:reports@example.net"',
    );
    expect(value('example.com.', 'CAA')).toBe('0 issue "letsencrypt.org"');
  });

  it('publishes DKIM keys at their selectors, split into 255-byte strings', () => {
    const key = `v=DKIM1; k=rsa; p=${'A'.repeat(392)}`;
    const records = desiredRecords(input({ dkim: [{ selector: 's1', text: key }] }));
    const dkim = records.find((r) => r.name === 's1._domainkey.example.com.');
    expect(dkim?.type).toBe('TXT');
    expect(dkim?.value).toBe(`"${key.slice(0, 255)}" "${key.slice(255)}"`);
  });
});

describe(mtaStsPolicy.name, () => {
  it('is the RFC 8461 policy with CRLF lines', () => {
    expect(mtaStsPolicy(input({ mailHostname: 'MX.example.com' }))).toBe(
      'version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmax_age: 604800\r\n',
    );
  });

  it('changes its id whenever the policy changes, and only then', () => {
    const base = mtaStsPolicyId(mtaStsPolicy(input()));
    expect(base).toMatch(/^[a-z0-9]{1,32}$/);
    expect(mtaStsPolicyId(mtaStsPolicy(input()))).toBe(base);
    const enforce = input();
    enforce.settings = { ...enforce.settings, mtaStsMode: 'enforce' };
    expect(mtaStsPolicyId(mtaStsPolicy(enforce))).not.toBe(base);
    expect(mtaStsPolicyId(mtaStsPolicy(input({ mailHostname: 'mx.example.com' })))).not.toBe(base);
    expect(mtaStsPolicyId(mtaStsPolicy(input({ mtaStsMaxAgeSeconds: 86400 })))).not.toBe(base);
  });
});

describe(zoneFragment.name, () => {
  it('writes one IN line per record', () => {
    const records = desiredRecords(input());
    const lines = zoneFragment('example.com', records).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^; /);
    expect(lines).toHaveLength(records.length + 1);
    expect(lines[1]).toMatch(/^example\.com\.\s+3600 IN MX\s+10 smtp\.yubin\.test\.$/);
  });
});
