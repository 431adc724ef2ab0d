import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import { formatMessage } from './format-message';
import {
  LANGUAGES,
  type Language,
  type LeafPaths,
  type MessageParams,
  type MessageTable,
} from './i18n.types';
import { EN } from './messages.en';

export type Messages = MessageTable<typeof EN>;
export type MessageKey = LeafPaths<typeof EN>;

const STORAGE_KEY = 'yubin.language';

/** Japanese is loaded on demand so English users never download it. */
const LOADERS: Record<Language, () => Promise<Messages>> = {
  en: () => Promise.resolve(EN),
  ja: () => import('./messages.ja').then((module) => module.JA),
};

const LOCALES: Record<Language, string> = { en: 'en-US', ja: 'ja-JP' };

/**
 * The UI's translations: a signal holds the active language, templates read it through
 * the `t` pipe and re-render when it changes. See docs/adr/0007-ui-translations.md.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly tables = signal<Partial<Record<Language, Messages>>>({ en: EN });

  readonly language = signal<Language>('en');
  readonly locale = computed(() => LOCALES[this.language()]);
  private readonly messages = computed(() => this.tables()[this.language()] ?? EN);

  /** Chooses the first language: the one remembered, else the browser's, else English. */
  async init(): Promise<void> {
    await this.use(this.initialLanguage(), { remember: false });
  }

  async use(language: Language, options: { remember?: boolean } = {}): Promise<void> {
    if (this.tables()[language] === undefined) {
      const table = await LOADERS[language]();
      this.tables.update((tables) => ({ ...tables, [language]: table }));
    }
    this.language.set(language);
    this.document.documentElement.lang = language;
    if (options.remember ?? true) {
      try {
        localStorage.setItem(STORAGE_KEY, language);
      } catch {
        // Storage may be disabled; the choice then lasts for this page only.
      }
    }
  }

  t(key: MessageKey, params: MessageParams = {}): string {
    const template = lookup(this.messages(), key) ?? lookup(EN, key) ?? key;
    return formatMessage(template, params, this.locale());
  }

  /** A translation when the table has one for this key, otherwise undefined. */
  tryT(key: string, params: MessageParams = {}): string | undefined {
    const template = lookup(this.messages(), key);
    return template === undefined ? undefined : formatMessage(template, params, this.locale());
  }

  private initialLanguage(): Language {
    let stored: string | null;
    try {
      stored = localStorage.getItem(STORAGE_KEY);
    } catch {
      stored = null;
    }
    if (isLanguage(stored)) return stored;
    const preferred = this.document.defaultView?.navigator.languages ?? [];
    for (const tag of preferred) {
      const base = tag.toLowerCase().split('-')[0];
      if (isLanguage(base)) return base;
    }
    return 'en';
  }
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

function lookup(table: unknown, key: string): string | undefined {
  let node: unknown = table;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}
