import { generate } from 'otplib';
import { expect, expectSeparateBoxes, signInAs, test, unique } from './support/fixtures.js';

/** The code an authenticator app shows, `stepOffset` 30-second steps from now. */
function totp(secret: string, stepOffset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepOffset });
}

test.describe('a user told to change their password and turn on two-factor', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('signs in with the temporary password, chooses their own, enrols TOTP, signs in again with a code and makes an app password', async ({
    page,
    api,
    securityViolations,
  }) => {
    // Journey 1 left them a mailbox with a temporary password, in a domain that requires
    // two-step sign-in from the first sign-in on.
    const { name: domain } = await api.createDomain({
      twoFactorPolicy: 'required',
      twoFactorGraceDays: 0,
    });
    const created = await api.createMailbox(domain, {
      localPart: 'hanako.suzuki',
      displayName: 'Hanako Suzuki',
    });
    const temporaryPassword = (created as unknown as { temporaryPassword: string })
      .temporaryPassword;
    expect(temporaryPassword).toMatch(/\S{12,}/);
    const chosen = `Quiet-harbour-${unique('p').slice(-5)}-lanterns`;

    // 1. Password step; the session may only change the password now.
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Email address').fill(created.address);
    await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByRole('heading', { name: 'Choose a new password', level: 1 }),
    ).toBeVisible();
    await expect(page.getByTestId('forced-change-intro')).toContainText(created.address);
    // The temporary password was just typed: it is not asked for again.
    await expect(page.getByTestId('new-password')).toBeVisible();
    await expect(page.getByLabel('Temporary password')).toBeHidden();

    // A deep link elsewhere comes back to this step; after the reload the page no longer
    // knows the temporary password, so it asks for it.
    await page.goto('/account/sessions');
    await expect(
      page.getByRole('heading', { name: 'Choose a new password', level: 1 }),
    ).toBeVisible();

    // 2. The live meter follows the API's policy; the API's refusals land on their field.
    await page.getByLabel('Temporary password').fill('not-the-temporary-one');
    await page.getByTestId('new-password').fill('hanako');
    await expect(page.getByTestId('password-strength')).toContainText(
      'Use at least 12 characters.',
    );
    await page.getByTestId('new-password').fill(chosen);
    await expect(page.getByTestId('password-strength')).toContainText('Meets the policy');
    await page.getByLabel('New password again').fill(chosen);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('That password is not right.')).toBeVisible();
    await page.getByLabel('Temporary password').fill(temporaryPassword);
    await page.getByRole('button', { name: 'Change password' }).click();

    // 3. The domain requires 2FA: enrolment comes next, with the key as text too.
    await expect(
      page.getByRole('heading', { name: 'Turn on two-step sign-in', level: 1 }),
    ).toBeVisible();
    await expect(page.getByTestId('totp-qr')).toBeVisible();
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(
      /\s+/g,
      '',
    );
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByText('That code is not right.').first()).toBeVisible();
    await page.getByLabel('Code from the app').fill(await totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();

    // 4. Recovery codes, shown once, copied and downloaded before going on.
    const codes = page.getByTestId('recovery-codes').getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expectSeparateBoxes(codes);
    const recoveryCode = ((await codes.first().textContent()) ?? '').trim();
    expect(recoveryCode).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await page.getByRole('button', { name: 'Copy codes' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(recoveryCode);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download (.txt)' }).click();
    expect((await download).suggestedFilename()).toBe(
      `yubin-recovery-codes-${created.address}.txt`,
    );
    await page.getByLabel('I have saved my recovery codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // 5. Then on to where the deep link was going, in My account, with no admin navigation.
    await expect(page).toHaveURL(/\/account\/sessions$/);
    await expect(page.getByRole('heading', { name: 'My account', level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: 'Password and sign-in' }).click();
    await expect(page.getByTestId('two-factor-state')).toContainText('On since');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveCount(1);
    await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();

    // 6. Sign out, sign in again: password, then a code (the next step's: the one used
    // to enrol cannot be replayed).
    await page.getByTestId('account-menu').click();
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Email address').fill(created.address);
    await page.getByLabel('Password', { exact: true }).fill(chosen);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
    await page.getByLabel('Code').fill('123456');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('login-error')).toContainText('That code is not right.');
    await expect(page.getByTestId('attempts-left')).toContainText('4 tries left');
    await page.getByLabel('Code').fill(await totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    // A mailbox user's home is their own account.
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { name: 'My account', level: 1 })).toBeVisible();

    // 7. Mail apps: the settings to type in, and an app password shown once.
    await page.getByRole('tab', { name: 'Mail apps' }).click();
    await expect(page.getByText('An app password, not your account password')).toBeVisible();
    await expect(page.getByRole('cell', { name: '993' })).toBeVisible();
    await page.getByRole('button', { name: 'New app password' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Thunderbird on the laptop');
    await page.getByTestId('app-password-pop3').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Create app password' }).click();
    const fresh = page.getByTestId('app-password-created');
    await expect(fresh).toContainText('App password for “Thunderbird on the laptop”');
    await expect(fresh.getByTestId('secret')).toHaveText(/^[a-z]{4}(-[a-z]{4}){3}$/);
    await expect(fresh).toContainText(`use ${created.address} as the user name`);
    const row = page.getByTestId('app-password-table').getByRole('row', { name: /Thunderbird/ });
    await expect(row).toContainText('IMAP, POP3, SMTP');
    await expect(row).toContainText('Never');

    // And the sessions list knows this browser.
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await expect(page.getByTestId('session-list')).toContainText('This device');

    expect(securityViolations).toEqual([]);
  });

  test('turns two-step sign-in on from My account, makes new recovery codes and turns it off again', async ({
    page,
    api,
  }) => {
    const { name: domain } = await api.createDomain({ twoFactorPolicy: 'optional' });
    const password = `Orchard-lantern-${unique('p').slice(-5)}-drizzle`;
    const mailbox = await api.createMailbox(domain, { localPart: 'jiro', password });
    await signInAs(page.request, { email: mailbox.address, password });

    await page.goto('/account');
    await expect(page.getByTestId('two-factor-state')).toContainText('Off');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(
      /\s+/g,
      '',
    );
    // Cancelling leaves it off; starting again makes a new key.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('two-factor-state')).toContainText('Off');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    const fresh = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(fresh).not.toBe(secret);
    await page.getByLabel('Code from the app').fill(await totp(fresh));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByLabel('I have saved my recovery codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('two-factor-state')).toContainText('On since');
    await expect(page.getByText('10 recovery codes left.')).toBeVisible();

    // On a phone too, each code stands alone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'New recovery codes' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'New recovery codes' }).click();
    await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
    await expectSeparateBoxes(page.getByTestId('recovery-codes').getByRole('listitem'));
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'Done' }).click();

    // A wrong password is refused on its field, and does not end the session.
    await page.getByRole('button', { name: 'Turn off' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('With my password').click();
    await dialog.getByLabel('Password', { exact: true }).fill('not-my-password');
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await expect(dialog.getByText('That password is not right.')).toBeVisible();
    await dialog.getByLabel('Password', { exact: true }).fill(password);
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('two-factor-state')).toContainText('Off');
    await expect(page).toHaveURL(/\/account$/);
  });
});
