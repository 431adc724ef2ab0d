import { numberFormat, plurals } from './intl-cache';
import type { MessageParams } from './i18n.types';

/**
 * Fills `{name}` placeholders and a small subset of ICU plurals:
 * `{count, plural, =0 {none} one {# mailbox} other {# mailboxes}}`.
 * The result is plain text; it is always rendered as text, never as HTML.
 */
export function formatMessage(template: string, params: MessageParams, locale: string): string {
  let out = '';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open === -1) {
      out += template.slice(index);
      break;
    }
    out += template.slice(index, open);
    const close = matchingBrace(template, open);
    if (close === -1) {
      out += template.slice(open);
      break;
    }
    out += expand(template.slice(open + 1, close), params, locale);
    index = close + 1;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expand(body: string, params: MessageParams, locale: string): string {
  const plural = /^\s*(\w+)\s*,\s*plural\s*,(.*)$/s.exec(body);
  if (plural === null) {
    const value = params[body.trim()];
    return value === undefined ? `{${body}}` : formatValue(value, locale);
  }
  const [, name = '', cases = ''] = plural;
  const value = params[name];
  const count = typeof value === 'number' ? value : Number(value);
  const options = parseCases(cases);
  const category = plurals(locale).select(count);
  const chosen = options.get(`=${count}`) ?? options.get(category) ?? options.get('other') ?? '';
  return formatMessage(chosen, params, locale).replaceAll('#', formatValue(count, locale));
}

function parseCases(text: string): Map<string, string> {
  const cases = new Map<string, string>();
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('{', index);
    if (open === -1) break;
    const key = text.slice(index, open).trim();
    const close = matchingBrace(text, open);
    if (close === -1) break;
    cases.set(key, text.slice(open + 1, close));
    index = close + 1;
  }
  return cases;
}

function formatValue(value: string | number, locale: string): string {
  return typeof value === 'number' ? numberFormat(locale).format(value) : value;
}
