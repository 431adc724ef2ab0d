import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type {
  DnsPublishingDto,
  DnsPublishResponseDto,
  DnsRecordsResponseDto,
} from '@yubin/api-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { DkimApi } from '../data/dkim-api';
import { DnsApi, type VersionedPublishing } from '../data/dns-api';
import DomainDnsPage from './domain-dns.page';

const MX = {
  type: 'MX' as const,
  name: 'example.com.',
  value: '10 mail.example.net.',
  ttl: 3600,
  why: 'Tells other mail servers where to deliver mail for this domain.',
};
const DMARC = {
  type: 'TXT' as const,
  name: '_dmarc.example.com.',
  value: '"v=DMARC1; p=quarantine; rua=mailto:postmaster@example.com"',
  ttl: 3600,
  why: 'Tells receivers what to do with mail that fails SPF and DKIM.',
};
const UNVERIFIED: DnsRecordsResponseDto = {
  records: [
    { ...MX, status: 'unverified', found: [] },
    { ...DMARC, status: 'unverified', found: [] },
  ],
  checkedAt: null,
};
const VERIFIED: DnsRecordsResponseDto = {
  records: [
    { ...MX, status: 'mismatch', found: ['10 old-mx.example.org.'] },
    { ...DMARC, status: 'ok', found: [DMARC.value] },
  ],
  checkedAt: new Date().toISOString(),
};
const CONFIGURED: VersionedPublishing = {
  value: {
    server: 'ns1.example.net:53',
    zone: 'example.com',
    tsigKeyName: 'yubin',
    tsigAlgorithm: 'hmac-sha256',
    hasTsigSecret: true,
    updatedAt: new Date().toISOString(),
  },
  etag: '"1"',
};

