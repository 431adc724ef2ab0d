import { generate } from 'otplib';
import { inject } from 'vitest';
import { ApiClient } from '../../apps/api/test/support/api-client.js';
import { imapLoginWorks, pop3Session, stack, submit } from './support/clients.js';
import { api, expectStatus, newMailbox, sql, type TestMailbox } from './support/api.js';

interface AppPassword {
  id: string;
  password: string;
}

/** Turns on TOTP as the user would: enrol, then confirm a code from the "app". */
async function enableTotp(user: ApiClient): Promise<void> {
  const { secret } = await expectStatus<{ secret: string }>(user.post('/api/v1/me/2fa/totp'), 200);
  const code = await generate({ secret });
  await expectStatus(user.post('/api/v1/me/2fa/totp/confirm', { body: { code } }), 200);
}

async function appPassword(
  user: ApiClient,
  protocols: string[],
  name = `app ${protocols.join('+')}`,
): Promise<AppPassword> {
  return expectStatus<AppPassword>(
    user.post('/api/v1/me/app-passwords', { body: { name, protocols } }),
    201,
  );
}

async function smtpAuthWorks(mailbox: TestMailbox, password: string): Promise<boolean> {
  try {
    await submit({
      user: mailbox.address,
      password,
      from: mailbox.address,
      to: mailbox.address,
      subject: 'auth check',
    });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(inject('mail') === undefined)(
  'two-factor authentication on the mail protocols',
  () => {
    it('accepts the main password and app passwords while TOTP is off', async () => {
      const mailbox = await newMailbox();
      const user = await ApiClient.login(stack().apiBaseUrl, mailbox.address, mailbox.password);
      const imap = await appPassword(user, ['imap']);
      expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(true);
      expect(await imapLoginWorks(mailbox.address, imap.password)).toBe(true);
      // An app password works only for the protocols it lists.
      expect((await pop3Session(mailbox.address, imap.password)).ok).toBe(false);
    });

    it('with TOTP on, refuses the main password and accepts only app passwords, per protocol', async () => {
      const mailbox = await newMailbox();
      const user = await ApiClient.login(stack().apiBaseUrl, mailbox.address, mailbox.password);
      const imapOnly = await appPassword(user, ['imap']);
      const sending = await appPassword(user, ['smtp', 'pop3']);
      await enableTotp(user);

      expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(false);
      expect((await pop3Session(mailbox.address, mailbox.password)).ok).toBe(false);
      expect(await smtpAuthWorks(mailbox, mailbox.password)).toBe(false);

      expect(await imapLoginWorks(mailbox.address, imapOnly.password)).toBe(true);
      expect(await smtpAuthWorks(mailbox, imapOnly.password)).toBe(false);
      expect((await pop3Session(mailbox.address, imapOnly.password)).ok).toBe(false);

      expect(await smtpAuthWorks(mailbox, sending.password)).toBe(true);
      expect((await pop3Session(mailbox.address, sending.password)).ok).toBe(true);
      expect(await imapLoginWorks(mailbox.address, sending.password)).toBe(false);
    });

    it('refuses an app password once it is deleted or expired, at once', async () => {
      const mailbox = await newMailbox();
      const user = await ApiClient.login(stack().apiBaseUrl, mailbox.address, mailbox.password);
      const deleted = await appPassword(user, ['imap']);
      const expiring = await appPassword(user, ['imap']);
      await enableTotp(user);
      expect(await imapLoginWorks(mailbox.address, deleted.password)).toBe(true);
      expect(await imapLoginWorks(mailbox.address, expiring.password)).toBe(true);

      await expectStatus(user.delete(`/api/v1/me/app-passwords/${deleted.id}`), 204);
      expect(await imapLoginWorks(mailbox.address, deleted.password)).toBe(false);

      // Time passes: the API cannot make an already-expired password, so the clock is
      // moved for this one row instead.
      await sql().query(
        `UPDATE app_password SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expiring.id],
      );
      expect(await imapLoginWorks(mailbox.address, expiring.password)).toBe(false);
    });

    it('lets the main password back in after an admin resets the 2FA', async () => {
      const mailbox = await newMailbox();
      const user = await ApiClient.login(stack().apiBaseUrl, mailbox.address, mailbox.password);
      await enableTotp(user);
      expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(false);
      await expectStatus((await api()).post(`/api/v1/mailboxes/${mailbox.address}/2fa-reset`), 204);
      expect(await imapLoginWorks(mailbox.address, mailbox.password)).toBe(true);
    });

    it('keeps protocol switches above app passwords: imapEnabled=false refuses them too', async () => {
      const mailbox = await newMailbox();
      const user = await ApiClient.login(stack().apiBaseUrl, mailbox.address, mailbox.password);
      const imap = await appPassword(user, ['imap']);
      await expectStatus(
        (await api()).patch(`/api/v1/mailboxes/${mailbox.address}`, {
          body: { imapEnabled: false },
        }),
        200,
      );
      expect(await imapLoginWorks(mailbox.address, imap.password)).toBe(false);
    });
  },
);
