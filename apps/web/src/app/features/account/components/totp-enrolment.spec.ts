import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountApi } from '../data/account-api';
import { groupSecret, qrImageUrl, TotpEnrolment } from './totp-enrolment';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>';
const CODES = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);

describe(TotpEnrolment.name, () => {
  const startTotp = vi.fn();
  const confirmTotp = vi.fn<(code: string) => Promise<string[]>>();

  beforeEach(() => {
    startTotp.mockReset().mockResolvedValue({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
      otpauthUri: 'otpauth://totp/Yubin:hanako@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DP',
      qrSvg: SVG,
    });
    confirmTotp.mockReset();
    TestBed.configureTestingModule({
      providers: [{ provide: AccountApi, useValue: { startTotp, confirmTotp } }],
    });
  });

  async function open(autoStart: boolean) {
    const fixture = TestBed.createComponent(TotpEnrolment);
    fixture.componentRef.setInput('account', 'hanako@example.com');
    fixture.componentRef.setInput('autoStart', autoStart);
    const completed = vi.fn();
    fixture.componentInstance.completed.subscribe(completed);
    fixture.detectChanges();
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement, completed };
  }

  async function settle(fixture: ComponentFixture<unknown>) {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const byTestId = (element: HTMLElement, id: string) =>
    element.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  async function enter(fixture: ComponentFixture<unknown>, element: HTMLElement, code: string) {
    const input = byTestId(element, 'totp-code') as HTMLInputElement;
    input.value = code;
    input.dispatchEvent(new Event('input'));
    byTestId(element, 'confirm-enrolment')!.click();
    await settle(fixture);
  }

  it('explains first, and starts only when asked', async () => {
    const { fixture, element } = await open(false);
    expect(startTotp).not.toHaveBeenCalled();
    expect(element.textContent).toContain('authenticator app');
    byTestId(element, 'start-enrolment')!.click();
    await settle(fixture);
    expect(startTotp).toHaveBeenCalledOnce();
    expect(byTestId(element, 'totp-secret')).not.toBeNull();
  });

  it('shows the QR code as an image and the key as grouped text', async () => {
    const { element } = await open(true);
    const image = byTestId(element, 'totp-qr') as HTMLImageElement;
    expect(image.getAttribute('src')).toBe(qrImageUrl(SVG));
    expect(image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    // The SVG never becomes markup in the page.
    expect(element.querySelector('svg')).toBeNull();
    expect(byTestId(element, 'totp-secret')?.textContent.trim()).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP',
    );
  });

  it('checks the code’s format before sending, and shows the API’s refusal on the field', async () => {
    const { fixture, element } = await open(true);
    await enter(fixture, element, '12');
    expect(confirmTotp).not.toHaveBeenCalled();

    confirmTotp.mockRejectedValueOnce(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: 'x',
          title: 'x',
          status: 422,
          code: 'INVALID_TOTP_CODE',
          errors: [{ field: 'code', code: 'invalidCode', message: 'x' }],
        },
      }),
    );
    await enter(fixture, element, '123456');
    expect(confirmTotp).toHaveBeenCalledWith('123456');
    expect(element.querySelector('mat-error')?.textContent).toContain('That code is not right.');
    expect(byTestId(element, 'recovery-codes')).toBeNull();
  });

  it('shows the recovery codes once and goes on only after the user says they saved them', async () => {
    confirmTotp.mockResolvedValue(CODES);
    const { fixture, element, completed } = await open(true);
    await enter(fixture, element, ' 654321 ');
    expect(confirmTotp).toHaveBeenCalledWith('654321');
    const listed = [...byTestId(element, 'recovery-codes')!.querySelectorAll('li')].map((item) =>
      item.textContent.trim(),
    );
    expect(listed).toEqual(CODES);

    const finish = byTestId(element, 'finish-enrolment') as HTMLButtonElement;
    expect(finish.disabled).toBe(true);
    byTestId(element, 'codes-saved')!.querySelector('input')!.click();
    await settle(fixture);
    expect(finish.disabled).toBe(false);
    finish.click();
    expect(completed).toHaveBeenCalledOnce();
  });

  it('says why when enrolment cannot start', async () => {
    startTotp.mockRejectedValue(
      new HttpErrorResponse({
        status: 403,
        error: { type: 'x', title: 'x', status: 403, code: 'TWO_FACTOR_DISABLED_BY_POLICY' },
      }),
    );
    const { element } = await open(true);
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'does not offer two-step sign-in',
    );
  });
});

describe(groupSecret.name, () => {
  it('groups by four', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
