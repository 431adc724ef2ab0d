import { parseOutboundSmtpUrl } from './outbound-smtp-url.js';

describe(parseOutboundSmtpUrl.name, () => {
  it('reads host, port, TLS mode and credentials', () => {
    expect(parseOutboundSmtpUrl('smtp://127.0.0.1:2525')).toEqual({
      value: { host: '127.0.0.1', port: 2525, implicitTls: false, auth: undefined, loopback: true },
    });
    expect(parseOutboundSmtpUrl('smtps://yubin%40example.com:p%40ss%3Aw@smtp.example.com')).toEqual(
      {
        value: {
          host: 'smtp.example.com',
          port: 465,
          implicitTls: true,
          auth: { user: 'yubin@example.com', pass: 'p@ss:w' },
          loopback: false,
        },
      },
    );
    expect(parseOutboundSmtpUrl('smtp://[::1]')).toMatchObject({
      value: { host: '::1', port: 25, loopback: true },
    });
  });

  it('refuses other schemes, paths and queries without quoting the value', () => {
    for (const raw of [
      'http://user:hunter2secret@mail.example.com',
      'smtp://user:hunter2secret@mail.example.com/relay',
      'smtp://user:hunter2secret@mail.example.com?tls=off',
      'smtp://:hunter2secret@mail.example.com',
      'not a url hunter2secret',
    ]) {
      const result = parseOutboundSmtpUrl(raw);
      expect(result, raw).toHaveProperty('problem');
      expect(JSON.stringify(result)).not.toContain('hunter2secret');
    }
  });
});
