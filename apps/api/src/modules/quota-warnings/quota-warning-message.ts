import { randomBytes } from 'node:crypto';
import type { Locale } from '../../common/i18n/locale.js';

export interface QuotaWarningInput {
  address: string;
  percent: number;
  quotaBytes: number;
  language: Locale;
  date: Date;
}

/** `1.5 GB`, `200 MB`, `300 KB`: the size as a mail user reads it. */
export function readableSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

/** RFC 2047: a header text outside ASCII as one base64 encoded-word per 45 bytes. */
function headerText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let current = '';
  for (const char of text) {
    if (Buffer.byteLength(current + char) > 45) {
      words.push(current);
      current = '';
    }
    current += char;
  }
  words.push(current);
  return words
    .map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`)
    .join('\n ');
}

const TEXT: Record<Locale, (input: QuotaWarningInput) => { subject: string; body: string }> = {
  en: ({ address, percent, quotaBytes }) => ({
    subject: `Your mailbox is ${percent}% full`,
    body: [
      `Your mailbox ${address} has used ${percent}% of its ${readableSize(quotaBytes)}.`,
      '',
      'When it is full, new mail is refused and goes back to its senders.',
      'Delete mail you no longer need (and empty the Trash), or ask your',
      'administrator for more space.',
      '',
      'This message was sent automatically by your mail server.',
    ].join('\n'),
  }),
  ja: ({ address, percent, quotaBytes }) => ({
    subject: `メールボックスの容量が ${percent}% に達しました`,
    body: [
      `メールボックス ${address} は容量 ${readableSize(quotaBytes)} の ${percent}% を使用しています。`,
      '',
      '満杯になると新しいメールは受け取れず、送信者に戻されます。',
      '不要なメールを削除する（ごみ箱も空にする）か、管理者に容量の追加を依頼してください。',
      '',
      'このメッセージはメールサーバーから自動で送信されています。',
    ].join('\n'),
  }),
};

/**
 * The warning as a whole message, ready for Dovecot's LDA: from the domain's
 * postmaster, marked as automatic (RFC 3834) so no vacation reply answers it.
 */
export function quotaWarningMessage(input: QuotaWarningInput): string {
  const domain = input.address.slice(input.address.lastIndexOf('@') + 1);
  const { subject, body } = TEXT[input.language](input);
  return [
    `From: ${headerText(input.language === 'ja' ? 'メールサーバー' : 'Mail server')} <postmaster@${domain}>`,
    `To: <${input.address}>`,
    `Subject: ${headerText(subject)}`,
    `Date: ${input.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <quota-warning.${randomBytes(8).toString('hex')}@${domain}>`,
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    `Content-Language: ${input.language}`,
    '',
    body,
    '',
  ].join('\n');
}
