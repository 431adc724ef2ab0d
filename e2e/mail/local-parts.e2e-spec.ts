import { inject } from 'vitest';
import {
  deliver,
  eventually,
  inboxSubjects,
  pop3Session,
  rcptReply,
  submit,
  waitForSubject,
} from './support/clients.js';
import { api, newDomain, newMailbox, unique, type TestMailbox } from './support/api.js';

/**
 * The local-part alphabet (ADR 0010): one mailbox per special character it allows receives
 * mail and logs in everywhere; `%` and `!` are refused by the API and route nowhere.
 */
const SPECIALS = ["o'neil", 'first.last', 'a_b', 'a-b', 'a+b'] as const;
const instances = (inject('mail')?.postfix ?? []).map((info) => [info.start, info] as const);

describe.skipIf(inject('mail') === undefined)('the local-part alphabet', () => {
  let domain: string;
  const mailboxes = new Map<string, TestMailbox>();
  const mailbox = (localPart: string) => mailboxes.get(localPart) as TestMailbox;

  beforeAll(async () => {
    domain = await newDomain();
    // `a` too, whose sub-address `a+b@` would be if the mailbox `a+b@` did not exist.
    for (const localPart of [...SPECIALS, 'a']) {
      mailboxes.set(localPart, await newMailbox({ domain, localPart }));
    }
  });

  it.each(['x%y', 'x!y'])('refuses to create a mailbox %s (422)', async (localPart) => {
    const response = await (
      await api()
    ).post(`/api/v1/domains/${domain}/mailboxes`, {
      body: { localPart },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'localPart', code: 'unsupportedLocalPartCharacter' }),
    ]);
  });

  it.each(SPECIALS)('lets %s@ log in over POP3', async (localPart) => {
    const { address, password } = mailbox(localPart);
    expect((await pop3Session(address, password)).ok).toBe(true);
  });

  describe.each(instances)('through Postfix from %s', (_, postfix) => {
    it.each(SPECIALS)(
      'delivers to %s@ on port 25, which sends with SMTP AUTH and reads over IMAP',
      async (localPart) => {
        const { address, password } = mailbox(localPart);
        const received = unique('port-25-');
        const sent = unique('submitted-');
        await deliver({ to: address, subject: received, port: postfix.ports.smtp });
        await submit({
          user: address,
          password,
          from: address,
          to: address,
          subject: sent,
          port: postfix.ports.submission,
        });
        await waitForSubject(address, password, received);
        await waitForSubject(address, password, sent);
      },
    );

    it('delivers user+tag@ to user@, and a+b@ to the mailbox a+b@, not to a@', async () => {
      const a = mailbox('a');
      const aPlusB = mailbox('a+b');
      const oNeil = mailbox("o'neil");
      const tagged = unique('tagged-');
      const taggedApostrophe = unique('tagged-apostrophe-');
      const exact = unique('exact-');
      await deliver({
        to: `a+${unique('tag')}@${domain}`,
        subject: tagged,
        port: postfix.ports.smtp,
      });
      await deliver({
        to: `o'neil+${unique('tag')}@${domain}`,
        subject: taggedApostrophe,
        port: postfix.ports.smtp,
      });
      await deliver({ to: aPlusB.address, subject: exact, port: postfix.ports.smtp });
      await waitForSubject(a.address, a.password, tagged);
      await waitForSubject(oNeil.address, oNeil.password, taggedApostrophe);
      await waitForSubject(aPlusB.address, aPlusB.password, exact);
      // LMTP delivers each recipient once: in a+b@'s INBOX means not in a@'s.
      expect(await inboxSubjects(a.address, a.password)).not.toContain(exact);
    });

    it.each(['x%y', 'x!y'])(
      'refuses %s@ from outside at RCPT, permanently (554)',
      async (localPart) => {
        // Postfix refuses a local part with a routing operator as relaying in any domain
        // (allow_untrusted_routing = no), and reject_unauth_destination makes that final.
        const reply = await rcptReply(
          `${localPart}@${domain}`,
          'someone@outside.example',
          postfix.ports.smtp,
        );
        expect(reply.code, reply.text).toBe(554);
      },
    );

    it.each([
      ['a percent route', 'victim%outside.example@mail.yubin.test'],
      ['a bang path', 'outside.example!victim@mail.yubin.test'],
    ])('routes nowhere %s from a user who may relay: unknown here (550)', async (_what, to) => {
      // With Postfix's defaults this became victim@outside.example and was relayed.
      const sender = mailbox('first.last');
      await expect(
        submit({
          user: sender.address,
          password: sender.password,
          from: sender.address,
          to,
          subject: unique('route-'),
          port: postfix.ports.submission,
        }),
      ).rejects.toMatchObject({ responseCode: 550 });
    });
  });

  it("writes o'neil@'s usage back to Yubin", async () => {
    const { address, password } = mailbox("o'neil");
    const subject = unique('usage-');
    await deliver({ to: address, subject });
    await waitForSubject(address, password, subject);
    await eventually(
      async () => {
        const response = await (
          await api()
        ).get(`/api/v1/mailboxes/${encodeURIComponent(address)}`);
        return (response.body as { usedBytes: number }).usedBytes > 0;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: `usedBytes of ${address} above 0` },
    );
  });
});
