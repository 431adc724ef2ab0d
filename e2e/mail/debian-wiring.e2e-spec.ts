import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import {
  deliver,
  imapLoginWorks,
  pop3Session,
  rcptCode,
  stack,
  submit,
  waitForSubject,
} from './support/clients.js';
import { newMailbox, unique } from './support/api.js';

/**
 * The README's wiring on Debian's own starting points: each Postfix (no main.cf, and
 * "Internet Site") with the rendered fragments appended, and Dovecot as shipped.
 */
const instances = (inject('mail')?.postfix ?? []).map((info) => [info.start, info] as const);

describe.skipIf(inject('mail') === undefined)('Postfix from Debian’s defaults', () => {
  describe.each(instances)('starting from %s', (_, postfix) => {
    it('sets nothing twice in main.cf, so no process warns at start', async () => {
      // Duplicates make every Postfix process log warnings at every start, which stalled
      // postlogd on "Internet Site" (the README removes the fragment's settings first).
      const log = await readFile(postfix.logFile, 'utf8');
      expect(log).toContain('daemon started');
      expect(log).not.toContain('overriding earlier entry');
    });

    it('takes mail for a mailbox on port 25 and relays nothing for the internet (554)', async () => {
      const mailbox = await newMailbox();
      const subject = unique('port-25-');
      await deliver({ to: mailbox.address, subject, port: postfix.ports.smtp });
      await waitForSubject(mailbox.address, mailbox.password, subject);
      expect(
        await rcptCode('victim@outside.example', 'spammer@outside.example', postfix.ports.smtp),
      ).toBe(554);
    });

    it('lets a user submit as themselves, never with the empty sender (553)', async () => {
      const sender = await newMailbox();
      const credentials = { user: sender.address, password: sender.password };
      await submit({
        ...credentials,
        from: sender.address,
        to: sender.address,
        subject: unique('as-self-'),
        port: postfix.ports.submission,
      });
      for (const to of ['someone@outside.example', sender.address]) {
        await expect(
          submit({
            ...credentials,
            from: sender.address,
            envelopeFrom: '',
            to,
            subject: unique('null-sender-'),
            port: postfix.ports.submission,
          }),
        ).rejects.toMatchObject({ responseCode: 553 });
      }
    });

    it('refuses SMTP AUTH to a Unix account of the mail server (535)', async () => {
      const { user, password } = stack().unixAccount;
      await expect(
        submit({
          user,
          password,
          from: `${user}@mail.yubin.test`,
          to: 'someone@outside.example',
          subject: unique('unix-'),
          port: postfix.ports.submission,
        }),
      ).rejects.toMatchObject({ responseCode: 535 });
    });
  });
});

const run = promisify(execFile);

describe.skipIf(inject('mail') === undefined)('Dovecot from Debian’s defaults', () => {
  it('refuses a Unix account of the mail server: no passdb knows it, so IMAP and POP3 fail', async () => {
    const { user, password } = stack().unixAccount;
    // The passdb chain itself: with Debian's PAM passdb still on, this succeeds.
    const check = run('doveadm', [
      '-c',
      stack().dovecotConfig,
      'auth',
      'test',
      '-x',
      'service=imap',
      user,
      password,
    ]);
    await expect(check).rejects.toMatchObject({ code: 77 });
    expect(await imapLoginWorks(user, password)).toBe(false);
    expect((await pop3Session(user, password)).ok).toBe(false);
  });
});
