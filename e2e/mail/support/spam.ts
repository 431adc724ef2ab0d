import { connect } from 'node:net';
import { EICAR } from './filter-instance.js';
import { eventually, SmtpConversation, stack, withImap } from './clients.js';
import { api, expectStatus, unique, type TestMailbox } from './api.js';

/** GTUBE: the test string every spam filter treats as certain spam. */
export const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

/**
 * Sends a whole message on port 25 as another mail server would, to one or more
 * recipients; the reply to its DATA.
 */
export async function sendRaw(
  to: string | readonly string[],
  message: string,
  from = 'sender@outside.example',
  port = stack().ports.smtp,
): Promise<{ code: number; text: string }> {
  const smtp = await SmtpConversation.open(port);
  try {
    await smtp.command('EHLO client.outside.example');
    expect((await smtp.command(`MAIL FROM:<${from}>`)).code).toBe(250);
    for (const recipient of typeof to === 'string' ? [to] : to)
      expect((await smtp.command(`RCPT TO:<${recipient}>`)).code).toBe(250);
    expect((await smtp.command('DATA')).code).toBe(354);
    return await smtp.command(`${message.replaceAll(/\r?\n/g, '\r\n')}\r\n.`);
  } finally {
    await smtp.close();
  }
}

export function plainMessage(
  to: string,
  subject: string,
  body: string,
  extraHeaders = '',
  from = 'sender@outside.example',
): string {
  return `From: Sender <${from}>
To: <${to}>
Subject: ${subject}
Date: ${new Date().toUTCString()}
Message-ID: <${unique('m')}@outside.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
${extraHeaders}
${body}
`;
}

export function withEicar(to: string, subject: string): string {
  return `From: Sender <sender@outside.example>
To: <${to}>
Subject: ${subject}
Date: ${new Date().toUTCString()}
Message-ID: <${unique('m')}@outside.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b-${subject}"

--b-${subject}
Content-Type: text/plain; charset=utf-8

The attachment is the EICAR test file.
--b-${subject}
Content-Type: application/octet-stream; name="eicar.com"
Content-Disposition: attachment; filename="eicar.com"
Content-Transfer-Encoding: base64

${Buffer.from(EICAR).toString('base64')}
--b-${subject}--
`;
}

/**
 * No To, a shouting subject: Rspamd's own rules score it about 4, no action by default.
 * Date and Message-ID are there as Postfix would add them, so the probe scores the same.
 */
export function shouting(subject: string, from = 'sender@outside.example'): string {
  return `From: ${from}
Subject: ${subject}
Date: ${new Date().toUTCString()}
Message-ID: <${unique('m')}@outside.example>

BUY NOW!!! FREE MONEY!!! CLICK HERE!!!
`;
}

/** Subject and headers of every message in a folder (none if the folder is empty). */
export function folder(mailbox: TestMailbox, name: string) {
  return withImap(mailbox.address, mailbox.password, async (client) => {
    const found: { subject: string; headers: string }[] = [];
    const opened = await client.mailboxOpen(name, { readOnly: true });
    if (opened.exists === 0) return found;
    for await (const message of client.fetch('1:*', { envelope: true, headers: true })) {
      found.push({
        subject: message.envelope?.subject ?? '',
        headers: message.headers?.toString('utf8') ?? '',
      });
    }
    return found;
  });
}

export async function waitInFolder(mailbox: TestMailbox, name: string, subject: string) {
  await eventually(
    async () => (await folder(mailbox, name)).some((message) => message.subject === subject),
    { timeoutMs: 20_000, intervalMs: 200, what: `"${subject}" in ${name}` },
  );
  return (await folder(mailbox, name)).find((message) => message.subject === subject);
}

/** One Redis command over RESP; the reply's text (null for a nil reply). */
function redis(...args: string[]): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(stack().rspamd.redisPort, '127.0.0.1');
    let reply = '';
    socket.setEncoding('utf8');
    socket.once('error', reject);
    socket.on('data', (chunk: string) => {
      reply += chunk;
      const bulk = /^\$(-?\d+)\r\n/.exec(reply);
      if (bulk !== null && Number(bulk[1]) < 0) resolve(null);
      else if (bulk !== null && reply.length >= bulk[0].length + Number(bulk[1]) + 2)
        resolve(reply.slice(bulk[0].length, bulk[0].length + Number(bulk[1])));
      else if (/^[+:-].*\r\n$/.test(reply)) resolve(reply.slice(1, -2));
      else return;
      socket.end();
    });
    socket.write(
      `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`,
    );
  });
}

/**
 * How many messages Rspamd's Bayes classifier has learned as spam and as ham: the
 * counters Rspamd 3.4 keeps in Redis (its "new schema": hash `RS` plus the user, none
 * here, fields `learns_spam` and `learns_ham`), written at each learn. The controller's
 * /stat reports them only after its periodic refresh.
 */
export async function bayesLearns(): Promise<{ spam: number; ham: number }> {
  const learns = async (field: string) => Number((await redis('HGET', 'RS', field)) ?? 0);
  return { spam: await learns('learns_spam'), ham: await learns('learns_ham') };
}

/** The action Rspamd's scanner chooses for a message to this recipient, as the milter's. */
export async function rspamdAction(
  to: string,
  message: string,
  from = 'sender@outside.example',
): Promise<string> {
  const response = await fetch(`${stack().rspamd.workerUrl}/checkv2`, {
    method: 'POST',
    headers: { Rcpt: to, From: from, IP: '127.0.0.1' },
    body: message.replaceAll(/\r?\n/g, '\r\n'),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { action: string }).action;
}

/** Sets a domain's spam policy, then waits until Rspamd has polled it from Yubin. */
export async function setDomainPolicy(
  domain: string,
  policy: Record<string, unknown>,
  probe: { to: string; message: string; action: string },
) {
  await expectStatus(
    (await api()).put(`/api/v1/domains/${domain}/spam-policy`, { body: policy }),
    200,
  );
  await eventually(async () => (await rspamdAction(probe.to, probe.message)) === probe.action, {
    timeoutMs: 15_000,
    intervalMs: 500,
    what: `Rspamd to apply ${domain}'s policy (${probe.action})`,
  });
}
