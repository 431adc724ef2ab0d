import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountApi } from '../data/account-api';
import { ChangePasswordForm } from './change-password-form';
import { signedInUser } from '../../../testing/users';

const USER = signedInUser({ restriction: 'password-change' });
const STRONG = 'Quiet-harbour-lanterns-7Kq';

function problem(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    // A call expecting no content reads the problem+json as text.
    error: JSON.stringify({ type: 'urn:x', title: 'x', status, ...body }),
  });
}

describe(ChangePasswordForm.name, () => {
  const changePassword = vi.fn<(current: string, next: string) => Promise<void>>();

  beforeEach(() => {
    changePassword.mockReset();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AccountApi,
          useValue: {
            changePassword,
            passwordPolicy: () => Promise.resolve({ minLength: 12, maxLength: 256, minScore: 3 }),
          },
        },
      ],
    });
  });

  async function fill(current: string | null, next: string, repeat = next, known?: string) {
    const fixture = TestBed.createComponent(ChangePasswordForm);
    fixture.componentRef.setInput('user', USER);
    fixture.componentRef.setInput('forced', true);
    if (known !== undefined) fixture.componentRef.setInput('knownPassword', known);
    const changed = vi.fn();
    fixture.componentInstance.changed.subscribe(changed);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    for (const [id, value] of [
      ['current-password', current],
      ['new-password', next],
      ['repeat-password', repeat],
    ] as const) {
      if (value === null) continue;
      const input = element.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    // The policy meter debounces; let it settle.
    await new Promise((resolve) => setTimeout(resolve, 200));
    element.querySelector<HTMLButtonElement>('[data-testid="change-password"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    return { element, changed };
  }

  const errorOf = (element: HTMLElement, id: string) =>
    element
      .querySelector(`[data-testid="${id}"]`)!
      .closest('mat-form-field')!
      .querySelector('mat-error')
      ?.textContent.trim();

  it('sends the temporary and the new password, then says it changed', async () => {
    changePassword.mockResolvedValue(undefined);
    const { changed } = await fill('Temp-123-temp', STRONG);
    expect(changePassword).toHaveBeenCalledWith('Temp-123-temp', STRONG);
    expect(changed).toHaveBeenCalledOnce();
  });

  it('does not ask again for the temporary password the user has just signed in with', async () => {
    changePassword.mockResolvedValue(undefined);
    const { element, changed } = await fill(null, STRONG, STRONG, 'Temp-123-temp');
    const field = element
      .querySelector('[data-testid="current-password"]')!
      .closest('mat-form-field');
    expect((field as HTMLElement).style.display).toBe('none');
    expect(changePassword).toHaveBeenCalledWith('Temp-123-temp', STRONG);
    expect(changed).toHaveBeenCalledOnce();
  });

  it('asks for it after all when the API refuses the one it was given', async () => {
    changePassword.mockRejectedValue(
      problem(422, {
        code: 'INVALID_CURRENT_PASSWORD',
        errors: [{ field: 'currentPassword', code: 'incorrect', message: 'x' }],
      }),
    );
    const { element } = await fill(null, STRONG, STRONG, 'Temp-123-temp');
    const field = element
      .querySelector('[data-testid="current-password"]')!
      .closest('mat-form-field');
    expect((field as HTMLElement).style.display).toBe('');
    expect(errorOf(element, 'current-password')).toBe('That password is not right.');
  });

  it('puts a wrong current password on the current-password field', async () => {
    changePassword.mockRejectedValue(
      problem(422, {
        code: 'INVALID_CURRENT_PASSWORD',
        errors: [{ field: 'currentPassword', code: 'incorrect', message: 'x' }],
      }),
    );
    const { element, changed } = await fill('wrong', STRONG);
    expect(errorOf(element, 'current-password')).toBe('That password is not right.');
    expect(element.querySelector('[data-testid="change-password-error"]')).toBeNull();
    expect(changed).not.toHaveBeenCalled();
  });

  it('puts a refused new password on the new-password field, with the reason', async () => {
    changePassword.mockRejectedValue(
      problem(422, {
        code: 'PASSWORD_POLICY_VIOLATION',
        errors: [{ field: 'newPassword', code: 'sameAsCurrent', message: 'x' }],
      }),
    );
    const { element } = await fill(STRONG, STRONG);
    expect(errorOf(element, 'new-password')).toBe(
      'Choose a password different from the current one.',
    );
  });

  it('refuses a repeat that differs before sending anything', async () => {
    const { element } = await fill('Temp-123-temp', STRONG, `${STRONG}x`);
    expect(changePassword).not.toHaveBeenCalled();
    expect(errorOf(element, 'repeat-password')).toBe('This is not the same as the new password.');
  });

  it('says what else went wrong above the form', async () => {
    changePassword.mockRejectedValue(problem(429, { code: 'RATE_LIMITED' }));
    const { element } = await fill('Temp-123-temp', STRONG);
    expect(element.querySelector('[data-testid="change-password-error"]')?.textContent).toContain(
      'Too many attempts',
    );
  });
});
