import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { EICAR } from './support/filter-instance.js';
import { eventually, SmtpConversation, stack, withImap } from './support/clients.js';
import { api, expectStatus, newMailbox, unique, type TestMailbox } from './support/api.js';

/** GTUBE: the test string every spam filter treats as certain spam. */
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

/** Sends a whole message on port 25 as another mail server would; the reply to its DATA. */
async function sendRaw(
  to: string,
  message: string,
  from = 'sender@outside.example',
): Promise<{ code: number; text: string }> {
  const smtp = await SmtpConversation.open(stack().ports.smtp);
  try {
    await smtp.command('EHLO client.outside.example');
    expect((await smtp.command(`MAIL FROM:<${from}>`)).code).toBe(250);
    expect((await smtp.command(`RCPT TO:<${to}>`)).code).toBe(250);
    expect((await smtp.command('DATA')).code).toBe(354);
    return await smtp.command(`${message.replaceAll(/\r?\n/g, '\r\n')}\r\n.`);
  } finally {
    await smtp.close();
  }
}

function plainMessage(to: string, subject: string, body: string, extraHeaders = ''): string {
  return `From: Sender <sender@outside.example>
To: <${to}>
Subject: ${subject}
Date: ${new Date().toUTCString()}
Message-ID: <${unique('m')}@outside.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
${extraHeaders}
${body}
`;
}

function withEicar(to: string, subject: string): string {
  return `From: Sender <sender@outside.example>
To: <${to}>
Subject: ${subject}
Date: ${new Date().toUTCString()}
Message-ID: <${unique('m')}@outside.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b-${subject}"

--b-${subject}
Content-Type: text/plain; charset=utf-8

The attachment is the EICAR test file.
--b-${subject}
Content-Type: application/octet-stream; name="eicar.com"
Content-Disposition: attachment; filename="eicar.com"
Content-Transfer-Encoding: base64

${Buffer.from(EICAR).toString('base64')}
--b-${subject}--
`;
}

/** Subject and headers of every message in a folder (none if the folder is empty). */
function folder(mailbox: TestMailbox, name: string) {
  return withImap(mailbox.address, mailbox.password, async (client) => {
    const found: { subject: string; headers: string }[] = [];
    const opened = await client.mailboxOpen(name, { readOnly: true });
    if (opened.exists === 0) return found;
    for await (const message of client.fetch('1:*', { envelope: true, headers: true })) {
      found.push({
        subject: message.envelope?.subject ?? '',
        headers: message.headers?.toString('utf8') ?? '',
      });
    }
    return found;
  });
}

async function waitInFolder(mailbox: TestMailbox, name: string, subject: string) {
  await eventually(
    async () => (await folder(mailbox, name)).some((message) => message.subject === subject),
    { timeoutMs: 20_000, intervalMs: 200, what: `"${subject}" in ${name}` },
  );
  return (await folder(mailbox, name)).find((message) => message.subject === subject);
}

