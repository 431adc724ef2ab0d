import { inject } from 'vitest';
import { SmtpConversation, stack, submit } from './support/clients.js';
import { api, expectStatus, newMailbox, unique, type TestMailbox } from './support/api.js';

/** The reply Postfix gives where the send-check refuses, and 250 where it accepts. */
const POSTFIX_REPLY: Record<string, number> = {
  accepted: 250,
  'accepted-relay': 250,
  'login-refused': 535,
  'empty-sender': 553,
  'sender-not-owned': 553,
  'recipient-unknown': 550,
  // Port 25 refuses a global block itself (ADR 0013); other blocks are Rspamd's.
  'sender-blocked': 554,
};

interface Case {
  name: string;
  /** Whose mailbox page asks, and how the message travels. */
  mailbox: TestMailbox;
  from: string;
  to: string;
  /** The answer this case is about: the comparison with Postfix is the test. */
  code: keyof typeof POSTFIX_REPLY;
}

async function sendCheck(c: Case): Promise<{ accepted: boolean; code: string }> {
  return expectStatus(
    (await api()).post(`/api/v1/mailboxes/${c.mailbox.address}/diagnostics/send-check`, {
      body: { from: c.from, to: c.to },
    }),
    200,
  );
}

/** Port 25, as another mail server: the reply to RCPT TO (or to MAIL FROM if that fails). */
async function viaPort25(from: string, to: string): Promise<number> {
  const smtp = await SmtpConversation.open(stack().ports.smtp);
  try {
    await smtp.command('EHLO client.outside.example');
    const mail = await smtp.command(`MAIL FROM:<${from}>`);
    if (mail.code !== 250) return mail.code;
    return (await smtp.command(`RCPT TO:<${to}>`)).code;
  } finally {
    await smtp.close();
  }
}

/** Submission, signed in as the mailbox, with a mail app's client: 250 or the refusal's code. */
async function viaSubmission(c: Case): Promise<number> {
  try {
    await submit({
      user: c.mailbox.address,
      password: c.mailbox.password,
      from: c.from === '' ? c.mailbox.address : c.from,
      envelopeFrom: c.from,
      to: c.to,
      subject: unique('send-check-'),
    });
    return 250;
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    if (code === undefined) throw error;
    return code;
  }
}

describe.skipIf(inject('mail') === undefined)('send-check agrees with Postfix', () => {
  it('for mail sent through submission and mail arriving on port 25, accepted and refused', async () => {
    const sender = await newMailbox();
    const colleague = await newMailbox({ domain: sender.domain });
    const stranger = await newMailbox();
    const smtpOff = await newMailbox({ smtpEnabled: false });
    const inactive = await newMailbox({ active: false, domain: sender.domain });
    const inDeadDomain = await newMailbox();
    const admin = await api();
    const alias = await expectStatus<{ address: string }>(
      admin.post(`/api/v1/domains/${sender.domain}/aliases`, {
        body: { localPart: unique('team'), destinations: [sender.address] },
      }),
      201,
    );
    await expectStatus(
      admin.patch(`/api/v1/domains/${inDeadDomain.domain}`, { body: { active: false } }),
      200,
    );
    const spammer = `${unique('spam')}.example`;
    await expectStatus(
      admin.post('/api/v1/sender-rules', {
        body: { kind: 'block', match: { senderDomain: spammer } },
      }),
      201,
    );
    const [local, domain] = stranger.address.split('@') as [string, string];
    const cases: Case[] = [
      {
        name: 'as an owned alias',
        mailbox: sender,
        from: alias.address,
        to: stranger.address,
        code: 'accepted',
      },
      {
        name: 'own address to a hosted mailbox',
        mailbox: sender,
        from: sender.address,
        to: colleague.address,
        code: 'accepted',
      },
      {
        name: 'to a +tag',
        mailbox: sender,
        from: sender.address,
        to: `${local}+news@${domain}`,
        code: 'accepted',
      },
      {
        name: 'to the Internet',
        mailbox: sender,
        from: sender.address,
        to: 'friend@elsewhere.example',
        code: 'accepted-relay',
      },
      {
        name: 'as a colleague',
        mailbox: sender,
        from: colleague.address,
        to: stranger.address,
        code: 'sender-not-owned',
      },
      {
        name: 'as an outside address',
        mailbox: sender,
        from: 'chief@outside.example',
        to: stranger.address,
        code: 'sender-not-owned',
      },
      {
        name: 'with the empty sender',
        mailbox: sender,
        from: '',
        to: stranger.address,
        code: 'empty-sender',
      },
      {
        name: 'to nobody in a hosted domain',
        mailbox: sender,
        from: sender.address,
        to: `${unique('nobody')}@${domain}`,
        code: 'recipient-unknown',
      },
      {
        name: 'to an inactive mailbox',
        mailbox: sender,
        from: sender.address,
        to: inactive.address,
        code: 'recipient-unknown',
      },
      {
        name: 'to a mailbox of an inactive domain',
        mailbox: sender,
        from: sender.address,
        to: inDeadDomain.address,
        code: 'recipient-unknown',
      },
      {
        name: 'with SMTP off',
        mailbox: smtpOff,
        from: smtpOff.address,
        to: stranger.address,
        code: 'login-refused',
      },
      {
        name: 'from the Internet to the mailbox',
        mailbox: stranger,
        from: 'news@shop.example',
        to: stranger.address,
        code: 'accepted',
      },
      {
        name: 'from the Internet to its +tag',
        mailbox: stranger,
        from: 'news@shop.example',
        to: `${local}+shop@${domain}`,
        code: 'accepted',
      },
      {
        name: 'from a globally blocked domain',
        mailbox: stranger,
        from: `news@mail.${spammer}`,
        to: stranger.address,
        code: 'sender-blocked',
      },
      {
        name: 'from the Internet to an inactive mailbox',
        mailbox: inactive,
        from: 'news@shop.example',
        to: inactive.address,
        code: 'recipient-unknown',
      },
    ];

    const disagreements: string[] = [];
    for (const c of cases) {
      const answer = await sendCheck(c);
      const inbound = c.to.replace(/\+[^@]*@/, '@') === c.mailbox.address;
      const postfix = inbound ? await viaPort25(c.from, c.to) : await viaSubmission(c);
      if (answer.code !== c.code)
        disagreements.push(`${c.name}: send-check said ${answer.code}, expected ${c.code}`);
      if (answer.accepted !== (postfix === 250) || postfix !== POSTFIX_REPLY[answer.code])
        disagreements.push(`${c.name}: send-check said ${answer.code}, Postfix replied ${postfix}`);
    }
    expect(disagreements).toEqual([]);
    expect(cases.filter((c) => POSTFIX_REPLY[c.code] === 250).length).toBeGreaterThanOrEqual(4);
    expect(cases.filter((c) => POSTFIX_REPLY[c.code] !== 250).length).toBeGreaterThanOrEqual(4);
  });
});
