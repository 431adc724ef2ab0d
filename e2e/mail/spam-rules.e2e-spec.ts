import { inject } from 'vitest';
import { api, expectStatus, newMailbox, unique, type TestMailbox } from './support/api.js';
import { eventually } from './support/clients.js';
import {
  folder,
  plainMessage,
  rspamdAction,
  sendRaw,
  setDomainPolicy,
  shouting,
  waitInFolder,
} from './support/spam.js';

/** Rspamd's refusal of a mailbox-level block, as Postfix relays it after DATA. */
const REFUSED_BY_MAILBOX = '554 5.7.1 Refused by the sender policy of the mailbox';

/** A mailbox-level sender rule through the API; its path, for DELETE. */
async function mailboxRule(
  mailbox: TestMailbox,
  kind: 'allow' | 'block',
  match: object,
): Promise<string> {
  const path = `/api/v1/mailboxes/${mailbox.address}/sender-rules`;
  const created = await expectStatus<{ id: string }>(
    (await api()).post(path, { body: { kind, match } }),
    201,
  );
  return `${path}/${created.id}`;
}

/** A sender no other spec uses, so rules about it touch this spec only. */
function newSender(): string {
  return `${unique('pest')}@outside.example`;
}

describe.skipIf(inject('mail') === undefined)(
  'per-mailbox sender rules in Rspamd (issue 12, scenarios 4, 5 and 7)',
  () => {
    it('refuses a sender a mailbox blocks for that mailbox only; a colleague in the domain still receives', async () => {
      const blocking = await newMailbox();
      const colleague = await newMailbox({ domain: blocking.domain });
      const sender = newSender();
      await mailboxRule(blocking, 'block', { sender });
      await eventually(
        async () =>
          (await rspamdAction(
            blocking.address,
            plainMessage(blocking.address, 'probe', 'Hi.'),
            sender,
          )) === 'reject',
        { timeoutMs: 15_000, intervalMs: 500, what: 'Rspamd to apply the mailbox block' },
      );

      // Alone, the blocking mailbox refuses the message at the end of DATA (the milter's
      // 554 with the policy's text): the sending server bounces it to its sender.
      const alone = unique('alone-');
      expect(
        await sendRaw(
          blocking.address,
          plainMessage(blocking.address, alone, 'Hi.', '', sender),
          sender,
        ),
      ).toEqual({ code: 554, text: REFUSED_BY_MAILBOX });
      // The colleague has no rule: the same sender is delivered.
      const toColleague = unique('colleague-');
      expect(
        (
          await sendRaw(
            colleague.address,
            plainMessage(colleague.address, toColleague, 'Hi.', '', sender),
            sender,
          )
        ).code,
      ).toBe(250);
      await waitInFolder(colleague, 'INBOX', toColleague);

      // To both in one transaction: accepted (the colleague takes it), and the blocking
      // mailbox is taken off the envelope by the milter, so only the colleague gets it.
      const both = unique('both-');
      expect(
        (
          await sendRaw(
            [blocking.address, colleague.address],
            plainMessage(colleague.address, both, 'Hi, both.', '', sender),
            sender,
          )
        ).code,
      ).toBe(250);
      await waitInFolder(colleague, 'INBOX', both);
      // A later message to the blocking mailbox from elsewhere arrives: its delivery is
      // after the two-recipient one, so had that been delivered, it would be there too.
      const later = unique('later-');
      expect(
        (await sendRaw(blocking.address, plainMessage(blocking.address, later, 'Hello.'))).code,
      ).toBe(250);
      await waitInFolder(blocking, 'INBOX', later);
      expect((await folder(blocking, 'INBOX')).map((m) => m.subject)).toEqual([later]);
      expect(await folder(blocking, 'Junk')).toEqual([]);
    });

    it('delivers to the inbox what a mailbox always allows despite a junk score', async () => {
      const allowing = await newMailbox();
      const friend = newSender();
      const subject = `${unique('FRIEND').toUpperCase()} FREE MONEY NOW`;
      await setDomainPolicy(
        allowing.domain,
        { addHeaderScore: 1, junkScore: 2, rejectScore: 50 },
        { to: allowing.address, message: shouting(subject, friend), action: 'junk' },
      );
      await mailboxRule(allowing, 'allow', { sender: friend });
      await eventually(
        async () =>
          (await rspamdAction(allowing.address, shouting(subject, friend), friend)) === 'no action',
        { timeoutMs: 15_000, intervalMs: 500, what: 'Rspamd to apply the mailbox allow' },
      );

      expect((await sendRaw(allowing.address, shouting(subject, friend), friend)).code).toBe(250);
      const delivered = await waitInFolder(allowing, 'INBOX', subject);
      expect(delivered?.headers).not.toMatch(/^X-Yubin-Action:/m);
      // The same message from anyone else still scores as junk for this mailbox.
      const stranger = `${unique('STRANGER').toUpperCase()} FREE MONEY NOW`;
      expect((await sendRaw(allowing.address, shouting(stranger, newSender()))).code).toBe(250);
      const junk = await waitInFolder(allowing, 'Junk', stranger);
      expect(junk?.headers).toMatch(/^X-Yubin-Action: junk$/m);
      expect((await folder(allowing, 'INBOX')).map((m) => m.subject)).toEqual([subject]);
    });

    it('enforces a rule change made through the API within 10 s, with no daemon reload', async () => {
      const mailbox = await newMailbox();
      const sender = newSender();
      /** The real outcome: the reply to a whole message from the sender over SMTP. */
      const outcome = async () =>
        (
          await sendRaw(
            mailbox.address,
            plainMessage(mailbox.address, unique('probe-'), 'Are you there?', '', sender),
            sender,
          )
        ).code;
      expect(await outcome()).toBe(250);

      const rule = await mailboxRule(mailbox, 'block', { sender });
      const blockedAfter = await eventually(async () => (await outcome()) === 554, {
        timeoutMs: 10_000,
        intervalMs: 100,
        what: 'the block to be enforced',
      });
      await expectStatus((await api()).delete(rule), 204);
      const liftedAfter = await eventually(async () => (await outcome()) === 250, {
        timeoutMs: 10_000,
        intervalMs: 100,
        what: 'the removal to be enforced',
      });
      process.stderr.write(
        `Sender rule enforced ${blockedAfter} ms after the API's answer; removal ${liftedAfter} ms.\n`,
      );
    });
  },
);
