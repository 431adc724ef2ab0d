import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { I18n } from '../../../core/i18n/i18n.service';
import type { Language } from '../../../core/i18n/i18n.types';
import { LanguageCard } from './language-card';
import { signedInUser } from '../../../testing/users';

const USER = signedInUser();

describe(LanguageCard.name, () => {
  const saveLanguage = vi.fn<(language: Language | null) => Promise<void>>();
  const open = vi.fn();

  beforeEach(async () => {
    saveLanguage.mockReset();
    open.mockReset();
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { saveLanguage } },
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    await TestBed.inject(I18n).use('en');
  });

  async function render() {
    const fixture = TestBed.createComponent(LanguageCard);
    fixture.componentRef.setInput('user', USER);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const control = (
      fixture.componentInstance as unknown as {
        control: { setValue(v: unknown): void; value: unknown };
      }
    ).control;
    return { fixture, element, control };
  }

  it('tells a mailbox user that null means their domain’s language, and that mail follows it', async () => {
    const { element } = await render();
    expect(element.textContent).toContain('Your domain’s language');
    expect(element.textContent).toContain('for messages to you');
  });

  it('keeps the choice with the account and switches the UI to it', async () => {
    saveLanguage.mockResolvedValue();
    const { fixture, control } = await render();
    control.setValue('ja');
    await fixture.whenStable();
    await vi.waitFor(() => expect(open).toHaveBeenCalled());
    expect(saveLanguage).toHaveBeenCalledWith('ja');
    expect(TestBed.inject(I18n).language()).toBe('ja');
  });

  it('goes back to the saved language when saving fails, and says why', async () => {
    saveLanguage.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: { type: 'urn:x', title: 'x', status: 422, code: 'VALIDATION_FAILED', detail: 'No.' },
      }),
    );
    const { fixture, control } = await render();
    control.setValue('ja');
    await fixture.whenStable();
    await vi.waitFor(() => expect(open).toHaveBeenCalled());
    expect(control.value).toBeNull();
    expect(TestBed.inject(I18n).language()).toBe('en');
  });
});
