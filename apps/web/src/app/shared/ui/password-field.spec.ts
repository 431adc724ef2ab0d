import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '#contracts';
import { describe, expect, it } from 'vitest';
import { loadPasswordChecker } from '../data/password-policy';
import { PasswordField } from './password-field';

@Component({
  selector: 'yb-host',
  imports: [PasswordField],
  template: `<yb-password-field [control]="control" label="Password" [owner]="owner" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly control = new FormControl('', { nonNullable: true });
  readonly owner = { address: 'alice.tanaka@example.com', displayName: 'Alice Tanaka' };
}

async function render() {
  await loadPasswordChecker();
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const type = async (value: string) => {
    fixture.componentInstance.control.setValue(value);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await fixture.whenStable();
    fixture.detectChanges();
    return element.querySelector('[data-testid="password-strength"]')?.textContent ?? '';
  };
  return { fixture, element, type, control: fixture.componentInstance.control };
}

describe(PasswordField.name, () => {
  it('shows the policy before anything is typed', async () => {
    const { element } = await render();
    expect(element.textContent).toContain(
      `At least ${DEFAULT_PASSWORD_POLICY.minLength} characters`,
    );
  });

  it('refuses what the API refuses, with the same reasons', async () => {
    const { type, control } = await render();
    const text = await type('password1234');
    expect(evaluatePassword('password1234').issues.map((i) => i.code)).toContain('tooWeak');
    expect(text).toContain('Too easy to guess');
    expect(control.hasError('policy')).toBe(true);

    expect(await type('Tanaka-river-stone-42')).toContain(
      'Do not use the person’s name or address',
    );
    expect(control.getError('policy')).toBe('containsUserInfo');

    expect(await type('short')).toContain(
      `Use at least ${DEFAULT_PASSWORD_POLICY.minLength} characters`,
    );
  });

  it('accepts what the API accepts', async () => {
    const { type, control } = await render();
    const text = await type('plum orbit cascade lantern');
    expect(evaluatePassword('plum orbit cascade lantern').issues).toEqual([]);
    expect(text).toContain('Meets the policy');
    expect(control.valid).toBe(true);
  });
});
