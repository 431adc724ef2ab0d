import { inject } from 'vitest';
import { eventually, imapLoginWorks, rcptCode } from './support/clients.js';
import { api, expectStatus, newMailbox } from './support/api.js';

/** The bound for a change made in Yubin to reach the daemons, with no reload. */
const APPLIES_WITHIN_MS = 1000;

describe.skipIf(inject('mail') === undefined)('deactivation reaches the daemons at once', () => {
  it('PATCH active=false on a mailbox: RCPT 550 and no login within 1 s; back on, both work', async () => {
    const mailbox = await newMailbox();
    expect(await rcptCode(mailbox.address)).toBe(250);
    expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(true);

    await expectStatus(
      (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, { body: { active: false } }),
      200,
    );
    await eventually(async () => (await rcptCode(mailbox.address)) === 550, {
      timeoutMs: APPLIES_WITHIN_MS,
      what: 'RCPT refused after deactivation',
    });
    await eventually(async () => !(await imapLoginWorks(mailbox.address, mailbox.password)), {
      timeoutMs: APPLIES_WITHIN_MS,
      what: 'IMAP login refused after deactivation',
    });

    await expectStatus(
      (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, { body: { active: true } }),
      200,
    );
    await eventually(async () => (await rcptCode(mailbox.address)) === 250, {
      timeoutMs: APPLIES_WITHIN_MS,
      what: 'RCPT accepted after reactivation',
    });
    expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(true);
  });

  it('PATCH active=false on its domain: RCPT 550 and no login within 1 s', async () => {
    const mailbox = await newMailbox();
    expect(await rcptCode(mailbox.address)).toBe(250);
    await expectStatus(
      (await api()).patch(`/api/v1/domains/${mailbox.domain}`, { body: { active: false } }),
      200,
    );
    await eventually(async () => (await rcptCode(mailbox.address)) === 550, {
      timeoutMs: APPLIES_WITHIN_MS,
      what: 'RCPT refused after domain deactivation',
    });
    await eventually(async () => !(await imapLoginWorks(mailbox.address, mailbox.password)), {
      timeoutMs: APPLIES_WITHIN_MS,
      what: 'IMAP login refused after domain deactivation',
    });
  });
});
