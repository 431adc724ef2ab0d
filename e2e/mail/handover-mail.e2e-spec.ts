import { inject } from 'vitest';
import { createMailbox } from '../../apps/api/test/support/factory.js';
import { readTextMessage } from '../../apps/api/test/support/mime.js';
import { eventually, imapLoginWorks, withImap } from './support/clients.js';
import { api, expectStatus, newDomain, newMailbox, type TestMailbox } from './support/api.js';

interface Received {
  subject: string;
  from: string;
  headers: Map<string, string>;
  text: string;
  /** The header block as delivered, every Received line included. */
  head: string;
}

interface Server {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  security: 'tls' | 'starttls';
}

interface Sheet {
  address: string;
  incoming: Server[];
  outgoing: Server[];
  autoconfigUrl: string;
  language: 'en' | 'ja';
  canSendByMail: boolean;
}

/** Every message in the INBOX, decoded. */
function inbox(mailbox: TestMailbox): Promise<Received[]> {
  return withImap(mailbox.address, mailbox.password, async (client) => {
    const found: Received[] = [];
    const opened = await client.mailboxOpen('INBOX', { readOnly: true });
    if (opened.exists === 0) return found;
    for await (const message of client.fetch('1:*', { envelope: true, source: true })) {
      found.push({
        subject: message.envelope?.subject ?? '',
        from: message.envelope?.from?.[0]?.address ?? '',
        ...readTextMessage(message.source ?? Buffer.alloc(0)),
        head: (message.source?.toString('latin1') ?? '').split(/\r?\n\r?\n/)[0] ?? '',
      });
    }
    return found;
  });
}

async function waitForMessages(mailbox: TestMailbox, count: number): Promise<Received[]> {
  await eventually(async () => (await inbox(mailbox)).length >= count, {
    timeoutMs: 20_000,
    intervalMs: 200,
    what: `${count} message(s) in ${mailbox.address}'s INBOX`,
  });
  return inbox(mailbox);
}

/** A new mailbox with a generated temporary password, as the creator saw it once. */
async function withTemporaryPassword(
  domain: string,
): Promise<{ address: string; temporaryPassword: string }> {
  const created = (await createMailbox(await api(), domain, { password: undefined })) as {
    address: string;
    temporaryPassword: string;
  };
  return created;
}

async function sheetOf(address: string): Promise<Sheet> {
  return expectStatus<Sheet>((await api()).get(`/api/v1/mailboxes/${address}/handover`), 200);
}

function send(address: string, body: { to: string; temporaryPassword?: string }) {
  return api().then((client) =>
    client.post(`/api/v1/mailboxes/${address}/handover/send`, { body }),
  );
}

describe.skipIf(inject('mail') === undefined)('handover sheet by mail', () => {
  it('reaches another mailbox through Postfix with the address, password, servers and autoconfig link, in Japanese for a Japanese mailbox', async () => {
    const domain = await newDomain({ language: 'ja' });
    const mailbox = await withTemporaryPassword(domain);
    const recipient = await newMailbox();
    const sheet = await sheetOf(mailbox.address);
    expect(sheet.canSendByMail).toBe(true);
    expect(sheet.language).toBe('ja');

    const sent = await expectStatus(
      send(mailbox.address, {
        to: recipient.address,
        temporaryPassword: mailbox.temporaryPassword,
      }),
      200,
    );
    expect(sent).toEqual({ sentTo: recipient.address, passwordIncluded: true });

    const [message, ...others] = await waitForMessages(recipient, 1);
    expect(others).toEqual([]);
    expect(message?.subject).toBe(`新しいメールアカウントのご案内: ${mailbox.address}`);
    expect(message?.from).toBe('postmaster@yubin.test');
    expect(message?.headers.get('auto-submitted')).toBe('auto-generated');
    // Postfix offered STARTTLS on port 25 and Yubin took it (ESMTPS; loopback, so the
    // self-signed certificate is fine).
    expect(message?.head).toMatch(/by \S+ \(Postfix\) with ESMTPS id/);
    expect(message?.headers.get('content-language')).toBe('ja');
    const lines = message?.text.split('\n') ?? [];
    expect(lines).toContain(`メールアドレス（ユーザー名）: ${mailbox.address}`);
    expect(lines).toContain(`仮パスワード: ${mailbox.temporaryPassword}`);
    expect(lines).toContain(sheet.autoconfigUrl);
    const security = { tls: 'SSL/TLS', starttls: 'STARTTLS' };
    for (const server of [...sheet.incoming, ...sheet.outgoing]) {
      expect(lines).toContain(
        `  ${server.protocol.toUpperCase()}  ${server.host}  ポート ${server.port}  ${security[server.security]}`,
      );
    }
    expect(
      [...sheet.incoming, ...sheet.outgoing].map((server) => `${server.port} ${server.security}`),
    ).toEqual(['993 tls', '995 tls', '587 starttls', '465 tls']);
    expect(message?.text).toContain('IMAP はメールをサーバーに置いたまま');
    expect(message?.text).toContain('ポート 25 は使いません');
    // The password in the mail is the mailbox's own.
    expect(await imapLoginWorks(mailbox.address, mailbox.temporaryPassword)).toBe(true);
  });

  it('refuses a wrong password and sends nothing; without a password the sheet goes, in English', async () => {
    const domain = await newDomain();
    const mailbox = await withTemporaryPassword(domain);
    const recipient = await newMailbox();

    const refused = await send(mailbox.address, {
      to: recipient.address,
      temporaryPassword: `${mailbox.temporaryPassword}-not`,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('HANDOVER_PASSWORD_NOT_CURRENT');

    await expectStatus(send(mailbox.address, { to: recipient.address }), 200);
    // Delivered in order through one Postfix: once this is in, a refused send would be too.
    const messages = await waitForMessages(recipient, 1);
    expect(messages.map((m) => m.subject)).toEqual([`Your new mail account: ${mailbox.address}`]);
    expect(messages[0]?.headers.get('content-language')).toBe('en');
    expect(messages[0]?.text).toContain(`Address and user name: ${mailbox.address}`);
    expect(messages[0]?.text).not.toContain('Temporary password');
    expect(messages[0]?.text).not.toContain(mailbox.temporaryPassword);
  });
});
