import { TestBed } from '@angular/core/testing';
import type { TwoFactorStatusResponseDto } from '@yubin/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { AccountApi } from '../data/account-api';
import { TwoFactorPanel } from './two-factor-panel';

const ON: TwoFactorStatusResponseDto = {
  enabled: true,
  enabledAt: '2026-11-01T09:00:00.000Z',
  recoveryCodesRemaining: 8,
  required: false,
  deadline: null,
  requiredByPolicy: false,
};

describe(TwoFactorPanel.name, () => {
  const twoFactorStatus = vi.fn<() => Promise<TwoFactorStatusResponseDto>>();

  beforeEach(() => {
    twoFactorStatus.mockReset();
    TestBed.configureTestingModule({
      providers: [
        { provide: AccountApi, useValue: { twoFactorStatus } },
        { provide: Session, useValue: { refresh: vi.fn() } },
      ],
    });
  });

  async function render(status: TwoFactorStatusResponseDto) {
    twoFactorStatus.mockResolvedValue(status);
    const fixture = TestBed.createComponent(TwoFactorPanel);
    fixture.componentRef.setInput('account', 'hanako@example.com');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return (id: string) => element.querySelector(`[data-testid="${id}"]`);
  }

  it('offers to turn 2FA off when no policy requires it', async () => {
    const byTestId = await render(ON);
    expect(byTestId('two-factor-state')?.textContent).toContain('On since');
    expect(byTestId('disable-two-factor')).not.toBeNull();
    expect(byTestId('two-factor-kept')).toBeNull();
  });

  it('keeps it on, and says why and what to do about a lost phone, when a policy requires it', async () => {
    const byTestId = await render({ ...ON, requiredByPolicy: true });
    expect(byTestId('disable-two-factor')).toBeNull();
    expect(byTestId('regenerate-codes')).not.toBeNull();
    expect(byTestId('two-factor-kept')?.textContent).toContain('recovery code');
  });
});
