import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AliasesApi } from '../data/aliases-api';
import { AliasDialog, type AliasDialogData } from './alias-dialog';

describe('AliasDialog', () => {
  const create = vi.fn();

  function render(data: AliasDialogData) {
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close: vi.fn() } },
        { provide: AliasesApi, useValue: { create } },
      ],
    });
    const fixture = TestBed.createComponent(AliasDialog);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => create.mockReset());

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
