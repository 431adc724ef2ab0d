import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { imapLoginWorks, pop3Session, stack, withImap } from './support/clients.js';
import { api, expectStatus, newMailbox, sql, strongPassword, unique } from './support/api.js';

const run = promisify(execFile);

async function storageQuota(address: string, password: string) {
  return withImap(address, password, (client) => client.getQuota('INBOX'));
}

describe.skipIf(inject('mail') === undefined)('passwords', () => {
  it('after a reset through the API the old password fails and the new one works at once', async () => {
    const mailbox = await newMailbox();
    const next = strongPassword();
    expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(true);
    await expectStatus(
      (await api()).post(`/api/v1/mailboxes/${mailbox.address}/password-reset`, {
        body: { password: next },
      }),
      200,
    );
    expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(false);
    expect(await imapLoginWorks(mailbox.address, next)).toBe(true);
    expect((await pop3Session(mailbox.address, next)).ok).toBe(true);
  });

  it('logs in with spaces and "=" in the password, which change nothing else', async () => {
    // Shaped like mailcow CVE-2023-34108: text that would set Dovecot fields if a
    // password ever reached Dovecot as anything but a hash.
    const password = `Plum orbit userdb_quota_rule=*:storage=1T nopassword=y allow_nets=0.0.0.0/0 =${strongPassword()}`;
    const quotaBytes = 50 * 1024 * 1024;
    const mailbox = await newMailbox({ password, quotaBytes });
    const other = await newMailbox({ domain: mailbox.domain, quotaBytes });
    expect(await imapLoginWorks(mailbox.address, password)).toBe(true);
    expect(await imapLoginWorks(mailbox.address, password.replace(' ', '  '))).toBe(false);
    expect((await pop3Session(mailbox.address, password)).ok).toBe(true);
    // The quota is still the one Yubin set, not the 1T in the text.
    const quota = await storageQuota(mailbox.address, password);
    expect(quota && quota.storage?.limit).toBe(quotaBytes);
    // And it opens no other account.
    expect(await imapLoginWorks(other.address, password)).toBe(false);
    expect(await imapLoginWorks(other.address, other.password)).toBe(true);
  });

  it('keeps tabs out: the API refuses them, and Dovecot refuses such a password outright', async () => {
    const mailbox = await newMailbox();
    const withTab = `Plum orbit\tuserdb_quota_rule=*:storage=1T ${strongPassword()}`;
    const refused = await (
      await api()
    ).post(`/api/v1/mailboxes/${mailbox.address}/password-reset`, {
      body: { password: withTab },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('containsControlCharacter');
    // Even a hash of it, put there behind the API's back, cannot be used to log in:
    // Dovecot's auth protocol is tab-separated and rejects the password before any lookup.
    const { stdout } = await run('doveadm', [
      '-c',
      stack().dovecotConfig,
      'pw',
      '-s',
      'SHA512-CRYPT',
      '-p',
      withTab,
    ]);
    await sql().query('UPDATE mailbox SET password_hash = $1 WHERE address = $2', [
      stdout.trim(),
      mailbox.address,
    ]);
    expect(await imapLoginWorks(mailbox.address, withTab)).toBe(false);
  });

  it.each(['SHA512-CRYPT', 'BLF-CRYPT'])(
    'logs in over IMAP with an imported {%s} hash',
    async (scheme) => {
      const imported = strongPassword();
      const { stdout } = await run('doveadm', [
        '-c',
        stack().dovecotConfig,
        'pw',
        '-s',
        scheme,
        '-p',
        imported,
      ]);
      const hash = stdout.trim();
      expect(hash.startsWith(`{${scheme}}`)).toBe(true);
      // Created through the API, as a migration from another panel would.
      const domain = (await newMailbox()).domain;
      const created = await expectStatus<{ address: string }>(
        (await api()).post(`/api/v1/domains/${domain}/mailboxes`, {
          body: { localPart: unique('imported'), passwordHash: hash },
        }),
        201,
      );
      expect(await imapLoginWorks(created.address, imported)).toBe(true);
      expect(await imapLoginWorks(created.address, `${imported}x`)).toBe(false);
    },
  );
});
