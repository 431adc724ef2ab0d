import { inject } from 'vitest';
import { api, expectStatus, newMailbox, unique } from './support/api.js';
import { SmtpConversation, stack } from './support/clients.js';

const REFUSED_SENDER =
  /^554 5\.7\.1 <[^>]+>: Sender address rejected: Refused by the global sender policy of Yubin$/;
const REFUSED_CLIENT =
  /^554 5\.7\.1 <[^>]+>: Client host rejected: Refused by the global sender policy of Yubin$/;

/** RCPT TO's reply on port 25, connecting from `from` (any 127/8 address is this host). */
async function rcpt(
  recipient: string,
  sender: string,
  from = '127.0.0.1',
): Promise<{ code: number; text: string }> {
  const smtp = await SmtpConversation.open(stack().ports.smtp, from);
  try {
    await smtp.command('EHLO client.outside.example');
    const mail = await smtp.command(`MAIL FROM:<${sender}>`);
    expect(mail.code, mail.text).toBe(250);
    return await smtp.command(`RCPT TO:<${recipient}>`);
  } finally {
    await smtp.close();
  }
}

describe.skipIf(inject('mail') === undefined)(
  'sender policy at SMTP time (issue 12, scenario 3)',
  () => {
    const created: string[] = [];

    async function rule(path: string, kind: 'allow' | 'block', match: object): Promise<void> {
      const body = await expectStatus<{ id: string }>(
        (await api()).post(`/api/v1${path}`, { body: { kind, match } }),
        201,
      );
      created.push(`/api/v1${path}/${body.id}`);
    }

    afterAll(async () => {
      // Global rules reach every spec of the suite: leave none behind.
      for (const path of created.reverse()) await expectStatus((await api()).delete(path), 204);
    });

    it('refuses a globally blocked sender domain and client network with 554 naming the policy, with no reload', async () => {
      const target = await newMailbox();
      const spam = `${unique('spam')}.example`;
      // Before the rule: accepted.
      expect((await rcpt(target.address, `news@${spam}`)).code).toBe(250);

      await rule('/sender-rules', 'block', { senderDomain: spam });
      await rule('/sender-rules', 'block', { clientIp: '127.0.0.2/32' });

      const sender = await rcpt(target.address, `news@mail.${spam}`);
      expect(sender.text).toMatch(REFUSED_SENDER);
      const client = await rcpt(target.address, `someone@${unique('ok')}.example`, '127.0.0.2');
      expect(client.text).toMatch(REFUSED_CLIENT);
      // Another loopback address, another client: not blocked.
      expect(
        (await rcpt(target.address, `someone@${unique('ok')}.example`, '127.0.0.3')).code,
      ).toBe(250);
    });

    it('leaves a globally blocked sender to the spam filter where a mailbox allows it', async () => {
      const friendly = await newMailbox();
      const spam = `${unique('spam')}.example`;
      await rule('/sender-rules', 'block', { senderDomain: spam });
      expect((await rcpt(friendly.address, `friend@${spam}`)).text).toMatch(REFUSED_SENDER);
      await rule(`/mailboxes/${friendly.address}/sender-rules`, 'allow', {
        sender: `friend@${spam}`,
      });
      // Postfix cannot tell recipients apart when it looks the sender up: it lets the
      // message through for Rspamd to decide per recipient (ADR 0013).
      expect((await rcpt(friendly.address, `friend@${spam}`)).code).toBe(250);
      expect((await rcpt(friendly.address, `other@${spam}`)).text).toMatch(REFUSED_SENDER);
    });
  },
);
