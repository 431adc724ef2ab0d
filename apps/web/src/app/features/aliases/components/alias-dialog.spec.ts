import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AliasesApi } from '../data/aliases-api';
import { AliasDialog, type AliasDialogData } from './alias-dialog';

describe('AliasDialog', () => {
  const create = vi.fn();
  const update = vi.fn();

  function render(data: AliasDialogData) {
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close: vi.fn() } },
        { provide: AliasesApi, useValue: { create, update } },
      ],
    });
    const fixture = TestBed.createComponent(AliasDialog);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => {
    create.mockReset();
    update.mockReset();
  });

  function unknownDestinations(addresses: string[]): HttpErrorResponse {
    return new HttpErrorResponse({
      status: 422,
      error: {
        type: 'urn:yubin:problem:alias-destination-unknown',
        title: 'Unprocessable Content',
        status: 422,
        code: 'ALIAS_DESTINATION_UNKNOWN',
        errors: addresses.map((_, i) => ({
          field: `destinations.${i}`,
          code: 'destinationUnknown',
          message: 'x',
        })),
        unknownDestinations: addresses,
      },
    });
  }

  function type(element: HTMLElement, testId: string, value: string): void {
    const input = element.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `[data-testid="${testId}"]`,
    )!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
    (fixture as unknown as { nativeElement: HTMLElement }).nativeElement
      .querySelector<HTMLButtonElement>('[data-testid="save-alias"]')!
      .click();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('warns of destinations nothing receives, names them in Unicode, and creates anyway on confirmation', async () => {
    const { fixture, element } = render({ domain: 'xn--r8jz45g.jp' });
    type(element, 'alias-local-part', 'sales');
    type(element, 'alias-destinations', 'typo@xn--r8jz45g.jp\nbob@elsewhere.example');
    create.mockRejectedValueOnce(unknownDestinations(['typo@xn--r8jz45g.jp']));
    await submit(fixture);
    expect(create).toHaveBeenLastCalledWith(
      'xn--r8jz45g.jp',
      {
        localPart: 'sales',
        destinations: ['typo@xn--r8jz45g.jp', 'bob@elsewhere.example'],
        active: true,
      },
      expect.any(String),
    );
    const warning = element.querySelector('[data-testid="unknown-destinations"]')!;
    expect(warning.textContent).toContain('typo@例え.jp');
    expect(warning.textContent).toContain('mail to it would bounce');
    const save = element.querySelector('[data-testid="save-alias"]')!;
    expect(save.textContent.trim()).toBe('Create anyway');

    create.mockResolvedValueOnce({ address: 'sales@xn--r8jz45g.jp' });
    await submit(fixture);
    expect(create).toHaveBeenLastCalledWith(
      'xn--r8jz45g.jp',
      {
        localPart: 'sales',
        destinations: ['typo@xn--r8jz45g.jp', 'bob@elsewhere.example'],
        active: true,
        confirmUnknownDestinations: true,
      },
      expect.any(String),
    );
  });

  it('asks again once the destinations are edited', async () => {
    const { fixture, element } = render({
      domain: 'example.com',
      alias: {
        address: 'sales@example.com',
        localPart: 'sales',
        domain: 'example.com',
        catchAll: false,
        destinations: ['a@example.com'],
        active: true,
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      },
      etag: '"1"',
    });
    type(element, 'alias-destinations', 'a@example.com\ntypo@example.com');
    update.mockRejectedValueOnce(unknownDestinations(['typo@example.com']));
    await submit(fixture);
    expect(element.querySelector('[data-testid="save-alias"]')!.textContent.trim()).toBe(
      'Save anyway',
    );
    type(element, 'alias-destinations', 'a@example.com\nfixed@example.com');
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="unknown-destinations"]')).toBeNull();
    update.mockResolvedValueOnce({ address: 'sales@example.com' });
    await submit(fixture);
    expect(update).toHaveBeenLastCalledWith(
      'sales@example.com',
      { destinations: ['a@example.com', 'fixed@example.com'], active: true },
      '"1"',
    );
  });

  it('says a too-long address is too long, as the mailbox form does', async () => {
    const { fixture, element } = render({ domain: 'example.com' });
    const input = element.querySelector<HTMLInputElement>('[data-testid="alias-local-part"]')!;
    input.value = 'x'.repeat(300);
    input.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid="save-alias"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(create).not.toHaveBeenCalled();
    expect(input.closest('mat-form-field')!.textContent).toContain('Use at most 64 characters.');
  });

  it('names the catch-all button after what it turns on', () => {
    const { element } = render({ domain: 'example.com', catchAll: true });
    expect(element.querySelector('[data-testid="save-alias"]')!.textContent.trim()).toBe(
      'Turn on catch-all',
    );
  });
});
