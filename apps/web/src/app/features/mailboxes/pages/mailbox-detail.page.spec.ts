import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MailboxResponseDto, UpdateMailboxDto } from '@yubin/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { AppPasswordsPanel } from '../../account/components/app-passwords-panel';
import { DomainContext } from '../../domains/data/domain-context';
import { MailboxSpam } from '../../spam/components/mailbox-spam';
import { MailboxDiagnostics } from '../components/mailbox-diagnostics';
import { MailboxSecurity } from '../components/mailbox-security';
import { MailboxesApi } from '../data/mailboxes-api';
import MailboxDetailPage from './mailbox-detail.page';

// The panels beside the settings form load their own data; they are not what is tested here.
@Component({
  selector: 'yb-mailbox-diagnostics',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class DiagnosticsStub {
  readonly address = input<string>();
  readonly resetPassword = output();
  readonly changed = output();
}
@Component({
  selector: 'yb-mailbox-security',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SecurityStub {
  readonly mailbox = input<unknown>();
  readonly changed = output();
}
@Component({
  selector: 'yb-app-passwords-panel',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class AppPasswordsStub {
  readonly source = input<unknown>();
  readonly username = input<string>();
  readonly canManage = input<boolean>();
  readonly forAdmin = input<boolean>();
}
@Component({
  selector: 'yb-mailbox-spam',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SpamStub {
  readonly address = input<string>();
}

const mailbox: MailboxResponseDto = {
  address: 'alice@xn--r8jz45g.jp',
  localPart: 'alice',
  domain: 'xn--r8jz45g.jp',
  displayName: 'Alice',
  quotaBytes: 0,
  usedBytes: 0,
  active: true,
  imapEnabled: true,
  pop3Enabled: true,
  smtpEnabled: true,
  mustChangePassword: false,
  forwardTo: ['kept@xn--r8jz45g.jp'],
  keepCopy: true,
  language: null,
  twoFactorEnabled: false,
  lockedUntil: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
};

function unknownForwardTo(addresses: string[]): HttpErrorResponse {
  return new HttpErrorResponse({
    status: 422,
    error: {
      type: 'urn:yubin:problem:forward-destination-unknown',
      title: 'Unprocessable Content',
      status: 422,
      code: 'FORWARD_DESTINATION_UNKNOWN',
      errors: addresses.map((_, i) => ({
        field: `forwardTo.${i + 1}`,
        code: 'destinationUnknown',
        message: 'x',
      })),
      unknownDestinations: addresses,
    },
  });
}

describe('MailboxDetailPage forwarding', () => {
  const get = vi.fn();
  const update =
    vi.fn<
      (
        address: string,
        body: UpdateMailboxDto,
        etag: string | undefined,
      ) => Promise<{ value: MailboxResponseDto; etag: string }>
    >();

  beforeEach(() => {
    get.mockReset().mockResolvedValue({ value: mailbox, etag: '"3"' });
    update.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: MailboxesApi, useValue: { get, update, appPasswords: () => ({}) } },
        { provide: Session, useValue: { can: () => true } },
        {
          provide: DomainContext,
          useValue: { domain: signal(null), refresh: () => Promise.resolve() },
        },
      ],
    });
    TestBed.overrideComponent(MailboxDetailPage, {
      remove: { imports: [MailboxDiagnostics, MailboxSecurity, AppPasswordsPanel, MailboxSpam] },
      add: { imports: [DiagnosticsStub, SecurityStub, AppPasswordsStub, SpamStub] },
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(MailboxDetailPage);
    fixture.componentRef.setInput('domain', 'xn--r8jz45g.jp');
    fixture.componentRef.setInput('localPart', 'alice');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const type = (value: string) => {
      const textarea = element.querySelector<HTMLTextAreaElement>(
        '[data-testid="mailbox-forward-to"]',
      )!;
      textarea.value = value;
      textarea.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    const save = () => element.querySelector<HTMLButtonElement>('[data-testid="save-mailbox"]')!;
    const submit = async () => {
      save().click();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    const warning = () => element.querySelector('[data-testid="unknown-forward-to"]');
    return { type, save, submit, warning };
  }

  it('warns of forwarding addresses nothing receives and saves anyway on confirmation', async () => {
    const { type, save, submit, warning } = await render();
    type('kept@xn--r8jz45g.jp\ntypo@xn--r8jz45g.jp');
    update.mockRejectedValueOnce(unknownForwardTo(['typo@xn--r8jz45g.jp']));
    await submit();
    expect(update).toHaveBeenLastCalledWith(
      'alice@xn--r8jz45g.jp',
      expect.not.objectContaining({ confirmUnknownDestinations: expect.anything() }),
      '"3"',
    );
    expect(warning()!.textContent).toContain('typo@例え.jp');
    expect(save().textContent.trim()).toBe('Save anyway');

    const forwardTo = ['kept@xn--r8jz45g.jp', 'typo@xn--r8jz45g.jp'];
    update.mockResolvedValueOnce({ value: { ...mailbox, forwardTo }, etag: '"4"' });
    await submit();
    expect(update).toHaveBeenLastCalledWith(
      'alice@xn--r8jz45g.jp',
      expect.objectContaining({ forwardTo, confirmUnknownDestinations: true }),
      '"3"',
    );
    expect(warning()).toBeNull();
    expect(save().textContent.trim()).toBe('Save changes');
  });

  it('asks again once the forwarding is edited', async () => {
    const { type, save, submit, warning } = await render();
    type('typo@xn--r8jz45g.jp');
    update.mockRejectedValueOnce(unknownForwardTo(['typo@xn--r8jz45g.jp']));
    await submit();
    expect(warning()).not.toBeNull();
    type('fixed@xn--r8jz45g.jp');
    expect(warning()).toBeNull();
    expect(save().textContent.trim()).toBe('Save changes');
    update.mockResolvedValueOnce({
      value: { ...mailbox, forwardTo: ['fixed@xn--r8jz45g.jp'] },
      etag: '"4"',
    });
    await submit();
    expect(update).toHaveBeenLastCalledWith(
      'alice@xn--r8jz45g.jp',
      expect.not.objectContaining({ confirmUnknownDestinations: expect.anything() }),
      '"3"',
    );
    expect(update.mock.lastCall?.[1].forwardTo).toEqual(['fixed@xn--r8jz45g.jp']);
  });
});
