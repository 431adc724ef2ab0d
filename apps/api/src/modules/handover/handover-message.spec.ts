import { handoverMessage, type HandoverMessageInput } from './handover-message.js';

const SHEET: HandoverMessageInput = {
  address: 'hana@example.com',
  displayName: 'Hana Sato',
  incoming: [
    { protocol: 'imap', host: 'mail.example.com', port: 993, security: 'tls' },
    { protocol: 'pop3', host: 'mail.example.com', port: 995, security: 'tls' },
  ],
  outgoing: [
    { protocol: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls' },
    { protocol: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' },
  ],
  autoconfigUrl:
    'https://yubin.example.com/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=hana%40example.com',
  language: 'en',
  temporaryPassword: undefined,
};

describe(handoverMessage.name, () => {
  it('holds the address, the servers, what they mean and the autoconfiguration link', () => {
    const { subject, text } = handoverMessage(SHEET);
    expect(subject).toBe('Your new mail account: hana@example.com');
    for (const line of [
      'Hello Hana Sato,',
      'Address and user name: hana@example.com',
      SHEET.autoconfigUrl,
      '  IMAP  mail.example.com  port 993  SSL/TLS',
      '  POP3  mail.example.com  port 995  SSL/TLS',
      '  SMTP  smtp.example.com  port 587  STARTTLS',
      '  SMTP  smtp.example.com  port 465  SSL/TLS',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toContain('IMAP keeps your mail on the server');
    expect(text).toContain('Not port 25');
    expect(text).not.toContain('Temporary password');
    expect(text).not.toContain('Keep this message private');
  });

  it('adds the temporary password and where to change it, when given', () => {
    const { text } = handoverMessage({ ...SHEET, temporaryPassword: 'abcde-fghij-kmnop-qrstu' });
    expect(text.split('\n')).toContain('Temporary password: abcde-fghij-kmnop-qrstu');
    expect(text).toContain('First sign in at https://yubin.example.com and choose');
    expect(text).toContain('Keep this message private');
  });

  it('is written in Japanese for a Japanese mailbox, with no greeting for a nameless one', () => {
    const { subject, text } = handoverMessage({
      ...SHEET,
      language: 'ja',
      displayName: ' ',
      temporaryPassword: 'abcde-fghij-kmnop-qrstu',
    });
    expect(subject).toBe('新しいメールアカウントのご案内: hana@example.com');
    expect(text.startsWith('メールアカウントの設定方法をご案内します。')).toBe(true);
    expect(text.split('\n')).toContain('仮パスワード: abcde-fghij-kmnop-qrstu');
    expect(text.split('\n')).toContain('  SMTP  smtp.example.com  ポート 587  STARTTLS');
    expect(text).not.toContain('Address and user name');
  });
});
