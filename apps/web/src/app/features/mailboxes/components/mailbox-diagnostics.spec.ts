import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type {
  DiagnosticsResponseDto,
  DnsRecordsResponseDto,
  SendCheckResponseDto,
} from '@yubin/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { DnsApi } from '../../dns/data/dns-api';
import { MailboxesApi } from '../data/mailboxes-api';
import { MailboxDiagnostics } from './mailbox-diagnostics';

const LOCKED: DiagnosticsResponseDto = {
  checks: [
    {
      status: 'fail',
      code: 'account-locked',
      message: 'Sign-in is locked until 14:35 UTC.',
      action: { code: 'unlock', label: 'Unlock sign-in' },
    },
    {
      status: 'warn',
      code: 'imap-disabled',
      message: 'IMAP is switched off.',
      action: { code: 'enable-imap', label: 'Turn on IMAP' },
    },
    {
      status: 'fail',
      code: 'domain-inactive',
      message: 'The domain is switched off.',
      action: { code: 'activate-domain', label: 'Turn the domain on' },
    },
  ],
};
const DNS_UNVERIFIED: DiagnosticsResponseDto = {
  checks: [
    {
      status: 'warn',
      code: 'dns-mx',
      message: 'The MX record was never checked.',
      action: { code: 'verify-dns', label: 'Verify DNS records' },
    },
  ],
};
const DNS_VERIFIED: DiagnosticsResponseDto = {
  checks: [{ status: 'ok', code: 'dns-mx', message: 'The MX record is right.', action: null }],
};
const FINE: DiagnosticsResponseDto = {
  checks: [{ status: 'ok', code: 'account-locked', message: 'Not locked.', action: null }],
};

describe(MailboxDiagnostics.name, () => {
  const diagnostics = vi.fn<(address: string, from?: string) => Promise<DiagnosticsResponseDto>>();
  const unlock = vi.fn<(address: string) => Promise<void>>();
  const update = vi.fn<(address: string, body: object, etag: undefined) => Promise<unknown>>();
  const sendCheck =
    vi.fn<(address: string, from: string, to: string) => Promise<SendCheckResponseDto>>();
  const verify = vi.fn<(domain: string) => Promise<DnsRecordsResponseDto>>();
  const can = vi.fn<(permission: string) => boolean>();

  beforeEach(() => {
    for (const mock of [diagnostics, unlock, update, sendCheck, verify, can]) mock.mockReset();
    verify.mockResolvedValue({} as DnsRecordsResponseDto);
    can.mockReturnValue(true);
    unlock.mockResolvedValue();
    update.mockResolvedValue({});
    TestBed.configureTestingModule({
      providers: [
        { provide: MailboxesApi, useValue: { diagnostics, unlock, update, sendCheck } },
        { provide: DnsApi, useValue: { verify } },
        { provide: Session, useValue: { can } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(MailboxDiagnostics);
    fixture.componentRef.setInput('address', 'alice@example.com');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, element, settle };
  }

  it('runs the checks as it opens and fixes a lock with one press, then checks again', async () => {
    diagnostics.mockResolvedValueOnce(LOCKED).mockResolvedValueOnce(FINE);
    const { fixture, element, settle } = await render();
    expect(diagnostics).toHaveBeenCalledWith('alice@example.com', undefined);
    const changed = vi.fn();
    fixture.componentInstance.changed.subscribe(changed);
    element.querySelector<HTMLButtonElement>('button[data-action="unlock"]')?.click();
    await settle();
    expect(unlock).toHaveBeenCalledWith('alice@example.com');
    expect(changed).toHaveBeenCalledOnce();
    expect(diagnostics).toHaveBeenCalledTimes(2);
    expect(element.textContent).toContain('Not locked.');
    expect(element.textContent).toContain('Done. Checked again.');
  });

  it('turns a protocol on; a fix it cannot carry out stays advice', async () => {
    diagnostics.mockResolvedValue(LOCKED);
    const { element, settle } = await render();
    expect(element.querySelector('button[data-action="activate-domain"]')).toBeNull();
    element.querySelector<HTMLButtonElement>('button[data-action="enable-imap"]')?.click();
    await settle();
    expect(update).toHaveBeenCalledWith('alice@example.com', { imapEnabled: true }, undefined);
  });

  it('verifies the domain’s DNS records, then runs the checks again', async () => {
    diagnostics.mockResolvedValueOnce(DNS_UNVERIFIED).mockResolvedValueOnce(DNS_VERIFIED);
    const { element, settle } = await render();
    element.querySelector<HTMLButtonElement>('button[data-action="verify-dns"]')?.click();
    await settle();
    expect(can).toHaveBeenCalledWith('domains:write');
    expect(verify.mock.calls).toEqual([['example.com']]);
    expect(diagnostics).toHaveBeenCalledTimes(2);
    expect(element.textContent).toContain('The MX record is right.');
    expect(element.textContent).toContain('Done. Checked again.');
  });

  it('shows a failed verification instead of pretending it worked', async () => {
    diagnostics.mockResolvedValue(DNS_UNVERIFIED);
    verify.mockRejectedValue(
      new HttpErrorResponse({
        status: 403,
        error: { type: 'urn:x', title: 'Forbidden', status: 403, code: 'FORBIDDEN' },
      }),
    );
    const { element, settle } = await render();
    element.querySelector<HTMLButtonElement>('button[data-action="verify-dns"]')?.click();
    await settle();
    expect(verify).toHaveBeenCalledOnce();
    expect(diagnostics).toHaveBeenCalledOnce();
    expect(element.querySelector('[role="alert"]')).not.toBeNull();
    expect(element.textContent).not.toContain('Done. Checked again.');
  });

  it('checks a sender on request, and asks whether a message would go through', async () => {
    diagnostics.mockResolvedValue(FINE);
    sendCheck.mockResolvedValue({
      accepted: false,
      code: 'sender-not-owned',
      message: 'alice@example.com may not send as bob@example.com.',
    });
    const { element, settle } = await render();
    const sender = element.querySelector<HTMLInputElement>('[data-testid="diagnostics-sender"]')!;
    sender.value = ' news@shop.example ';
    sender.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid="diagnostics-check-sender"]')?.click();
    await settle();
    expect(diagnostics).toHaveBeenLastCalledWith('alice@example.com', 'news@shop.example');

    const to = element.querySelector<HTMLInputElement>('[data-testid="send-check-to"]')!;
    expect(to.value).toBe('alice@example.com');
    const from = element.querySelector<HTMLInputElement>('[data-testid="send-check-from"]')!;
    from.value = 'bob@example.com';
    from.dispatchEvent(new Event('input'));
    to.value = 'carol@example.net';
    to.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid="send-check-submit"]')?.click();
    await settle();
    expect(sendCheck).toHaveBeenCalledWith(
      'alice@example.com',
      'bob@example.com',
      'carol@example.net',
    );
    const verdict = element.querySelector('[data-testid="send-check-verdict"]')?.textContent;
    expect(verdict).toContain('Refused');
    expect(verdict).toContain('may not send as bob@example.com');
  });
});
