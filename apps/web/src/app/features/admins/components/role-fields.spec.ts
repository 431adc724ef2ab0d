import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { UserResponseDto } from '@yubin/api-client';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../core/auth/session';
import { searchIn } from '../../../shared/ui/domain-picker';
import { RoleFields, roleForm } from './role-fields';

function render(
  user: Pick<UserResponseDto, 'role' | 'domains'>,
  role: 'helpdesk' | 'superadmin' | null = null,
) {
  TestBed.configureTestingModule({
    providers: [{ provide: Session, useValue: { user: signal(user) } }],
  });
  const fixture = TestBed.createComponent(RoleFields);
  const form = roleForm(role);
  fixture.componentRef.setInput('group', form);
  fixture.componentRef.setInput('searchAllDomains', searchIn(['listed.test', 'other.test']));
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const offered = [...element.querySelectorAll('mat-radio-button')].map((radio) =>
    radio.getAttribute('data-testid'),
  );
  return { fixture, form, element, offered };
}

describe(RoleFields.name, () => {
  it('offers a domain admin only the roles they may grant, each explained', () => {
    const { offered, element } = render({ role: 'domain-admin', domains: ['mine.test'] });
    expect(offered).toEqual(['role-domain-admin', 'role-helpdesk']);
    expect(element.textContent).toContain('resets passwords and two-step sign-in');
  });

  it('shows chosen domains as chips that can be removed', () => {
    const { fixture, form, element } = render({ role: 'superadmin', domains: null }, 'helpdesk');
    form.controls.domains.setValue(['listed.test', 'other.test']);
    fixture.detectChanges();
    const chips = [...element.querySelectorAll('mat-chip-row')];
    expect(chips.map((chip) => chip.textContent.replace('cancel', '').trim())).toEqual([
      'listed.test',
      'other.test',
    ]);
    chips[0]!.querySelector<HTMLButtonElement>('button[matChipRemove]')!.click();
    fixture.detectChanges();
    expect(form.controls.domains.value).toEqual(['other.test']);
  });

  it('offers a superadmin every role, and no domain list for superadmin', () => {
    const { offered, element } = render({ role: 'superadmin', domains: null }, 'superadmin');
    expect(offered).toEqual(['role-superadmin', 'role-domain-admin', 'role-helpdesk']);
    expect(element.querySelector('[data-testid="admin-domains"]')).toBeNull();
    expect(element.textContent).toContain('A superadmin reaches every domain.');
  });

  it('requires a domain for helpdesk, and none for superadmin', () => {
    const { form } = render({ role: 'superadmin', domains: null }, 'helpdesk');
    expect(form.controls.domains.hasError('required')).toBe(true);
    form.controls.domains.setValue(['listed.test']);
    expect(form.valid).toBe(true);
    form.controls.domains.setValue([]);
    form.controls.role.setValue('superadmin');
    expect(form.valid).toBe(true);
  });
});
