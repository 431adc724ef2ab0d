import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ImapFlow } from 'imapflow';
import { format, resolveConfig } from 'prettier';
import { inject } from 'vitest';
import { freePort } from '../../apps/api/test/support/free-port.js';
import { api, expectStatus, newMailbox, unique, type TestMailbox } from './support/api.js';
import { eventually, stack, withImap } from './support/clients.js';
import { run } from './support/daemons.js';
import { plainMessage, sendRaw } from './support/spam.js';
import { summary } from './support/bench-stats.js';

/**
 * `npm run bench -- --spam-delivery` (runs this file in the mail suite's stack):
 *
 * - SMTP-to-IMAP delivery time, with and without Rspamd in the path, in the same run:
 *   Postfix's port 25 (Rspamd's milter, then LMTP, Sieve) against a second smtpd of the
 *   same Postfix with no milter, alternately, one message at a time, from the connect to
 *   the moment an IMAP session sees the message in INBOX (STATUS every 10 ms);
 * - the time a sender rule written through the API takes to be enforced: from the API's
 *   answer to the first whole SMTP transaction refused (and, removed, accepted again).
 *
 * Writes bench/results-spam-delivery.md.
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const RULE_SAMPLES = Number(process.env.BENCH_RULE_SAMPLES ?? 5);
const OUT = resolve(import.meta.dirname, '../../bench/results-spam-delivery.md');

/** A second smtpd on the first Postfix, with no milter: the same queue, LMTP and Dovecot. */
async function smtpdWithoutRspamd(): Promise<number> {
  const config = join(dirname(stack().postfixLog), 'etc');
  const port = await freePort();
  await run('postconf', [
    '-c',
    config,
    '-M',
    `127.0.0.1:${port}/inet=127.0.0.1:${port} inet n - y - - smtpd -o smtpd_milters=`,
  ]);
  await run('postfix', ['-c', config, 'reload']);
  await eventually(
    () =>
      new Promise<boolean>((accepted) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          accepted(true);
        });
        socket.once('error', () => accepted(false));
      }),
    { timeoutMs: 30_000, intervalMs: 200, what: 'the smtpd without Rspamd' },
  );
  return port;
}

async function inboxCount(client: ImapFlow): Promise<number> {
  const status = await client.status('INBOX', { messages: true });
  return status === false ? 0 : (status.messages ?? 0);
}

async function deliveryTimes(mailbox: TestMailbox, smtpPort: number | undefined, count: number) {
  const times: number[] = [];
  await withImap(mailbox.address, mailbox.password, async (client) => {
    for (let i = 0; i < count; i += 1) {
      const before = await inboxCount(client);
      const subject = unique('bench-');
      const started = performance.now();
      const reply = await sendRaw(
        mailbox.address,
        plainMessage(mailbox.address, subject, 'Lunch on Friday? The table is booked for one.'),
        'sender@outside.example',
        smtpPort,
      );
      expect(reply.code).toBe(250);
      for (;;) {
        if ((await inboxCount(client)) > before) break;
        if (performance.now() - started > 30_000)
          throw new Error(`${subject} not delivered in 30 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      times.push(performance.now() - started);
    }
  });
  return times;
}

async function enforcementTimes(count: number) {
  const block: number[] = [];
  const lift: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const mailbox = await newMailbox();
    const sender = `${unique('pest')}@outside.example`;
    const outcome = async () =>
      (
        await sendRaw(
          mailbox.address,
          plainMessage(mailbox.address, unique('probe-'), 'Are you there?', '', sender),
          sender,
        )
      ).code;
    expect(await outcome()).toBe(250);
    const path = `/api/v1/mailboxes/${mailbox.address}/sender-rules`;
    const rule = await expectStatus<{ id: string }>(
      (await api()).post(path, { body: { kind: 'block', match: { sender } } }),
      201,
    );
    block.push(
      await eventually(async () => (await outcome()) === 554, {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: 'the block to be enforced',
      }),
    );
    await expectStatus((await api()).delete(`${path}/${rule.id}`), 204);
    lift.push(
      await eventually(async () => (await outcome()) === 250, {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: 'the removal to be enforced',
      }),
    );
  }
  return { block, lift };
}

const ms = (value: number) => `${Math.round(value)} ms`;

describe.skipIf(inject('mail') === undefined)('spam delivery benchmark', () => {
  it(
    'measures delivery with and without Rspamd, and rule enforcement',
    { timeout: 900_000 },
    async () => {
      const withoutPort = await smtpdWithoutRspamd();
      const mailbox = await newMailbox();
      // Warm-up: the first deliveries start Dovecot's and Rspamd's processes.
      await deliveryTimes(mailbox, undefined, 3);
      await deliveryTimes(mailbox, withoutPort, 3);
      const withRspamd: number[] = [];
      const withoutRspamd: number[] = [];
      // Alternating batches, so both see the same load on a shared machine.
      for (let batch = 0; batch < 4; batch += 1) {
        withRspamd.push(...(await deliveryTimes(mailbox, undefined, SAMPLES / 4)));
        withoutRspamd.push(...(await deliveryTimes(mailbox, withoutPort, SAMPLES / 4)));
      }
      const rules = await enforcementTimes(RULE_SAMPLES);

      const a = summary(withRspamd);
      const b = summary(withoutRspamd);
      const block = summary(rules.block);
      const lift = summary(rules.lift);
      const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
      const report = `# Spam filtering: delivery time and rule enforcement

Generated by \`npm run bench -- --spam-delivery\` (e2e/mail/spam-delivery.mail-bench.ts) on
${new Date().toISOString().slice(0, 10)}, in the mail suite's stack (real Postfix, Rspamd
3.4 with ClamAV, Redis and the suite's Knot, Dovecot with Sieve; Yubin in-process), on
${cpus().length} CPUs shared with other work (load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end): absolute figures are noisy, the ratio is the result.

## SMTP to IMAP

One message at a time to one mailbox, from the SMTP connect to an IMAP session seeing it
in INBOX. "Without Rspamd" is a second smtpd of the same Postfix with
\`smtpd_milters\` empty (same queue, LMTP, Dovecot and Sieve), alternated with port 25 in
batches of ${SAMPLES / 4}.

| Path | Messages | Median | p95 | Max |
| ---- | -------: | -----: | --: | --: |
| With Rspamd (milter: scan, ClamAV, Yubin's maps) | ${a.n} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.max)} |
| Without Rspamd (baseline) | ${b.n} | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.max)} |
| Ratio | | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} | |

## A rule change through the API, enforced

From the API's answer to a mailbox-level sender block (or its removal) to the first whole
SMTP transaction from that sender refused (accepted again), probing every 50 ms. Rspamd
polls Yubin's maps (\`map_watch_interval = 2s\`, with Rspamd's own jitter); nothing is
reloaded.

| Change | Samples | Median | p95 | Max |
| ------ | ------: | -----: | --: | --: |
| Block added | ${block.n} | ${ms(block.p50)} | ${ms(block.p95)} | ${ms(block.max)} |
| Block removed | ${lift.n} | ${ms(lift.p50)} | ${ms(lift.p95)} | ${ms(lift.max)} |
`;
      // Formatted as the repository's Prettier would, so the committed file stays as written.
      await writeFile(OUT, await format(report, { ...(await resolveConfig(OUT)), filepath: OUT }));
      process.stdout.write(report);
    },
  );
});
