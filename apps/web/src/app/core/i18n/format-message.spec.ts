import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';
import { formatMessage } from './format-message';

describe(formatMessage.name, () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{used} of {total}', { used: '1 GB', total: '5 GB' }, 'en-US')).toBe(
      '1 GB of 5 GB',
    );
    expect(formatMessage('Hello {who}', {}, 'en-US')).toBe('Hello {who}');
  });

  it('chooses plural forms by the locale’s rules and formats the count', () => {
    const template = '{count, plural, =0 {no mailboxes} one {# mailbox} other {# mailboxes}}';
    expect(formatMessage(template, { count: 0 }, 'en-US')).toBe('no mailboxes');
    expect(formatMessage(template, { count: 1 }, 'en-US')).toBe('1 mailbox');
    expect(formatMessage(template, { count: 12500 }, 'en-US')).toBe('12,500 mailboxes');
    expect(formatMessage('{n, plural, other {# 件}}', { n: 3 }, 'ja-JP')).toBe('3 件');
  });

  it('keeps markup as text: the result is never HTML', () => {
    expect(
      formatMessage('{name} was deleted.', { name: '<img src=x onerror=alert(1)>' }, 'en-US'),
    ).toBe('<img src=x onerror=alert(1)> was deleted.');
  });
});

describe(formatBytes.name, () => {
  it('counts in binary multiples, formatted for the locale', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 bytes');
    expect(formatBytes(5 * 1024 ** 3, 'en-US')).toBe('5 GB');
    expect(formatBytes(1.5 * 1024 ** 2, 'en-US')).toBe('1.5 MB');
    expect(formatBytes(1234 * 1024 ** 3, 'ja-JP')).toBe('1.2 TB');
    expect(formatBytes(1.5 * 1024 ** 2, 'de-DE')).toBe('1,5 MB');
  });
});
