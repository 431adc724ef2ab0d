import { inject } from 'vitest';
import { deliver, inboxSubjects, waitForSubject } from './support/clients.js';
import { api, expectStatus, newDomain, newMailbox, unique } from './support/api.js';

async function forward(address: string, forwardTo: string[], keepCopy: boolean): Promise<void> {
  const body = await expectStatus(
    (await api()).patch(`/api/v1/mailboxes/${address}`, { body: { forwardTo, keepCopy } }),
    200,
  );
  expect(body).toMatchObject({ forwardTo, keepCopy });
}

describe.skipIf(inject('mail') === undefined)('a mailbox’s forwarding', () => {
  it('with keepCopy, delivers to the forwarding addresses and to the mailbox itself', async () => {
    const mailbox = await newMailbox();
    const colleague = await newMailbox({ domain: mailbox.domain });
    const elsewhere = await newMailbox({ domain: await newDomain() });
    await forward(mailbox.address, [colleague.address, elsewhere.address], true);

    const subject = unique('copy-');
    await deliver({ to: mailbox.address, subject });
    await waitForSubject(colleague.address, colleague.password, subject);
    await waitForSubject(elsewhere.address, elsewhere.password, subject);
    await waitForSubject(mailbox.address, mailbox.password, subject);
  });

  it('without keepCopy, delivers only to the forwarding addresses, until it is cleared', async () => {
    const mailbox = await newMailbox();
    const target = await newMailbox({ domain: mailbox.domain });
    await forward(mailbox.address, [target.address], false);

    const forwarded = unique('forwarded-');
    await deliver({ to: mailbox.address, subject: forwarded });
    await waitForSubject(target.address, target.password, forwarded);
    expect(await inboxSubjects(mailbox.address, mailbox.password)).toEqual([]);

    // No forwarding: the mailbox receives again, whatever keepCopy says.
    await forward(mailbox.address, [], false);
    const own = unique('own-');
    await deliver({ to: mailbox.address, subject: own });
    await waitForSubject(mailbox.address, mailbox.password, own);
    expect(await inboxSubjects(target.address, target.password)).toEqual([forwarded]);
  });
});
