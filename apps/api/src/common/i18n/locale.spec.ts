import { negotiateLocale } from './locale.js';

describe(negotiateLocale.name, () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['JA-jp,en;q=0.5', 'ja'],
    ['en-US,en;q=0.9,ja;q=0.8', 'en'],
    ['fr-FR,ja;q=0.7,en;q=0.3', 'ja'],
    ['fr, de', 'en'],
    ['en;q=0.4, ja;q=0.6', 'ja'],
    ['ja;q=0, en', 'en'],
    ['ja;q=2, en;q=0.1', 'en'],
    ['jav, en;q=0.1', 'en'],
    ['*', 'en'],
  ])('%j → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('an equal weight keeps the earlier language', () => {
    expect(negotiateLocale('ja;q=0.5, en;q=0.5')).toBe('ja');
    expect(negotiateLocale('en;q=0.5, ja;q=0.5')).toBe('en');
  });
});
