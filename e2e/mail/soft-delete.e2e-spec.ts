import { inject } from 'vitest';
import {
  deliver,
  eventually,
  imapLoginWorks,
  inboxSubjects,
  rcptCode,
  waitForSubject,
} from './support/clients.js';
import { api, expectStatus, newMailbox, unique } from './support/api.js';

describe.skipIf(inject('mail') === undefined)('deleted and restored mailboxes', () => {
  it('a soft-deleted mailbox is undeliverable; restored, it receives again and keeps its mail', async () => {
    const mailbox = await newMailbox();
    const before = unique('before-');
    await deliver({ to: mailbox.address, subject: before });
    await waitForSubject(mailbox.address, mailbox.password, before);

    await expectStatus((await api()).delete(`/api/v1/mailboxes/${mailbox.address}`), 204);
    await eventually(async () => (await rcptCode(mailbox.address)) === 550, {
      timeoutMs: 1000,
      what: 'RCPT refused after delete',
    });
    expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(false);

    await expectStatus((await api()).post(`/api/v1/mailboxes/${mailbox.address}/restore`), 200);
    expect(await rcptCode(mailbox.address)).toBe(250);
    const after = unique('after-');
    await deliver({ to: mailbox.address, subject: after });
    await waitForSubject(mailbox.address, mailbox.password, after);
    expect((await inboxSubjects(mailbox.address, mailbox.password)).sort()).toEqual(
      [before, after].sort(),
    );
  });

  it('a forwarding stops with its mailbox: inactive or deleted, mail to it is refused', async () => {
    const mailbox = await newMailbox();
    const target = await newMailbox({ domain: mailbox.domain });
    await expectStatus(
      (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, {
        body: { forwardTo: [target.address], keepCopy: false },
      }),
      200,
    );
    const forwarded = unique('forwarded-');
    await deliver({ to: mailbox.address, subject: forwarded });
    await waitForSubject(target.address, target.password, forwarded);
    expect(await inboxSubjects(mailbox.address, mailbox.password)).toEqual([]);

    await expectStatus(
      (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, { body: { active: false } }),
      200,
    );
    expect(await rcptCode(mailbox.address)).toBe(550);
    await expectStatus(
      (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, { body: { active: true } }),
      200,
    );
    expect(await rcptCode(mailbox.address)).toBe(250);
    await expectStatus((await api()).delete(`/api/v1/mailboxes/${mailbox.address}`), 204);
    expect(await rcptCode(mailbox.address)).toBe(550);
  });
});
