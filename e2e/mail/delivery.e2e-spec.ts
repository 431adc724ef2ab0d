import { inject } from 'vitest';
import { deliver, inboxSubjects, pop3Session, waitForSubject } from './support/clients.js';
import { newMailbox, unique } from './support/api.js';

describe.skipIf(inject('mail') === undefined)('delivery and retrieval', () => {
  it('delivers to a new mailbox over LMTP; IMAP and POP3 fetch it with the API-set password', async () => {
    const mailbox = await newMailbox();
    const subject = unique('hello-');
    await deliver({ to: mailbox.address, subject });
    await waitForSubject(mailbox.address, mailbox.password, subject);
    expect(await inboxSubjects(mailbox.address, mailbox.password)).toEqual([subject]);
    const pop3 = await pop3Session(mailbox.address, mailbox.password);
    expect(pop3).toMatchObject({ ok: true, messages: 1 });
    expect(pop3.firstMessage).toContain(`Subject: ${subject}`);
  });
});
