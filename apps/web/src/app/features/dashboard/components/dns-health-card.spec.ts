import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DomainDnsStatusDto } from '@yubin/api-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { DnsHealthCard } from './dns-health-card';

const base: DomainDnsStatusDto = {
  domain: 'example.com',
  records: 14,
  ok: 14,
  problems: 0,
  unverified: 0,
  checkedAt: '2026-12-01T00:00:00Z',
  publishedAt: '2026-12-01T00:00:00Z',
  firstSignedAt: '2026-12-01T00:00:00Z',
};

describe(DnsHealthCard.name, () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  function render(statuses: DomainDnsStatusDto[]): HTMLElement {
    const fixture = TestBed.createComponent(DnsHealthCard);
    fixture.componentRef.setInput('statuses', statuses);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists domains with records missing or different, linked to their DNS tab', () => {
    const element = render([base, { ...base, domain: 'broken.example', ok: 12, problems: 2 }]);
    const problems = element.querySelector('[data-testid="dns-problems"]');
    expect(problems?.textContent).toContain('broken.example');
    expect(problems?.textContent).toContain('2 of 14 records missing or different');
    expect(problems?.textContent).not.toContain('example.com');
    expect(problems?.querySelector('a')?.getAttribute('href')).toBe('/domains/broken.example/dns');
    // A verified domain's checklist is done: not shown.
    expect(element.querySelector('[data-testid="dns-setup-example.com"]')).toBeNull();
  });

  it('names internationalised domains in Unicode and links them by their stored name', () => {
    const element = render([
      { ...base, domain: 'xn--r8jz45g.jp', ok: 12, problems: 2 },
      { ...base, domain: 'xn--e28h.jp', checkedAt: null, publishedAt: null },
    ]);
    const problems = element.querySelector('[data-testid="dns-problems"]')!;
    expect(problems.textContent).toContain('例え.jp');
    expect(problems.querySelector('a')?.getAttribute('href')).toBe('/domains/xn--r8jz45g.jp/dns');
    expect(problems.querySelector('yb-address')?.getAttribute('title')).toBe('xn--r8jz45g.jp');
    const setup = element.querySelector('[data-testid="dns-setup-xn--e28h.jp"]')!;
    expect(setup.querySelector('a')?.textContent.trim()).toBe('😀.jp');
  });

  it('shows the checklist of a new domain until it is verified and a signed message was reported', () => {
    const fresh = { ...base, ok: 0, unverified: 14, checkedAt: null, firstSignedAt: null };
    const element = render([
      { ...fresh, domain: 'new.example', publishedAt: null },
      { ...fresh, domain: 'published.example' },
      { ...base, domain: 'verified.example', firstSignedAt: null },
      { ...base, domain: 'signed.example', firstSignedAt: '2026-12-03T10:00:00Z' },
    ]);
    expect(element.querySelector('[data-testid="dns-no-problems"]')).not.toBeNull();
    const none = element.querySelector('[data-testid="dns-setup-new.example"]');
    expect(none?.querySelectorAll('.done')).toHaveLength(0);
    expect(none?.querySelector('[data-testid="dns-step-signed"]')?.textContent).toContain(
      'First signed message: none yet',
    );
    const published = element.querySelector('[data-testid="dns-setup-published.example"]');
    expect(published?.querySelectorAll('.done')).toHaveLength(1);
    const verified = element.querySelector('[data-testid="dns-setup-verified.example"]');
    expect(verified?.querySelectorAll('.done')).toHaveLength(2);
    // Verified and signed: done, no longer shown.
    expect(element.querySelector('[data-testid="dns-setup-signed.example"]')).toBeNull();
  });

  it('shows the first signed message as done, with its date, once the mail server reported it', () => {
    const element = render([{ ...base, checkedAt: null, unverified: 14, ok: 0 }]);
    const step = element.querySelector(
      '[data-testid="dns-setup-example.com"] [data-testid="dns-step-signed"]',
    );
    expect(step?.classList.contains('done')).toBe(true);
    expect(step?.textContent).toMatch(/First signed message: .*2026/);
    expect(step?.textContent).not.toContain('none yet');
  });
});
