import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type {
  CreatedMailboxResponseDto,
  CreateMailboxDto,
  DomainResponseDto,
  HandoverResponseDto,
} from '@yubin/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { I18n } from '../../../core/i18n/i18n.service';
import { DomainContext } from '../../domains/data/domain-context';
import { MailboxesApi } from '../data/mailboxes-api';
import MailboxCreatePage from './mailbox-create.page';

const GB = 1024 ** 3;
const domain: DomainResponseDto = {
  name: 'example.com',
  unicodeName: 'example.com',
  description: '',
  active: true,
  maxMailboxes: 0,
  maxAliases: 0,
  defaultQuotaBytes: 2 * GB,
  maxQuotaBytes: 10 * GB,
  quotaBytes: 0,
  mailHostname: null,
  language: null,
  mailboxCount: 0,
  aliasCount: 0,
  usedBytes: 0,
  passwordMinLength: null,
  passwordMinScore: null,
  passwordPolicy: { minLength: 12, maxLength: 256, minScore: 3 },
  twoFactorPolicy: 'optional',
  twoFactorGraceDays: 7,
  twoFactorRequiredSince: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function created(body: CreateMailboxDto): CreatedMailboxResponseDto {
  return {
    address: `${body.localPart}@example.com`,
    localPart: body.localPart,
    domain: 'example.com',
    displayName: body.displayName ?? '',
    quotaBytes: body.quotaBytes ?? 0,
    usedBytes: 0,
    active: true,
    imapEnabled: true,
    pop3Enabled: true,
    smtpEnabled: true,
    mustChangePassword: true,
    forwardTo: body.forwardTo ?? [],
    keepCopy: body.keepCopy ?? true,
    language: null,
    twoFactorEnabled: false,
    lockedUntil: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    deletedAt: null,
    temporaryPassword: 'Hk7wq-3ZbNm-pX9vR-c4TtY',
  };
}

function problem(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { type: 'urn:x', title: 'x', status, ...body } });
}

