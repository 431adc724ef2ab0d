import { inject } from 'vitest';
import { deliver, eventually, withImap } from './support/clients.js';
import { api, newMailbox, unique, type TestMailbox } from './support/api.js';

const KIB = 1024;

/** A text body of about `bytes` bytes. */
function body(bytes: number): string {
  const line = 'The quick brown fox jumps over the lazy dog, again and again. 0123456789\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

interface Received {
  subject: string;
  from: string;
  text: string;
}

/** Every message in INBOX with its sender and body. */
function inbox(mailbox: TestMailbox): Promise<Received[]> {
  return withImap(mailbox.address, mailbox.password, async (client) => {
    const found: Received[] = [];
    const opened = await client.mailboxOpen('INBOX', { readOnly: true });
    if (opened.exists === 0) return found;
    for await (const message of client.fetch('1:*', { envelope: true, source: true })) {
      found.push({
        subject: message.envelope?.subject ?? '',
        from: message.envelope?.from?.[0]?.address ?? '',
        text: message.source?.toString('utf8') ?? '',
      });
    }
    return found;
  });
}

async function warnings(mailbox: TestMailbox): Promise<Received[]> {
  return (await inbox(mailbox)).filter((m) => /^Your mailbox is \d+% full$/.test(m.subject));
}

async function waitForWarnings(mailbox: TestMailbox, count: number): Promise<Received[]> {
  await eventually(async () => (await warnings(mailbox)).length >= count, {
    timeoutMs: 20_000,
    intervalMs: 200,
    what: `${count} quota warning(s) in ${mailbox.address}'s INBOX`,
  });
  return warnings(mailbox);
}

async function delivered(mailbox: TestMailbox, subject: string, bytes: number): Promise<void> {
  await deliver({ to: mailbox.address, subject, text: body(bytes) });
  await eventually(async () => (await inbox(mailbox)).some((m) => m.subject === subject), {
    timeoutMs: 20_000,
    intervalMs: 200,
    what: `"${subject}" in ${mailbox.address}'s INBOX`,
  });
}

interface AuditEvent {
  action: string;
  target: string;
  domain: string;
  actor: { type: string };
  after: { percent: number; quotaBytes: number } | null;
}

async function quotaEvents(address: string): Promise<AuditEvent[]> {
  const response = await (
    await api()
  ).get(`/api/v1/audit-events?action=mailbox.quota-warning&target=${encodeURIComponent(address)}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as { items: AuditEvent[] }).items;
}

describe.skipIf(inject('mail') === undefined)('quota warnings', () => {
  it('a delivery that crosses 80 %, then 95 %, brings the user a warning each, audited and on the near-quota list', async () => {
    const mailbox = await newMailbox({ quotaBytes: 1000 * KIB });

    // Half full: no warning.
    await delivered(mailbox, unique('half-'), 500 * KIB);
    expect(await warnings(mailbox)).toEqual([]);
    expect(await quotaEvents(mailbox.address)).toEqual([]);

    // Past 80 %: Dovecot runs the script, Yubin records it and answers the message.
    await delivered(mailbox, unique('past-80-'), 320 * KIB);
    const [first] = await waitForWarnings(mailbox, 1);
    expect(first).toMatchObject({
      subject: 'Your mailbox is 80% full',
      from: `postmaster@${mailbox.domain}`,
    });
    // Yubin's text (the script's own fallback does not know the quota).
    expect(first!.text).toContain(`Your mailbox ${mailbox.address} has used 80% of its 1000 KB.`);
    expect(first!.text).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    const events = await quotaEvents(mailbox.address);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'mailbox.quota-warning',
      target: mailbox.address,
      domain: mailbox.domain,
      actor: { type: 'system' },
      after: { percent: 80, quotaBytes: 1000 * KIB },
    });

    // The dashboard's "near quota" list (the fullest mailboxes from 80 %).
    await eventually(
      async () => {
        const response = await (
          await api()
        ).get(`/api/v1/mailboxes?minUsedRatio=0.8&sort=-usedRatio&limit=100`);
        const items = (response.body as { items: { address: string }[] }).items;
        return items.some((item) => item.address === mailbox.address);
      },
      { timeoutMs: 20_000, intervalMs: 200, what: `${mailbox.address} near quota` },
    );

    // Past 95 %: a second warning, delivered though the mailbox is nearly full.
    await delivered(mailbox, unique('past-95-'), 140 * KIB);
    const both = await waitForWarnings(mailbox, 2);
    expect(both.map((m) => m.subject)).toEqual([
      'Your mailbox is 80% full',
      'Your mailbox is 95% full',
    ]);
    expect((await quotaEvents(mailbox.address)).map((e) => e.after?.percent).sort()).toEqual([
      80, 95,
    ]);
  });
});