describe(DomainDnsPage.name, () => {
  const records = vi.fn<(domain: string) => Promise<DnsRecordsResponseDto>>();
  const verify = vi.fn<(domain: string) => Promise<DnsRecordsResponseDto>>();
  const publish = vi.fn<(domain: string) => Promise<DnsPublishResponseDto>>();
  const zone = vi.fn<(domain: string) => Promise<string>>();
  const publishing = vi.fn<(domain: string) => Promise<VersionedPublishing>>();
  const savePublishing =
    vi.fn<
      (
        domain: string,
        body: DnsPublishingDto,
        etag: string | undefined,
      ) => Promise<VersionedPublishing>
    >();
  const removePublishing = vi.fn<(domain: string, etag: string | undefined) => Promise<void>>();
  const saved: string[] = [];
  const { createObjectURL, revokeObjectURL } = URL;

  beforeEach(() => {
    for (const mock of [
      records,
      verify,
      publish,
      zone,
      publishing,
      savePublishing,
      removePublishing,
    ])
      mock.mockReset();
    saved.length = 0;
    URL.createObjectURL = () => 'blob:zone';
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    TestBed.configureTestingModule({
      providers: [
        {
          provide: DnsApi,
          useValue: {
            records,
            verify,
            publish,
            zone,
            publishing,
            savePublishing,
            removePublishing,
          },
        },
        { provide: DkimApi, useValue: { list: () => Promise.resolve({ keys: [] }) } },
        { provide: Session, useValue: { can: () => true } },
      ],
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  async function render() {
    const fixture = TestBed.createComponent(DomainDnsPage);
    fixture.componentRef.setInput('domain', 'Example.com');
    const element = fixture.nativeElement as HTMLElement;
    // An action's result lands a few promise turns after its click.
    const settle = async () => {
      for (let turn = 0; turn < 3; turn++) {
        fixture.detectChanges();
        await fixture.whenStable();
      }
      fixture.detectChanges();
    };
    await settle();
    const button = (testId: string) =>
      element.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
    return { element, settle, button };
  }

  it('lists each record with its why and state; verifying shows what DNS has instead of a different record', async () => {
    records.mockResolvedValue(UNVERIFIED);
    publishing.mockResolvedValue({ value: null, etag: '"0"' });
    verify.mockResolvedValue(VERIFIED);
    const { element, settle, button } = await render();

    expect(records).toHaveBeenCalledWith('example.com');
    expect(element.textContent).toContain(MX.why);
    expect(element.textContent).toContain('Not checked yet');
    expect(element.querySelectorAll('[data-testid="dns-status-unverified"]')).toHaveLength(2);
    // Nothing set up to publish to: the button waits for the settings.
    expect(button('dns-publish')?.disabled).toBe(true);
    expect(element.querySelector('[data-testid="dns-publish-unset"]')).not.toBeNull();

    button('dns-verify')?.click();
    await settle();
    expect(verify).toHaveBeenCalledWith('example.com');
    expect(element.querySelector('[data-testid="dns-summary"]')?.textContent).toContain(
      '1 of 2 records as expected',
    );
    expect(element.querySelector('[data-testid="dns-found"]')?.textContent).toContain(
      '10 old-mx.example.org.',
    );
    expect(element.querySelector('[data-testid="dns-message"]')?.textContent).toContain(
      '1 record is missing or different',
    );
  });

  it('publishes once a server is set up, and says how it went; a refusal shows its reason', async () => {
    records.mockResolvedValue(UNVERIFIED);
    publishing.mockResolvedValue(CONFIGURED);
    publish.mockResolvedValueOnce({
      server: 'ns1.example.net:53',
      zone: 'example.com',
      records: [
        { type: 'MX', name: MX.name, value: MX.value, action: 'published' },
        { type: 'TXT', name: DMARC.name, value: DMARC.value, action: 'published' },
        {
          type: 'TXT',
          name: 'old._domainkey.example.com.',
          value: '"v=DKIM1"',
          action: 'withdrawn',
        },
      ],
      publishedAt: new Date().toISOString(),
    });
    const { element, settle, button } = await render();
    expect(button('dns-publish')?.disabled).toBe(false);
    expect(element.querySelector<HTMLInputElement>('[data-testid="dns-server"]')?.value).toBe(
      'ns1.example.net:53',
    );
    expect(element.querySelector<HTMLInputElement>('[data-testid="dns-secret"]')?.value).toBe('');
    expect(element.textContent).toContain('A secret is stored');

    button('dns-publish')?.click();
    await settle();
    expect(publish).toHaveBeenCalledWith('example.com');
    expect(element.querySelector('[data-testid="dns-message"]')?.textContent).toContain(
      'Published 2 records to ns1.example.net:53; 1 withdrawn',
    );

    publish.mockRejectedValueOnce(
      new HttpErrorResponse({
        status: 502,
        error: {
          type: 'urn:yubin:problem:dns-tsig-signature-invalid',
          title: 'Bad Gateway',
          status: 502,
          code: 'DNS_TSIG_SIGNATURE_INVALID',
        },
      }),
    );
    button('dns-publish')?.click();
    await settle();
    expect(element.querySelector('[data-testid="dns-message"]')).toBeNull();
    expect(element.querySelector('[data-testid="dns-error"]')?.textContent).toContain(
      'the secret is not the one the server has',
    );
  });

  it('downloads the zone file under the domain’s name', async () => {
    records.mockResolvedValue(UNVERIFIED);
    publishing.mockResolvedValue({ value: null, etag: '"0"' });
    zone.mockResolvedValue('example.com. 3600 IN MX 10 mail.example.net.\n');
    const { settle, button } = await render();
    button('dns-zone-download')?.click();
    await settle();
    expect(zone).toHaveBeenCalledWith('example.com');
    expect(saved).toEqual(['example.com.zone']);
  });

  it('keeps the secret write-only: saving without one keeps the stored secret', async () => {
    records.mockResolvedValue(UNVERIFIED);
    publishing.mockResolvedValue(CONFIGURED);
    savePublishing.mockResolvedValue({ ...CONFIGURED, etag: '"2"' });
    const { element, settle } = await render();
    const server = element.querySelector<HTMLInputElement>('[data-testid="dns-server"]');
    if (server === null) throw new Error('no server field');
    server.value = 'ns2.example.net:53';
    server.dispatchEvent(new Event('input'));
    element
      .querySelector<HTMLFormElement>('[data-testid="dns-publishing-form"]')
      ?.dispatchEvent(new Event('submit'));
    await settle();
    expect(savePublishing).toHaveBeenCalledWith(
      'example.com',
      {
        server: 'ns2.example.net:53',
        zone: 'example.com',
        tsigKeyName: 'yubin',
        tsigAlgorithm: 'hmac-sha256',
      },
      '"1"',
    );
  });
});