describe('MailboxCreatePage', () => {
  const create =
    vi.fn<
      (domain: string, body: CreateMailboxDto, key: string) => Promise<CreatedMailboxResponseDto>
    >();

  const handover = vi.fn<(address: string) => Promise<HandoverResponseDto>>();

  beforeEach(() => {
    create.mockReset();
    handover.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: MailboxesApi, useValue: { create, handover } },
        {
          provide: DomainContext,
          useValue: { domain: signal(domain), refresh: () => Promise.resolve() },
        },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(MailboxCreatePage);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const input = (testId: string) =>
      element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
    const fill = (testId: string, value: string) => {
      const target = input(testId);
      target.value = value;
      target.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('[data-testid="create-mailbox"]')!.click();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, element, input, fill, submit };
  }

  it('starts with the domain’s default quota', async () => {
    const { input } = await render();
    expect(input('quota').value).toBe('2');
  });

  it('creates with a generated password and shows it once with the must-change note', async () => {
    create.mockImplementation((_domain, body) => Promise.resolve(created(body)));
    const { fill, submit, element } = await render();
    fill('local-part', 'alice');
    fill('display-name', 'Alice Tanaka');
    await submit();
    expect(create).toHaveBeenCalledTimes(1);
    const [domainName, body, key] = create.mock.calls[0]!;
    expect(domainName).toBe('example.com');
    expect(body).toMatchObject({
      localPart: 'alice',
      displayName: 'Alice Tanaka',
      quotaBytes: 2 * GB,
      imapEnabled: true,
      // Not chosen: the domain's language, which the select names.
      language: null,
    });
    expect(body).not.toHaveProperty('password');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(element.querySelector('[data-testid="secret"]')?.textContent).toBe(
      'Hk7wq-3ZbNm-pX9vR-c4TtY',
    );
    expect(element.textContent).toContain('must choose a new password');
  });

  it('prints a handover sheet with the password from memory and the servers from the API', async () => {
    create.mockImplementation((_domain, body) => Promise.resolve(created(body)));
    handover.mockResolvedValue({
      address: 'alice@example.com',
      displayName: 'Alice Tanaka',
      incoming: [{ protocol: 'imap', host: 'mail.example.com', port: 993, security: 'tls' }],
      outgoing: [{ protocol: 'smtp', host: 'mail.example.com', port: 587, security: 'starttls' }],
      autoconfigUrl:
        'https://yubin.example/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=alice%40example.com',
      language: 'en',
      canSendByMail: false,
    });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { fixture, fill, submit, element } = await render();
    fill('local-part', 'alice');
    await submit();
    element.querySelector<HTMLButtonElement>('[data-testid="print-handover"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();

    // Only the address goes to the API: the password never leaves this browser again.
    expect(handover.mock.calls).toEqual([['alice@example.com']]);
    const sheet = document.querySelector<HTMLElement>('[data-testid="handover-sheet"]')!;
    expect(sheet.classList).toContain('yb-print-sheet');
    expect(sheet.querySelector('[data-testid="handover-password"]')?.textContent.trim()).toBe(
      'Hk7wq-3ZbNm-pX9vR-c4TtY',
    );
    expect(sheet.querySelector('[data-testid="handover-autoconfig"]')?.textContent).toContain(
      'emailaddress=alice%40example.com',
    );
    expect(sheet.textContent).toContain('mail.example.com');
    expect(sheet.textContent).toContain('most internet providers block it');
    document.querySelector<HTMLButtonElement>('[data-testid="handover-print-now"]')!.click();
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('hands the sheet over in the mailbox’s language, and gives the page its own back on close', async () => {
    create.mockImplementation((_domain, body) => Promise.resolve(created(body)));
    handover.mockResolvedValue({
      address: 'alice@example.com',
      displayName: '',
      incoming: [{ protocol: 'imap', host: 'mail.example.com', port: 993, security: 'tls' }],
      outgoing: [{ protocol: 'smtp', host: 'mail.example.com', port: 465, security: 'tls' }],
      autoconfigUrl: 'https://yubin.example/x',
      language: 'ja',
      canSendByMail: false,
    });
    const i18n = TestBed.inject(I18n);
    const { fixture, fill, submit, element } = await render();
    expect(i18n.language()).toBe('en');
    fill('local-part', 'alice');
    await submit();
    element.querySelector<HTMLButtonElement>('[data-testid="print-handover"]')!.click();
    await fixture.whenStable();
    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(document.querySelector('[data-testid="handover-sheet"]')).not.toBeNull();
    });
    expect(i18n.language()).toBe('ja');
    const sheet = document.querySelector<HTMLElement>('[data-testid="handover-sheet"]')!;
    expect(sheet.textContent).toContain('メールアカウントのご案内');
    expect(sheet.textContent).toContain('ポート 25 は使いません');

    document.querySelector<HTMLButtonElement>('[data-testid="handover-language-en"]')!.click();
    await vi.waitFor(() => expect(i18n.language()).toBe('en'));
    document.querySelector<HTMLButtonElement>('[data-testid="handover-language-ja"]')!.click();
    await vi.waitFor(() => expect(i18n.language()).toBe('ja'));
    TestBed.inject(MatDialog).closeAll();
    await vi.waitFor(() => expect(i18n.language()).toBe('en'));
  });

  it('does not call the API while a required field is empty', async () => {
    const { submit, element } = await render();
    await submit();
    expect(create).not.toHaveBeenCalled();
    expect(element.querySelector('mat-error')?.textContent).toContain('Required');
  });

  it('shows an existing address next to the address field, not in a banner', async () => {
    create.mockRejectedValue(
      problem(409, { code: 'MAILBOX_EXISTS', detail: 'alice@example.com already exists.' }),
    );
    const { fill, submit, element } = await render();
    fill('local-part', 'alice');
    await submit();
    const field = element.querySelector('[data-testid="local-part"]')!.closest('mat-form-field')!;
    expect(field.textContent).toContain('A mailbox with this address already exists.');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the API’s per-field errors beside their fields, renamed ones included', async () => {
    create.mockRejectedValue(
      problem(422, {
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'localPart',
            code: 'isLocalPart',
            message: 'localPart must be a valid local part',
          },
          {
            field: 'quotaBytes',
            code: 'isQuotaBytes',
            message: 'quotaBytes must be a whole number of bytes',
          },
        ],
      }),
    );
    const { fill, submit, element } = await render();
    fill('local-part', 'al ice');
    await submit();
    const fieldOf = (testId: string) =>
      element.querySelector(`[data-testid="${testId}"]`)!.closest('mat-form-field')!.textContent;
    expect(fieldOf('local-part')).toContain("Use letters, digits and . _ - + '");
    expect(fieldOf('quota')).toContain('Enter a size from 0 to 8,388,607 GB.');
  });

  it('says in the chosen language which characters an address here may use', async () => {
    create.mockRejectedValue(
      problem(422, {
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'localPart',
            code: 'unsupportedLocalPartCharacter',
            message: 'localPart must not contain "%" (U+0025): addresses here use only …',
          },
        ],
      }),
    );
    const { fixture, fill, submit, element } = await render();
    fill('local-part', "o'brien%x");
    await submit();
    const field = () =>
      element.querySelector('[data-testid="local-part"]')!.closest('mat-form-field')!.textContent;
    expect(field()).toContain(
      "Addresses here can use only letters, digits and . _ - + ' before the @.",
    );
    await TestBed.inject(I18n).use('ja', { remember: false });
    fixture.detectChanges();
    expect(field()).toContain("ここでは @ より前に英数字と . _ - + ' しか使えません。");
  });

  it('retries a failed create with a fresh idempotency key', async () => {
    create.mockRejectedValueOnce(problem(503, { code: 'DATABASE_UNAVAILABLE' }));
    create.mockImplementation((_domain, body) => Promise.resolve(created(body)));
    const { fill, submit, element } = await render();
    fill('local-part', 'bob');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'database is not available',
    );
    await submit();
    expect(create.mock.calls[0]![2]).not.toBe(create.mock.calls[1]![2]);
  });
});
