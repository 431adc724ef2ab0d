import { preferredLanguage } from './language.js';

describe(preferredLanguage.name, () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['JA-jp,en;q=0.5', 'ja'],
    ['en-US,ja;q=0.9', 'en'],
    ['fr, ja;q=0.8, en;q=0.7', 'ja'],
    ['fr, de', 'en'],
    ['ja;q=0, en;q=0.1', 'en'],
    ['ja;q=0.2, en;q=0.9', 'en'],
    ['ja;q=x', 'en'],
    ['*', 'en'],
  ])('%s → %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});
