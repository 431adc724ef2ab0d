import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EN } from './messages.en';
import { JA } from './messages.ja';
import { I18n } from './i18n.service';

function leaves(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value as object, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1] ?? '').sort();
}

describe(I18n.name, () => {
  let languages: readonly string[] = ['en-US'];

  beforeEach(() => {
    localStorage.clear();
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
  });
  afterEach(() => {
    languages = ['en-US'];
  });

  it('follows the browser language on a first visit', async () => {
    languages = ['ja-JP', 'en-US'];
    const i18n = TestBed.inject(I18n);
    await i18n.init();
    expect(i18n.language()).toBe('ja');
    expect(i18n.t('nav.domains')).toBe('ドメイン');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('ja');
    expect(localStorage.getItem('yubin.language')).toBeNull();
  });

  it('remembers a chosen language over the browser’s', async () => {
    const i18n = TestBed.inject(I18n);
    await i18n.init();
    expect(i18n.t('nav.domains')).toBe('Domains');
    await i18n.use('ja');
    expect(localStorage.getItem('yubin.language')).toBe('ja');
    const again = TestBed.runInInjectionContext(() => new I18n());
    await again.init();
    expect(again.language()).toBe('ja');
  });

  it('formats numbers and plurals for the active locale', async () => {
    const i18n = TestBed.inject(I18n);
    await i18n.use('en');
    expect(i18n.t('audit.export.done', { rows: 1234 })).toBe('Exported 1,234 events.');
    expect(i18n.t('audit.export.done', { rows: 1 })).toBe('Exported 1 event.');
    await i18n.use('ja');
    expect(i18n.t('audit.export.done', { rows: 1234 })).toBe('1,234 件を書き出しました。');
  });

  it('has every English message in Japanese with the same placeholders', () => {
    expect(leaves(JA)).toEqual(leaves(EN));
    const ja = new Map(
      leaves(JA).map((key) => [
        key,
        key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], JA) as string,
      ]),
    );
    for (const key of leaves(EN)) {
      const en = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], EN) as string;
      expect(placeholders(ja.get(key) ?? ''), key).toEqual(placeholders(en));
    }
  });
});
