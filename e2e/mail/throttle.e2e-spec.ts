import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { inject } from 'vitest';
import { ApiClient } from '../../apps/api/test/support/api-client.js';
import { imapLoginWorks, stack } from './support/clients.js';
import { api, expectStatus, newMailbox, strongPassword, unique } from './support/api.js';

/**
 * SMTP AUTH on submission, as a mail app checks its settings: STARTTLS, AUTH, QUIT.
 * Postfix asks Dovecot's auth socket, so Yubin's throttle decides here too.
 */
async function smtpAuth(user: string, password: string): Promise<'accepted' | number> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack().ports.submission,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user, pass: password },
    name: 'laptop.yubin.test',
  });
  try {
    await transport.verify();
    return 'accepted';
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    if (code === undefined) throw error;
    return code;
  } finally {
    transport.close();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5)?.toFixed(0)} ms, p90 ${at(0.9)?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (n=${sorted.length})`;
}

/** Logs in `rounds` times over IMAP and over SMTP AUTH; every login must be accepted. */
async function correctLogins(
  user: string,
  password: string,
  rounds: number,
): Promise<{ imap: number[]; smtp: number[] }> {
  const imap: number[] = [];
  const smtp: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const viaImap = await timed(() => imapLoginWorks(user, password));
    expect(viaImap.result).toBe(true);
    imap.push(viaImap.ms);
    const viaSmtp = await timed(() => smtpAuth(user, password));
    expect(viaSmtp.result).toBe('accepted');
    smtp.push(viaSmtp.ms);
  }
  return { imap, smtp };
}

describe.skipIf(inject('mail') === undefined)('mail logins under the sign-in throttle', () => {
  it('five wrong IMAP passwords lock the account for IMAP and SMTP AUTH; the API shows the lock and helpdesk lifts it', async () => {
    const victim = await newMailbox();
    expect(await imapLoginWorks(victim.address, victim.password)).toBe(true);
    for (let i = 0; i < 5; i++) {
      expect(await imapLoginWorks(victim.address, `wrong-${i}-${strongPassword()}`)).toBe(false);
    }

    // The right password is refused now, over both protocols (535, not a temporary 454).
    expect(await imapLoginWorks(victim.address, victim.password)).toBe(false);
    expect(await smtpAuth(victim.address, victim.password)).toBe(535);
    const admin = await api();
    const locked = await expectStatus<{ lockedUntil: string | null }>(
      admin.get(`/api/v1/mailboxes/${victim.address}`),
      200,
    );
    expect(Date.parse(locked.lockedUntil ?? '')).toBeGreaterThan(Date.now());

    const helpdeskEmail = `${unique('helpdesk')}@staff.yubin.test`;
    const helpdeskPassword = strongPassword();
    await expectStatus(
      admin.post('/api/v1/admins', {
        body: {
          email: helpdeskEmail,
          role: 'helpdesk',
          domains: [victim.domain],
          password: helpdeskPassword,
        },
      }),
      201,
    );
    const helpdesk = await ApiClient.login(stack().apiBaseUrl, helpdeskEmail, helpdeskPassword);
    await expectStatus(helpdesk.post(`/api/v1/mailboxes/${victim.address}/unlock`), 204);

    const shown = await expectStatus<{ lockedUntil: string | null }>(
      admin.get(`/api/v1/mailboxes/${victim.address}`),
      200,
    );
    expect(shown.lockedUntil).toBeNull();
    expect(await imapLoginWorks(victim.address, victim.password)).toBe(true);
    expect(await smtpAuth(victim.address, victim.password)).toBe('accepted');
  }, 180_000);

  it('accepts a correct password over IMAP and SMTP AUTH while another account is guessed from the same address', async () => {
    const [target, colleague, newcomer] = [
      await newMailbox(),
      await newMailbox(),
      await newMailbox(),
    ];
    const rounds = 10;
    const quiet = await correctLogins(colleague.address, colleague.password, rounds);

    // Four mail apps guessing the target's password at once, over IMAP and SMTP AUTH,
    // from 127.0.0.1 like every client here.
    let stopped = false;
    const guesses: boolean[] = [];
    const guessing = Array.from({ length: 4 }, async (_, lane) => {
      for (let i = 0; !stopped; i++) {
        const wrong = `guess-${lane}-${i}-${strongPassword()}`;
        guesses.push(
          lane % 2 === 0
            ? await imapLoginWorks(target.address, wrong)
            : (await smtpAuth(target.address, wrong)) === 'accepted',
        );
      }
    });
    let underAttack: { imap: number[]; smtp: number[] };
    try {
      // The target is locked within its first five guesses.
      while (guesses.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      underAttack = await correctLogins(colleague.address, colleague.password, rounds);
      // Someone logging in from the office for the first time gets in too.
      expect(await imapLoginWorks(newcomer.address, newcomer.password)).toBe(true);
      expect(await smtpAuth(newcomer.address, newcomer.password)).toBe('accepted');
    } finally {
      stopped = true;
      await Promise.all(guessing);
    }
    expect(guesses.length).toBeGreaterThanOrEqual(20);
    expect(guesses.filter(Boolean)).toEqual([]);
    // And the target's own right password waits for its lock to pass.
    expect(await imapLoginWorks(target.address, target.password)).toBe(false);

    console.log(
      [
        'Correct mail logins from 127.0.0.1 (connect, log in, log out):',
        `  quiet:        IMAP ${summary(quiet.imap)}; SMTP AUTH ${summary(quiet.smtp)}`,
        `  under attack: IMAP ${summary(underAttack.imap)}; SMTP AUTH ${summary(underAttack.smtp)}`,
        `  (${guesses.length} wrong guesses for another account meanwhile, 4 at a time)`,
      ].join('\n'),
    );
  }, 300_000);
});
