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

  it('shows the checklist of a new domain until it is verified, the first signed message not yet known', () => {
    const element = render([
      { ...base, domain: 'new.example', ok: 0, unverified: 14, checkedAt: null, publishedAt: null },
      { ...base, domain: 'published.example', ok: 0, unverified: 14, checkedAt: null },
    ]);
    expect(element.querySelector('[data-testid="dns-no-problems"]')).not.toBeNull();
    const fresh = element.querySelector('[data-testid="dns-setup-new.example"]');
    expect(fresh?.querySelectorAll('.done')).toHaveLength(0);
    expect(fresh?.textContent).toContain('not yet known');
    const published = element.querySelector('[data-testid="dns-setup-published.example"]');
    expect(published?.querySelectorAll('.done')).toHaveLength(1);
  });
});
