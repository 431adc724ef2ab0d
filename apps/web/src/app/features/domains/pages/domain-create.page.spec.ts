import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CreateDomainDto, DomainResponseDto } from '@yubin/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { I18n } from '../../../core/i18n/i18n.service';
import { DomainsApi } from '../data/domains-api';
import DomainCreatePage from './domain-create.page';

function problem(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { type: 'urn:x', title: 'x', status, ...body } });
}

/** What the API answers for "Most mailboxes" 99999999999, quota 10 GB over a 1 GB pool, and a 64-character label. */
const refusal = problem(422, {
  code: 'VALIDATION_FAILED',
  errors: [
    {
      field: 'maxMailboxes',
      code: 'max',
      message: 'maxMailboxes must not be greater than 100000000',
    },
    {
      field: 'defaultQuotaBytes',
      code: 'exceedsPool',
      message: 'defaultQuotaBytes cannot be larger than the domain pool (quotaBytes)',
    },
    {
      field: 'name',
      code: 'domainLabelTooLong',
      message: 'name must not have labels longer than 63 characters in ASCII form',
    },
  ],
});

describe('DomainCreatePage', () => {
  const create = vi.fn<(body: CreateDomainDto, key: string) => Promise<DomainResponseDto>>();

  beforeEach(() => {
    create.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: DomainsApi,
          useValue: {
            create,
            settings: () =>
              Promise.resolve({
                defaultMailboxQuotaBytes: 2 * 1024 ** 3,
                mailboxRetentionDays: 30,
                mailHostnamesConfigured: true,
              }),
          },
        },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(DomainCreatePage);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const fill = (selector: string, value: string) => {
      const target = element.querySelector<HTMLInputElement>(selector)!;
      target.value = value;
      target.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('[data-testid="create-domain"]')!.click();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    const fieldOf = (selector: string) =>
      element.querySelector(selector)!.closest('mat-form-field')!.textContent;
    const value = (selector: string) => element.querySelector<HTMLInputElement>(selector)!.value;
    return { element, fill, submit, fieldOf, value };
  }

  it('says what is wrong in the form’s words and units, never the API’s field names', async () => {
    create.mockRejectedValue(refusal);
    const { fill, submit, fieldOf, element } = await render();
    fill('[data-testid="domain-name"]', `${'a'.repeat(64)}.example`);
    await submit();
    expect(create).toHaveBeenCalledTimes(1);
    expect(fieldOf('[formcontrolname="maxMailboxes"]')).toContain(
      'Enter a whole number from 0 to 100,000,000.',
    );
    expect(fieldOf('[formcontrolname="defaultQuotaGb"]')).toContain(
      'Larger than the storage pool for the domain.',
    );
    expect(fieldOf('[data-testid="domain-name"]')).toContain(
      'One part between the dots is too long',
    );
    expect(element.textContent).not.toMatch(/maxMailboxes|defaultQuotaBytes|quotaBytes/);
  });

  it('says the same in Japanese', async () => {
    await TestBed.inject(I18n).use('ja');
    create.mockRejectedValue(refusal);
    const { fill, submit, fieldOf } = await render();
    fill('[data-testid="domain-name"]', 'example.jp');
    await submit();
    expect(fieldOf('[formcontrolname="maxMailboxes"]')).toContain(
      '0〜100,000,000 の整数を入力してください。',
    );
    expect(fieldOf('[formcontrolname="defaultQuotaGb"]')).toContain(
      'ドメインのストレージプールを超えています。',
    );
  });

  it('refuses a quota beyond what the API can store before sending it', async () => {
    const { fill, submit, fieldOf } = await render();
    fill('[data-testid="domain-name"]', 'example.jp');
    fill('[formcontrolname="defaultQuotaGb"]', '999999999');
    await submit();
    expect(create).not.toHaveBeenCalled();
    expect(fieldOf('[formcontrolname="defaultQuotaGb"]')).toContain('Use 8,388,607 or less.');
  });

  it('shows the server’s default quota and, untouched, leaves it to the server', async () => {
    create.mockRejectedValue(problem(503, { code: 'DATABASE_UNAVAILABLE' }));
    const { fill, submit, value } = await render();
    expect(value('[formcontrolname="defaultQuotaGb"]')).toBe('2');
    fill('[data-testid="domain-name"]', 'example.jp');
    await submit();
    expect(create.mock.calls[0]![0]).not.toHaveProperty('defaultQuotaBytes');
    fill('[formcontrolname="defaultQuotaGb"]', '3');
    await submit();
    expect(create.mock.calls[1]![0]).toMatchObject({ defaultQuotaBytes: 3 * 1024 ** 3 });
  });
});
