import { quotaWarningMessage, readableSize } from './quota-warning-message.js';

const DATE = new Date('2026-12-02T10:00:00Z');

function parse(message: string): { headers: Map<string, string>; body: string } {
  const [head = '', ...rest] = message.split('\n\n');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n /g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: rest.join('\n\n') };
}

/** RFC 2047 encoded-words back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?= =\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_m, b64: string) =>
      Buffer.from(b64, 'base64').toString('utf8'),
    );
}

describe(quotaWarningMessage.name, () => {
  it('warns in English from the domain’s postmaster, marked as automatic', () => {
    const { headers, body } = parse(
      quotaWarningMessage({
        address: 'alice@example.com',
        percent: 80,
        quotaBytes: 200 * 1024 * 1024,
        language: 'en',
        date: DATE,
      }),
    );
    expect(headers.get('from')).toBe('Mail server <postmaster@example.com>');
    expect(headers.get('to')).toBe('<alice@example.com>');
    expect(headers.get('subject')).toBe('Your mailbox is 80% full');
    expect(headers.get('date')).toBe('Wed, 02 Dec 2026 10:00:00 +0000');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('message-id')).toMatch(/^<quota-warning\.[0-9a-f]{16}@example\.com>$/);
    expect(body).toContain('alice@example.com has used 80% of its 200 MB');
  });

  it('warns in Japanese with the subject as RFC 2047 encoded-words', () => {
    const message = quotaWarningMessage({
      address: 'taro@example.jp',
      percent: 95,
      quotaBytes: 1536 * 1024 * 1024,
      language: 'ja',
      date: DATE,
    });
    // Headers stay ASCII; the body is 8-bit UTF-8 as declared.
    expect(message.split('\n\n')[0]).toMatch(/^[\x20-\x7e\n]*$/);
    const { headers, body } = parse(message);
    expect(decodeWords(headers.get('subject')!)).toBe('メールボックスの容量が 95% に達しました');
    expect(headers.get('content-language')).toBe('ja');
    expect(body).toContain('容量 1.5 GB の 95%');
  });

  it('sizes read as a mail user reads them', () => {
    expect(readableSize(512)).toBe('512 bytes');
    expect(readableSize(300 * 1024)).toBe('300 KB');
    expect(readableSize(1536 * 1024 * 1024)).toBe('1.5 GB');
  });
});
