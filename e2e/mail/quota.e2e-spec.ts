import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { deliver, eventually, inboxSubjects, stack, waitForSubject } from './support/clients.js';
import { api, newDomain, newMailbox, unique, type TestMailbox } from './support/api.js';

const run = promisify(execFile);
const KIB = 1024;

/** A text body of about `bytes` bytes. */
function body(bytes: number): string {
  const line = 'The quick brown fox jumps over the lazy dog, again and again. 0123456789\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

async function usedBytes(path: string): Promise<number> {
  const response = await (await api()).get(path);
  return (response.body as { usedBytes: number }).usedBytes;
}

async function doveadm(...args: string[]): Promise<string[][]> {
  const { stdout } = await run('doveadm', ['-c', stack().dovecotConfig, '-f', 'tab', ...args]);
  return stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

/** What Dovecot counts against the quota: the virtual size of every message, in bytes. */
async function dovecotVsize(address: string): Promise<number> {
  const { stdout } = await run('doveadm', [
    '-c',
    stack().dovecotConfig,
    'mailbox',
    'status',
    '-u',
    address,
    'vsize',
    '*',
  ]);
  const sizes = [...stdout.matchAll(/vsize=(\d+)/g)].map((match) => Number(match[1]));
  if (sizes.length === 0) throw new Error(`no vsize in: ${stdout}`);
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** STORAGE usage as `doveadm quota get` reports it: kibibytes, rounded up. */
async function dovecotQuotaKib(address: string): Promise<number> {
  const rows = await doveadm('quota', 'get', '-u', address);
  const storage = rows.find((row) => row[1] === 'STORAGE');
  if (storage === undefined) throw new Error(`no STORAGE in ${JSON.stringify(rows)}`);
  return Number(storage[2]);
}

async function waitForUsage(mailbox: TestMailbox, atLeast: number): Promise<number> {
  await eventually(
    async () => (await usedBytes(`/api/v1/mailboxes/${mailbox.address}`)) >= atLeast,
    {
      timeoutMs: 20_000,
      intervalMs: 200,
      what: `usedBytes of ${mailbox.address} reaching ${atLeast}`,
    },
  );
  return usedBytes(`/api/v1/mailboxes/${mailbox.address}`);
}

const BOUNCE_SUBJECT = 'Undelivered Mail Returned to Sender';

/** Postfix's log line for a bounced delivery to `address`: Dovecot's LMTP answer. */
async function bounceReason(address: string): Promise<string | undefined> {
  const log = await readFile(stack().postfixLog, 'utf8');
  return log
    .split('\n')
    .find((line) => line.includes(`to=<${address}>`) && line.includes('status=bounced'));
}

describe.skipIf(inject('mail') === undefined)('quota', () => {
  it('shows Dovecot’s usage as usedBytes, and refuses delivery over quota with a bounce', async () => {
    const mailbox = await newMailbox({ quotaBytes: 200 * KIB });
    const sender = await newMailbox({ domain: mailbox.domain });
    const first = unique('fits-');
    await deliver({ to: mailbox.address, subject: first, text: body(20 * KIB) });
    await waitForSubject(mailbox.address, mailbox.password, first);

    const used = await waitForUsage(mailbox, 20 * KIB);
    expect(used).toBe(await dovecotVsize(mailbox.address));
    expect(Math.ceil(used / KIB)).toBe(await dovecotQuotaKib(mailbox.address));
    expect(await usedBytes(`/api/v1/domains/${mailbox.domain}`)).toBe(used);

    const tooBig = unique('too-big-');
    await deliver({
      from: sender.address,
      to: mailbox.address,
      subject: tooBig,
      text: body(300 * KIB),
    });
    await waitForSubject(sender.address, sender.password, BOUNCE_SUBJECT);
    expect(await bounceReason(mailbox.address)).toMatch(/said: 552 5\.2\.2 .*Quota exceeded/);
    expect(await inboxSubjects(mailbox.address, mailbox.password)).toEqual([first]);
    expect(await usedBytes(`/api/v1/mailboxes/${mailbox.address}`)).toBe(used);
  });

  it('enforces the domain’s shared pool on real usage across its mailboxes', async () => {
    const domain = await newDomain({ quotaBytes: 1024 * KIB });
    const big = await newMailbox({ domain, quotaBytes: 0 });
    const small = await newMailbox({ domain, quotaBytes: 0 });
    const sender = await newMailbox();
    const filler = unique('filler-');
    await deliver({ to: big.address, subject: filler, text: body(700 * KIB) });
    await waitForSubject(big.address, big.password, filler);
    const used = await waitForUsage(big, 700 * KIB);
    expect(await usedBytes(`/api/v1/domains/${domain}`)).toBe(used);

    // About 300 KiB of the pool is left: 500 KiB does not fit, 20 KiB does.
    const overPool = unique('over-pool-');
    await deliver({
      from: sender.address,
      to: small.address,
      subject: overPool,
      text: body(500 * KIB),
    });
    await waitForSubject(sender.address, sender.password, BOUNCE_SUBJECT);
    expect(await bounceReason(small.address)).toMatch(/said: 552 5\.2\.2 /);
    const fits = unique('fits-pool-');
    await deliver({ to: small.address, subject: fits, text: body(20 * KIB) });
    await waitForSubject(small.address, small.password, fits);
    expect(await inboxSubjects(small.address, small.password)).toEqual([fits]);
  });
});
