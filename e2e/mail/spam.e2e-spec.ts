import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { eventually, stack, withImap } from './support/clients.js';
import { api, expectStatus, newMailbox, unique } from './support/api.js';
import {
  folder,
  GTUBE,
  plainMessage,
  bayesLearns,
  sendRaw,
  setDomainPolicy,
  shouting,
  waitInFolder,
  withEicar,
} from './support/spam.js';

/**
 * No To, a shouting subject and a program attached (harmless text named .com): Rspamd's
 * own rules score it about 8, between the default junk (6) and reject (15).
 */
function sloppyMessage(subject: string): string {
  return `From: sender@outside.example
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
      const subject = `${unique('JUNK').toUpperCase()} FREE MONEY NOW`;
      const sloppy = sloppyMessage(subject);
      expect((await sendRaw(mailbox.address, sloppy)).code).toBe(250);
      const junk = await waitInFolder(mailbox, 'Junk', subject);
      expect(junk?.headers).toMatch(/^X-Yubin-Action: junk$/m);
      expect(junk?.headers).toMatch(/^X-Spam: Yes$/m);
      const inbox = await waitInFolder(mailbox, 'INBOX', clean);
      expect(inbox?.headers).not.toMatch(/^X-Yubin-Action:/m);
      expect((await folder(mailbox, 'INBOX')).map((m) => m.subject)).toEqual([clean]);
    });

    it('files junk into the junk folder the mailbox’s policy names, read by Dovecot per recipient', async () => {
      const spam = await newMailbox();
      const colleague = await newMailbox({ domain: spam.domain });
      await expectStatus(
        (await api()).put(`/api/v1/mailboxes/${spam.address}/spam-policy`, {
          body: { junkFolder: 'Spam' },
        }),
        200,
      );
      const subject = `${unique('SPAMFOLDER').toUpperCase()} FREE MONEY NOW`;
      // One message to both: each recipient's own folder, as Dovecot asks per recipient.
      expect((await sendRaw([spam.address, colleague.address], sloppyMessage(subject))).code).toBe(
        250,
      );
      const filed = await waitInFolder(spam, 'Spam', subject);
      expect(filed?.headers).toMatch(/^X-Yubin-Action: junk$/m);
      await waitInFolder(colleague, 'Junk', subject);
      expect(await folder(spam, 'Junk')).toEqual([]);
      expect(await folder(spam, 'INBOX')).toEqual([]);
    });

    it('uses an attacker’s folder name as a name only: it cannot add Sieve commands', async () => {
      const mailbox = await newMailbox();
      // Were the name written into the script, this would close the string, forward the
      // message away and keep it in INBOX.
      const evil = 'Evil"; redirect "thief@outside.example"; keep; #${junk_folder}';
      await expectStatus(
        (await api()).put(`/api/v1/mailboxes/${mailbox.address}/spam-policy`, {
          body: { junkFolder: evil },
        }),
        200,
      );
      const subject = `${unique('EVIL').toUpperCase()} FREE MONEY NOW`;
      expect((await sendRaw(mailbox.address, sloppyMessage(subject))).code).toBe(250);
      await waitInFolder(mailbox, evil, subject);
      expect(await folder(mailbox, 'INBOX')).toEqual([]);
      expect(await folder(mailbox, 'Junk')).toEqual([]);
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

    it('keeps only the hash of the controller password in Rspamd’s file, and the controller accepts the password', async () => {
      const { controllerUrl, password } = stack().rspamd;
      const file = await readFile(
        join(stack().renderedDir, 'rspamd/local.d/worker-controller.inc'),
        'utf8',
      );
      expect(file).not.toContain(password);
      expect(file).toMatch(/^password = "\$2\$[a-z0-9]+\$[a-z0-9]+";$/m);
      const stat = (secret: string) =>
        fetch(`${controllerUrl}/stat`, { headers: { Password: secret } });
      expect((await stat(password)).status).toBe(200);
      expect((await stat(`${password}x`)).status).toBe(401);
    });

    it('learns spam when a user moves a message into Junk over IMAP', async () => {
      const mailbox = await newMailbox();
      const subject = unique('learn-');
      const body = Array.from({ length: 40 }, (_, i) => `word${i} ${unique('token')}`).join(' ');
      expect(
        (await sendRaw(mailbox.address, plainMessage(mailbox.address, subject, body))).code,
      ).toBe(250);
      await waitInFolder(mailbox, 'INBOX', subject);
      const before = await bayesLearns();
      await withImap(mailbox.address, mailbox.password, async (client) => {
        await client.mailboxOpen('INBOX');
        expect(await client.messageMove('1:*', 'Junk')).toBeTruthy();
      });
      await eventually(async () => (await bayesLearns()).spam > before.spam, {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: "Rspamd's learned-spam count to grow",
      });
      expect((await bayesLearns()).ham).toBe(before.ham);
      expect((await folder(mailbox, 'Junk')).map((m) => m.subject)).toEqual([subject]);
    });
    it('learns ham when a user moves a message out of Junk over IMAP', async () => {
      const mailbox = await newMailbox();
      const subject = unique('unjunk-');
      const body = Array.from({ length: 40 }, (_, i) => `ham${i} ${unique('token')}`).join(' ');
      expect(
        (await sendRaw(mailbox.address, plainMessage(mailbox.address, subject, body))).code,
      ).toBe(250);
      await waitInFolder(mailbox, 'INBOX', subject);
      const before = await bayesLearns();
      await withImap(mailbox.address, mailbox.password, async (client) => {
        await client.mailboxOpen('INBOX');
        expect(await client.messageMove('1:*', 'Junk')).toBeTruthy();
      });
      await eventually(async () => (await bayesLearns()).spam > before.spam, {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: "Rspamd's learned-spam count to grow",
      });
      // The user takes it back out: a mistake, good mail after all.
      const learnedSpam = await bayesLearns();
      await withImap(mailbox.address, mailbox.password, async (client) => {
        await client.mailboxOpen('Junk');
        expect(await client.messageMove('1:*', 'INBOX')).toBeTruthy();
      });
      await eventually(async () => (await bayesLearns()).ham > learnedSpam.ham, {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: "Rspamd's learned-ham count to grow",
      });
      expect((await folder(mailbox, 'INBOX')).map((m) => m.subject)).toEqual([subject]);
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
