import { loadConfig } from '../../src/infra/config/app-config.js';
import { OutboundMail, OutboundMailFailure } from '../../src/infra/mail/outbound-mail.js';
import { freePort } from '../support/free-port.js';
import { readTextMessage } from '../support/mime.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/** OutboundMail against a plain SMTP server on loopback: no STARTTLS, no AUTH offered. */
describe(OutboundMail.name, () => {
  let sink: SmtpSink;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    sink = await startSmtpSink(port);
  });
  afterAll(() => sink.close());

  const mailer = (env: Record<string, string>) => new OutboundMail(loadConfig(env));
  const message = (to: string) => ({
    to,
    subject: 'Your new mail account: hana@example.com',
    text: 'Temporary password: abcde-fghij-kmnop-qrstu\n',
    language: 'en',
  });

  it('hands one message for one recipient to the server, marked as automatic', async () => {
    const to = 'one@elsewhere.example';
    await mailer({
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${port}`,
      OUTBOUND_MAIL_FROM: 'noreply@yubin.example',
    }).send(message(to));
    const received = sink.messages.filter((m) => m.to.includes(`<${to}>`));
    expect(received.map((m) => ({ from: m.from, to: m.to }))).toEqual([
      { from: '<noreply@yubin.example>', to: [`<${to}>`] },
    ]);
    const { headers, text } = readTextMessage(received[0]?.data ?? '');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('content-language')).toBe('en');
    expect(text.trim()).toBe('Temporary password: abcde-fghij-kmnop-qrstu');
  });

  // The sink answers STARTTLS with 250 but speaks no TLS: the handshake times out (15 s)
  // before any AUTH, as with a server that offers none.
  it('never sends a login in clear: with credentials, a server without TLS gets nothing', async () => {
    const to = 'two@elsewhere.example';
    const before = sink.commands.length;
    const sending = mailer({
      OUTBOUND_SMTP_URL: `smtp://yubin:never-in-clear@127.0.0.1:${port}`,
    }).send(message(to));
    await expect(sending).rejects.toBeInstanceOf(OutboundMailFailure);
    await expect(sending).rejects.not.toHaveProperty(
      'reason',
      expect.stringContaining('never-in-clear'),
    );
    expect(sink.messages.filter((m) => m.to.includes(`<${to}>`))).toEqual([]);
    const commands = sink.commands.slice(before).map((line) => line.split(' ')[0]);
    expect(commands).toContain('EHLO');
    expect(commands).not.toContain('AUTH');
    expect(commands).not.toContain('MAIL');
  });

  it('says it cannot send while OUTBOUND_SMTP_URL is unset', async () => {
    const unset = mailer({});
    expect(unset.available).toBe(false);
    await expect(unset.send(message('three@elsewhere.example'))).rejects.toBeInstanceOf(
      OutboundMailFailure,
    );
  });
});