/** Rspamd's count of messages learned, from its controller (which wants the password). */
async function learnedCount(): Promise<number> {
  const response = await fetch(`${stack().rspamd.controllerUrl}/stat`, {
    headers: { Password: stack().rspamd.password },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { learned: number }).learned;
}

/** The action Rspamd's scanner chooses for a message to this recipient, as the milter's. */
async function rspamdAction(to: string, message: string): Promise<string> {
  const response = await fetch(`${stack().rspamd.workerUrl}/checkv2`, {
    method: 'POST',
    headers: { Rcpt: to, From: 'sender@outside.example', IP: '127.0.0.1' },
    body: message.replaceAll(/\r?\n/g, '\r\n'),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { action: string }).action;
}

/** Sets a domain's spam policy, then waits until Rspamd has polled it from Yubin. */
async function setDomainPolicy(
  domain: string,
  policy: Record<string, unknown>,
  probe: { to: string; message: string; action: string },
) {
  await expectStatus(
    (await api()).put(`/api/v1/domains/${domain}/spam-policy`, { body: policy }),
    200,
  );
  await eventually(async () => (await rspamdAction(probe.to, probe.message)) === probe.action, {
    timeoutMs: 15_000,
    intervalMs: 500,
    what: `Rspamd to apply ${domain}'s policy (${probe.action})`,
  });
}

/**
 * No To, a shouting subject: Rspamd's own rules score it about 4, no action by default.
 * Date and Message-ID are there as Postfix would add them, so the probe scores the same.
 */
function shouting(subject: string): string {
  return `From: sender@outside.example
Subject: ${subject}
Date: ${new Date().toUTCString()}
Message-ID: <${unique('m')}@outside.example>

BUY NOW!!! FREE MONEY!!! CLICK HERE!!!
`;
}

describe.skipIf(inject('mail') === undefined)(
  'spam and virus filtering (Rspamd, ClamAV, Sieve)',
  () => {
    it('rejects GTUBE at the end of DATA under the default policy, and delivers nothing', async () => {
      const mailbox = await newMailbox();
      const subject = unique('gtube-');
      const reply = await sendRaw(mailbox.address, plainMessage(mailbox.address, subject, GTUBE));
      expect(reply.code).toBe(554);
      expect(reply.text).toMatch(/^554 5\.7\.1 /);
      expect(await folder(mailbox, 'INBOX')).toEqual([]);
      expect(await folder(mailbox, 'Junk')).toEqual([]);
    });

    it('rejects the EICAR test file under virusAction reject, saying it is a virus', async () => {
      const mailbox = await newMailbox();
      const subject = unique('eicar-');
      const reply = await sendRaw(mailbox.address, withEicar(mailbox.address, subject));
      expect(reply).toEqual({ code: 554, text: '554 5.7.1 Refused: the message contains a virus' });
      expect(await folder(mailbox, 'INBOX')).toEqual([]);
      const log = await readFile(stack().rspamd.log, 'utf8');
      expect(log).toContain('Yubin-Test.EICAR');
    });

    it('files a message scoring between junk and reject into Junk, marked, and keeps clean mail in INBOX', async () => {
      const mailbox = await newMailbox();
      const clean = unique('clean-');
      expect(
        (await sendRaw(mailbox.address, plainMessage(mailbox.address, clean, 'Lunch on Friday?')))
          .code,
      ).toBe(250);
      // No To, a shouting subject and a program attached (harmless text named .com):
      // Rspamd's own rules score it about 8, between the default junk (6) and reject (15).
      const subject = `${unique('JUNK').toUpperCase()} FREE MONEY NOW`;
      const sloppy = `From: sender@outside.example
Subject: ${subject}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

BUY NOW!!! FREE MONEY!!! CLICK HERE!!!
--b
Content-Type: application/octet-stream; name="money.com"
Content-Disposition: attachment; filename="money.com"
Content-Transfer-Encoding: base64

${Buffer.from('Not a program, only a name that looks like one.').toString('base64')}
--b--
`;
      expect((await sendRaw(mailbox.address, sloppy)).code).toBe(250);
      const junk = await waitInFolder(mailbox, 'Junk', subject);
      expect(junk?.headers).toMatch(/^X-Yubin-Action: junk$/m);
      expect(junk?.headers).toMatch(/^X-Spam: Yes$/m);
      const inbox = await waitInFolder(mailbox, 'INBOX', clean);
      expect(inbox?.headers).not.toMatch(/^X-Yubin-Action:/m);
      expect((await folder(mailbox, 'INBOX')).map((m) => m.subject)).toEqual([clean]);
    });

    it('ignores a sender’s own X-Yubin-Action header: Rspamd removes it, the message stays in INBOX', async () => {
      const mailbox = await newMailbox();
      const subject = unique('forged-');
      const message = plainMessage(mailbox.address, subject, 'Hello.', 'X-Yubin-Action: junk\n');
      expect((await sendRaw(mailbox.address, message)).code).toBe(250);
      const delivered = await waitInFolder(mailbox, 'INBOX', subject);
      expect(delivered?.headers).not.toMatch(/^X-Yubin-Action:/m);
      expect(await folder(mailbox, 'Junk')).toEqual([]);
    });

    it('learns spam when a user moves a message into Junk over IMAP', async () => {
      const mailbox = await newMailbox();
      const subject = unique('learn-');
      const body = Array.from({ length: 40 }, (_, i) => `word${i} ${unique('token')}`).join(' ');
      expect(
        (await sendRaw(mailbox.address, plainMessage(mailbox.address, subject, body))).code,
      ).toBe(250);
      await waitInFolder(mailbox, 'INBOX', subject);
      const before = await learnedCount();
      await withImap(mailbox.address, mailbox.password, async (client) => {
        await client.mailboxOpen('INBOX');
        expect(await client.messageMove('1:*', 'Junk')).toBeTruthy();
      });
      await eventually(async () => (await learnedCount()) > before, {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: "Rspamd's learned count to grow",
      });
      expect((await folder(mailbox, 'Junk')).map((m) => m.subject)).toEqual([subject]);
    });
    it('rejects under a domain’s low reject threshold what a domain with a higher one files into Junk with the spam header', async () => {
      const strict = await newMailbox();
      const lenient = await newMailbox();
      const subject = `${unique('SCORED').toUpperCase()} FREE MONEY NOW`;
      await setDomainPolicy(
        strict.domain,
        { addHeaderScore: 2, junkScore: 3, rejectScore: 3.5 },
        { to: strict.address, message: shouting(subject), action: 'reject' },
      );
      await setDomainPolicy(
        lenient.domain,
        { addHeaderScore: 1, junkScore: 2, rejectScore: 50 },
        { to: lenient.address, message: shouting(subject), action: 'junk' },
      );
      expect((await sendRaw(strict.address, shouting(subject))).code).toBe(554);
      expect((await sendRaw(lenient.address, shouting(subject))).code).toBe(250);
      const junk = await waitInFolder(lenient, 'Junk', subject);
      expect(junk?.headers).toMatch(/^X-Spam: Yes$/m);
      expect(await folder(strict, 'INBOX')).toEqual([]);
      expect(await folder(strict, 'Junk')).toEqual([]);
    });

    it('files the EICAR test file into Junk under virusAction junk', async () => {
      const mailbox = await newMailbox();
      const subject = unique('eicar-junk-');
      const message = withEicar(mailbox.address, subject);
      await setDomainPolicy(
        mailbox.domain,
        { virusAction: 'junk' },
        { to: mailbox.address, message, action: 'junk' },
      );
      expect((await sendRaw(mailbox.address, message)).code).toBe(250);
      const junk = await waitInFolder(mailbox, 'Junk', subject);
      expect(junk?.headers).toMatch(/^X-Virus: Yubin-Test\.EICAR/m);
      expect(await folder(mailbox, 'INBOX')).toEqual([]);
    });
  },
);
