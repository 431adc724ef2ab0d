import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { AuthApi } from '../data/auth-api';
import LoginPage, { safeReturnUrl } from './login.page';
import { signedInUser } from '../../../testing/users';

describe(safeReturnUrl.name, () => {
  it('keeps paths inside the app and refuses anything that leaves it', () => {
    expect(safeReturnUrl('/domains/example.com/mailboxes/alice')).toBe(
      '/domains/example.com/mailboxes/alice',
    );
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('https://evil.example/')).toBe('/');
    expect(safeReturnUrl('//evil.example/')).toBe('/');
    expect(safeReturnUrl('/\\evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
  });
});

describe('LoginPage', () => {
  const signIn = vi.fn();
  const completeSecondFactor = vi.fn();

  beforeEach(() => {
    signIn.mockReset();
    completeSecondFactor.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        { provide: AuthApi, useValue: { signIn, completeSecondFactor } },
      ],
    });
  });

  async function submit(email: string, password: string) {
    const fixture = TestBed.createComponent(LoginPage);
    fixture.componentRef.setInput('returnUrl', '/domains');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    for (const [testId, value] of [
      ['login-email', email],
      ['login-password', password],
    ] as const) {
      const input = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    element.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    return element;
  }

  it('signs in and goes back where the user was', async () => {
    const user = signedInUser({
      id: '1',
      kind: 'admin',
      email: 'admin@example.com',
      role: 'superadmin',
    });
    signIn.mockResolvedValue({ step: 'done', user });
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');
    await submit(' admin@example.com ', 'secret');
    expect(signIn).toHaveBeenCalledWith('admin@example.com', 'secret');
    expect(TestBed.inject(Session).user()).toEqual(user);
    expect(navigate).toHaveBeenCalledWith('/domains');
  });

  it('says the credentials do not match without saying which', async () => {
    signIn.mockRejectedValue(
      new HttpErrorResponse({
        status: 401,
        error: { type: 'x', title: 'x', status: 401, code: 'INVALID_CREDENTIALS' },
      }),
    );
    const element = await submit('admin@example.com', 'wrong');
    expect(element.querySelector('[data-testid="login-error"]')?.textContent).toContain(
      'do not match',
    );
  });

  const mailboxUser = signedInUser({
    displayName: 'Hanako',
    twoFactor: { enabled: true, required: false, deadline: null },
  });

  it('asks for a code, says how many tries are left, and sends a mailbox user to My account', async () => {
    signIn.mockResolvedValue({ step: 'second-factor', challenge: 'c1' });
    completeSecondFactor
      .mockRejectedValueOnce(
        new HttpErrorResponse({
          status: 401,
          error: {
            type: 'x',
            title: 'x',
            status: 401,
            code: 'INVALID_MFA_CODE',
            detail: 'That code is not right.',
            attemptsRemaining: 3,
          },
        }),
      )
      .mockResolvedValueOnce(mailboxUser);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');
    const fixture = TestBed.createComponent(LoginPage);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const type = async (testId: string, value: string, submit: string) => {
      const input = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      element.querySelector<HTMLButtonElement>(`[data-testid="${submit}"]`)!.click();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    await type('login-email', 'hanako@example.com', 'login-submit');
    await type('login-password', 'secret', 'login-submit');
    await type('login-code', '111111', 'login-code-submit');
    expect(completeSecondFactor).toHaveBeenCalledWith('c1', '111111');
    expect(element.querySelector('[data-testid="attempts-left"]')?.textContent).toContain(
      '3 tries left',
    );
    await type('login-code', '222222', 'login-code-submit');
    expect(navigate).toHaveBeenCalledWith('/account');
  });
});
