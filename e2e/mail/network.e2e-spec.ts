import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { eventually, stack, submit } from './support/clients.js';
import { newMailbox, unique } from './support/api.js';

const run = promisify(execFile);
// With the filter's daemons: Rspamd resolves only through the suite's Knot, on loopback.
const DAEMONS =
  /"(master|smtpd|smtp|lmtp|proxymap|qmgr|pickup|cleanup|dovecot|imap|pop3|auth|dict|imap-login|pop3-login|anvil|rspamd|knotd|clamd|redis-server)"/;

function loopback(endpoint: string): boolean {
  return (
    /^(127\.\d+\.\d+\.\d+|\[?::1\]?|\*|0\.0\.0\.0|\[::\]):/.test(endpoint) ||
    endpoint.startsWith('[::ffff:127.')
  );
}

describe.skipIf(inject('mail') === undefined)('nothing leaves loopback', () => {
  it('relays outbound mail to the loopback sink only, and the daemons hold only loopback sockets', async () => {
    const sender = await newMailbox();
    await submit({
      user: sender.address,
      password: sender.password,
      from: sender.address,
      to: `${unique('friend')}@outside.example`,
      subject: unique('outbound-'),
    });
    const sink = `127.0.0.1[127.0.0.1]:${stack().ports.sink}`;
    await eventually(
      async () => (await readFile(stack().postfixLog, 'utf8')).includes(`relay=${sink}`),
      {
        timeoutMs: 15_000,
        intervalMs: 200,
        what: 'outbound mail relayed to the sink',
      },
    );
    const log = await readFile(stack().postfixLog, 'utf8');
    const relays = [...log.matchAll(/relay=([^,\s]+)/g)].map((m) => m[1] as string);
    expect(relays.length).toBeGreaterThan(0);
    for (const relay of relays) {
      expect(relay).toMatch(/^(none|127\.0\.0\.1\[127\.0\.0\.1\]:\d+)$/);
    }

    const { stdout } = await run('ss', ['-tunpaH']);
    const sockets = stdout.split('\n').filter((line) => DAEMONS.test(line));
    expect(sockets.length).toBeGreaterThan(0);
    for (const line of sockets) {
      const [, , , , local, peer] = line.trim().split(/\s+/);
      expect([line, loopback(local ?? ''), loopback(peer ?? '')]).toEqual([line, true, true]);
    }
  });
});
