import { inject } from 'vitest';
import { imapLoginWorks, pop3Session, submit } from './support/clients.js';
import { api, expectStatus, newMailbox, unique, type TestMailbox } from './support/api.js';

async function smtpAuthWorks(mailbox: TestMailbox): Promise<boolean> {
  try {
    await submit({
      user: mailbox.address,
      password: mailbox.password,
      from: mailbox.address,
      to: mailbox.address,
      subject: unique('smtp-toggle-'),
    });
    return true;
  } catch (error) {
    if ((error as { responseCode?: number }).responseCode === 535) return false;
    throw error;
  }
}

async function access(mailbox: TestMailbox) {
  return {
    imap: await imapLoginWorks(mailbox.address, mailbox.password),
    pop3: (await pop3Session(mailbox.address, mailbox.password)).ok,
    smtp: await smtpAuthWorks(mailbox),
  };
}

describe.skipIf(inject('mail') === undefined)('protocol switches', () => {
  it.each([
    ['imapEnabled', { imap: false, pop3: true, smtp: true }],
    ['pop3Enabled', { imap: true, pop3: false, smtp: true }],
    ['smtpEnabled', { imap: true, pop3: true, smtp: false }],
  ] as const)('with %s=false only that protocol refuses the login', async (toggle, expected) => {
    const mailbox = await newMailbox();
    expect(await access(mailbox)).toEqual({ imap: true, pop3: true, smtp: true });
    await expectStatus(
      (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, { body: { [toggle]: false } }),
      200,
    );
    expect(await access(mailbox)).toEqual(expected);
  });
});
