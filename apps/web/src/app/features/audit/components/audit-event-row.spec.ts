import { TestBed } from '@angular/core/testing';
import type { AuditEventResponseDto } from '@yubin/api-client';
import { describe, expect, it } from 'vitest';
import { AuditEventRow } from './audit-event-row';

function render(event: Partial<AuditEventResponseDto>) {
  const fixture = TestBed.createComponent(AuditEventRow);
  fixture.componentRef.setInput('event', {
    id: 'e1',
    action: 'domain.updated',
    target: 'example.test',
    targetType: 'domain',
    domain: 'example.test',
    ip: null,
    occurredAt: '2026-03-01T10:00:00.000Z',
    actor: { label: 'admin@yubin.test', via: 'session' },
    before: null,
    after: null,
    ...event,
  });
  fixture.detectChanges();
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

describe(AuditEventRow.name, () => {
  it('names an API token by its name rather than its id', () => {
    const { element } = render({
      action: 'api-token.created',
      target: 'b5a71f46-f8dd-4c1e-9a53-0c2f3b8a9d11',
      targetType: 'api-token',
      after: { name: 'HR provisioning', scopes: ['mailboxes:write'] },
    });
    const target = element.querySelector('[data-testid="audit-target"]')!.textContent.trim();
    expect(target).toBe('HR provisioning');
  });

  it('names an internationalised domain in Unicode, the punycode as its tooltip', () => {
    const { fixture, element } = render({
      action: 'alias.created',
      target: 'sales@xn--r8jz45g.jp',
      targetType: 'alias',
      after: { destinations: ['bob@xn--e28h.jp'] },
    });
    const target = element.querySelector('[data-testid="audit-target"]')!;
    expect(target.textContent.trim()).toBe('sales@例え.jp');
    expect(target.getAttribute('title')).toBe('sales@xn--r8jz45g.jp');
    element.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    fixture.detectChanges();
    const details = element.querySelector('[data-testid="audit-changes"]')!.textContent;
    expect(details).toContain('bob@😀.jp');
    expect(details).not.toContain('xn--');
  });

  it('shows what changed as a before/after table with sizes in GB, not raw JSON', () => {
    const { fixture, element } = render({
      before: { quotaBytes: 5368709120, active: true },
      after: { quotaBytes: 10737418240, active: true },
    });
    element.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    fixture.detectChanges();
    const rows = [...element.querySelectorAll('[data-testid="audit-changes"] tbody tr')].map(
      (row) => [...row.children].map((cell) => cell.textContent.trim()),
    );
    expect(rows).toEqual([
      ['quotaBytes', '5 GB', '10 GB'],
      ['active', 'true', 'true'],
    ]);
    expect(element.textContent).not.toContain('5368709120');
    expect(element.querySelector('pre')).toBeNull();
  });
});
