import { describe, expect, it } from 'vitest';
import { formatListText, parseListText } from './list-text';

describe(parseListText.name, () => {
  it('splits on lines, commas, semicolons and spaces, dropping blanks and repeats', () => {
    expect(parseListText(' a@example.com\n\nb@example.org, c@example.net;a@example.com ')).toEqual([
      'a@example.com',
      'b@example.org',
      'c@example.net',
    ]);
    expect(parseListText('  \n ')).toEqual([]);
  });

  it('round-trips what formatListText writes', () => {
    const list = ['a@example.com', 'b@example.org'];
    expect(parseListText(formatListText(list))).toEqual(list);
  });

  it('writes internationalised domains in Unicode, for the API to take back', () => {
    expect(formatListText(['a@xn--r8jz45g.jp', 'xn--e28h@example.com'])).toBe(
      'a@例え.jp\nxn--e28h@example.com',
    );
  });
});
