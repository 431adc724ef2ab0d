import { TestBed } from '@angular/core/testing';
import type { DiagnosticAction } from '#contracts';
import { describe, expect, it } from 'vitest';
import { DiagnosticList, type DiagnosticFinding } from './diagnostic-list';

const FINDINGS: DiagnosticFinding[] = [
  { status: 'ok', code: 'mailbox-inactive', message: 'The mailbox is active.', action: null },
  {
    status: 'warn',
    code: 'quota-warning',
    message: 'The mailbox is 93% full.',
    action: { code: 'raise-quota', label: 'Raise the quota' },
  },
  {
    status: 'fail',
    code: 'account-locked',
    message: 'Sign-in is locked.',
    action: { code: 'unlock', label: 'Unlock sign-in' },
  },
  {
    status: 'warn',
    code: 'dns-mx',
    message: 'The MX record has not been checked.',
    action: { code: 'contact-admin', label: 'Ask your administrator' },
  },
];

function render(findings: DiagnosticFinding[], actionable: DiagnosticAction[] = []) {
  const fixture = TestBed.createComponent(DiagnosticList);
  fixture.componentRef.setInput('findings', findings);
  fixture.componentRef.setInput('actionable', actionable);
  fixture.detectChanges();
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

describe(DiagnosticList.name, () => {
  it('lists problems first, then what to check, then what is fine, and counts them', () => {
    const { element } = render(FINDINGS);
    const codes = [...element.querySelectorAll('li')].map((li) => li.dataset['code']);
    expect(codes).toEqual(['account-locked', 'quota-warning', 'dns-mx', 'mailbox-inactive']);
    expect(element.querySelector('[data-testid="diagnostics-summary"]')?.textContent).toContain(
      '1 problem, 2 things to check',
    );
    // Colour is not the only signal: each finding says its status in words.
    expect(element.querySelector('li.status-fail')?.textContent).toContain('Problem:');
  });

  it('makes a button of each fix the page can carry out, and advice of the others', () => {
    const { fixture, element } = render(FINDINGS, ['unlock']);
    const acted: DiagnosticAction[] = [];
    fixture.componentInstance.act.subscribe((action) => acted.push(action));
    const unlock = element.querySelector<HTMLButtonElement>('button[data-action="unlock"]');
    expect(unlock?.textContent.trim()).toBe('Unlock sign-in');
    unlock?.click();
    expect(acted).toEqual(['unlock']);
    expect(element.querySelector('button[data-action="raise-quota"]')).toBeNull();
    expect(element.querySelector('span[data-action="raise-quota"]')?.textContent).toContain(
      'Raise the quota',
    );
    expect(element.querySelectorAll('button')).toHaveLength(1);
  });

  it('says so when everything is fine', () => {
    const { element } = render([FINDINGS[0]!]);
    expect(element.querySelector('[data-testid="diagnostics-summary"]')?.textContent).toContain(
      'Everything looks fine.',
    );
  });

  it('shows a message as text, never as markup', () => {
    const { element } = render([
      {
        status: 'fail',
        code: 'sender-blocked',
        message: '<img src=x onerror=alert(1)>',
        action: null,
      },
    ]);
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('.message')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
