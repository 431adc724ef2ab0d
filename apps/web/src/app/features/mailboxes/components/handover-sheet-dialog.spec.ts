import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { HandoverResponseDto, HandoverSentResponseDto } from '@yubin/api-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { MailboxesApi } from '../data/mailboxes-api';
import { HandoverSheetDialog, openHandoverSheet } from './handover-sheet-dialog';

const PASSWORD = 'Hk7wq-3ZbNm-pX9vR-c4TtY';

function sheet(canSendByMail: boolean): HandoverResponseDto {
  return {
    address: 'alice@example.com',
    displayName: 'Alice Tanaka',
    incoming: [{ protocol: 'imap', host: 'mail.example.com', port: 993, security: 'tls' }],
    outgoing: [{ protocol: 'smtp', host: 'mail.example.com', port: 587, security: 'starttls' }],
    autoconfigUrl: 'https://yubin.example/x',
    language: 'en',
    canSendByMail,
  };
}

function problem(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { type: 'urn:x', title: 'x', status, ...body } });
}

describe(HandoverSheetDialog.name, () => {
  const handover = vi.fn<(address: string) => Promise<HandoverResponseDto>>();
  const sendHandover =
    vi.fn<(address: string, to: string, password: string) => Promise<HandoverSentResponseDto>>();
  const can = vi.fn<(permission: string) => boolean>();
  const open = vi.fn<(message: string) => void>();

  beforeEach(() => {
    for (const mock of [handover, sendHandover, can, open]) mock.mockReset();
    can.mockImplementation((permission) => permission === 'mailboxes:credentials');
    TestBed.configureTestingModule({
      providers: [
        { provide: MailboxesApi, useValue: { handover, sendHandover } },
        { provide: Session, useValue: { can } },
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  async function openSheet() {
    openHandoverSheet(TestBed.inject(MatDialog), {
      address: 'alice@example.com',
      password: PASSWORD,
    });
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="handover-sheet"]')).not.toBeNull(),
    );
    const find = (testId: string) => document.querySelector(`[data-testid="${testId}"]`);
    const fill = (value: string) => {
      const input = find('handover-send-to') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const send = () => (find('handover-send-button') as HTMLButtonElement).click();
    return { find, fill, send };
  }

  it('sends the sheet to the address typed, with the password from memory, and names it', async () => {
    handover.mockResolvedValue(sheet(true));
    sendHandover.mockResolvedValue({ sentTo: 'hana@xn--r8jz45g.jp', passwordIncluded: true });
    const { find, fill, send } = await openSheet();
    // Not printed with the sheet.
    expect(find('handover-sheet')?.contains(find('handover-send'))).toBe(false);
    fill(' hana@例え.jp ');
    send();
    await vi.waitFor(() => expect(open).toHaveBeenCalledOnce());
    expect(sendHandover.mock.calls).toEqual([['alice@example.com', 'hana@例え.jp', PASSWORD]]);
    expect(handover.mock.calls).toEqual([['alice@example.com']]);
    expect(open.mock.calls[0]?.[0]).toBe('The handover sheet was sent to hana@例え.jp.');
  });

  it('offers no sending where the server sends no mail, or to those who may not hand out credentials', async () => {
    handover.mockResolvedValue(sheet(false));
    const first = await openSheet();
    expect(first.find('handover-send')).toBeNull();
    TestBed.inject(MatDialog).closeAll();
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="handover-sheet"]')).toBeNull(),
    );

    handover.mockResolvedValue(sheet(true));
    can.mockReturnValue(false);
    const second = await openSheet();
    expect(second.find('handover-send')).toBeNull();
    expect(can).toHaveBeenCalledWith('mailboxes:credentials');
  });

  it('does not call the API without an address, and puts the API’s address error on the field', async () => {
    handover.mockResolvedValue(sheet(true));
    const { find, fill, send } = await openSheet();
    send();
    await vi.waitFor(() =>
      expect(document.querySelector('mat-error')?.textContent).toContain('Required'),
    );
    expect(sendHandover).not.toHaveBeenCalled();

    sendHandover.mockRejectedValue(
      problem(422, {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'to', code: 'isMailAddress', message: 'to must be a mail address' }],
      }),
    );
    fill('hana@');
    send();
    await vi.waitFor(() =>
      expect(document.querySelector('mat-error')?.textContent).toContain(
        'Enter a full email address',
      ),
    );
    expect(find('handover-send-error')).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });

  it('says so when the password is no longer the one to change, or the mail server failed', async () => {
    handover.mockResolvedValue(sheet(true));
    const { find, fill, send } = await openSheet();
    sendHandover.mockRejectedValueOnce(
      problem(422, {
        code: 'HANDOVER_PASSWORD_NOT_CURRENT',
        errors: [{ field: 'temporaryPassword', code: 'notCurrent', message: 'not current' }],
      }),
    );
    fill('hana@example.org');
    send();
    await vi.waitFor(() =>
      expect(find('handover-send-error')?.textContent).toContain(
        'not a temporary password the mailbox still has to change',
      ),
    );
    sendHandover.mockRejectedValueOnce(problem(502, { code: 'HANDOVER_MAIL_FAILED' }));
    send();
    await vi.waitFor(() =>
      expect(find('handover-send-error')?.textContent).toContain(
        'The outgoing mail server did not take the message',
      ),
    );
    expect(open).not.toHaveBeenCalled();
  });
});
