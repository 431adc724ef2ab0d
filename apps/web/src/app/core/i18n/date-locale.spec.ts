import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { describe, expect, it } from 'vitest';
import { provideDateLocale } from './date-locale';
import { I18n } from './i18n.service';

describe(provideDateLocale.name, () => {
  it('formats and parses picked dates in the UI language, and follows a change of it', async () => {
    TestBed.configureTestingModule({ providers: [provideDateLocale()] });
    const i18n = TestBed.inject(I18n);
    const dates = TestBed.inject(DateAdapter<Date>);
    const day = new Date(2026, 2, 31);
    const display = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

    await i18n.use('en');
    TestBed.tick();
    expect(dates.format(day, display)).toBe('03/31/2026');

    await i18n.use('ja');
    TestBed.tick();
    expect(dates.format(day, display)).toBe('2026/03/31');
  });
});
