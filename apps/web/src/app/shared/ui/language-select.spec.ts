import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../core/i18n/i18n.types';
import { LanguageSelect } from './language-select';

@Component({
  imports: [LanguageSelect],
  template: `<yb-language-select
    [control]="control"
    label="Language"
    hint="For messages"
    [unsetLabel]="unset()"
    testId="language"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly control = new FormControl<Language | null>(null);
  readonly unset = signal('The domain’s (日本語)');
}

describe(LanguageSelect.name, () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const trigger = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(
      '[data-testid="language"]',
    )!;
    const open = async (): Promise<HTMLElement[]> => {
      trigger.click();
      fixture.detectChanges();
      await fixture.whenStable();
      return [...document.querySelectorAll<HTMLElement>('mat-option')];
    };
    return { fixture, trigger, open };
  }

  it('offers "not set", saying what it means here, then each language in its own words', async () => {
    const { trigger, open } = await render();
    expect(trigger.textContent).toContain('The domain’s (日本語)');
    const options = await open();
    expect(options.map((option) => option.textContent.trim())).toEqual([
      'The domain’s (日本語)',
      'English',
      '日本語',
    ]);
    expect(options.map((option) => option.getAttribute('lang'))).toEqual([null, 'en', 'ja']);
  });

  it('sets the control to the chosen language, and back to null for "not set"', async () => {
    const { fixture, open } = await render();
    (await open())[2]!.click();
    fixture.detectChanges();
    expect(fixture.componentInstance.control.value).toBe('ja');
    (await open())[0]!.click();
    fixture.detectChanges();
    expect(fixture.componentInstance.control.value).toBeNull();
  });
});
