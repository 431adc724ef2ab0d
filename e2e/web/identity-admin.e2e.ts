import { expect, signInAs, test, unique } from './support/fixtures.js';

test.describe('admins and roles', () => {
  test('a superadmin gives a helpdesk role to a new address, changes it and removes it', async ({
    signedInPage: page,
    api,
  }) => {
    const first = await api.createDomain();
    const second = await api.createDomain();
    const email = `${unique('helpdesk')}@staff.example`;

    await page.goto('/admins');
    await page.getByRole('link', { name: 'Give a role' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByTestId('role-helpdesk').click();
    await expect(page.getByText('resets passwords and two-step sign-in')).toBeVisible();
    // Helpdesk needs a domain: refused before anything is sent.
    await page.getByRole('button', { name: 'Give role' }).click();
    await expect(page.getByText('Required.')).toBeVisible();
    await page.getByTestId('admin-domains').fill(first.name.slice(0, 12));
    await page.getByRole('option', { name: first.name }).click();
    await page.getByRole('button', { name: 'Give role' }).click();

    const done = page.getByTestId('admin-created');
    await expect(done).toContainText(`${email} is now Helpdesk.`);
    await expect(done).toContainText('No mailbox has this address');
    await expect(done.getByTestId('secret')).toHaveText(/\S{12,}/);

    await done.getByRole('link', { name: 'Open' }).click();
    await expect(page.getByRole('heading', { name: email, level: 1 })).toBeVisible();
    await expect(page.getByTestId('admin-kind')).toContainText('A separate admin account');
    await page.getByTestId('role-domain-admin').click();
    await expect(page.getByRole('row', { name: first.name })).toBeVisible();
    await page.getByTestId('admin-domains').fill(second.name);
    await page.getByRole('option', { name: second.name }).click();
    await page.getByRole('button', { name: `Remove ${first.name}` }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await expect(page.getByText('Domain admin', { exact: true }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('row', { name: second.name })).toBeVisible();
    await expect(page.getByRole('row', { name: first.name })).toHaveCount(0);

    await page.getByRole('button', { name: 'Reset password' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Make a temporary password' })
      .click();
    await expect(page.getByTestId('secret')).toHaveText(/\S{12,}/);

    await page.getByRole('button', { name: 'Remove role' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove role' }).click();
    await expect(page).toHaveURL(/\/admins$/);
    await page.getByLabel('Search by address').fill(email);
    await expect(page.getByText('No admin starts with that')).toBeVisible();
  });

  test('a domain admin is offered only the roles and domains they may give', async ({
    page,
    api,
  }) => {
    const mine = await api.createDomain();
    const admin = {
      email: `${unique('da')}@staff.example`,
      password: `Copper-kettle-${unique('k').slice(-5)}-meadow`,
    };
    await api.post('/api/v1/admins', {
      email: admin.email,
      role: 'domain-admin',
      domains: [mine.name],
      password: admin.password,
    });
    await signInAs(page.request, admin);
    await page.goto('/admins/new');
    await expect(page.getByTestId('role-superadmin')).toHaveCount(0);
    await expect(page.getByTestId('role-domain-admin')).toBeVisible();
    await page.getByTestId('role-helpdesk').click();
    await page.getByTestId('admin-domains').click();
    await expect(page.getByRole('option')).toHaveText([mine.name]);
    await page.getByTestId('admin-domains').fill('zz');
    await expect(page.getByRole('option')).toHaveCount(0);
  });
});

test.describe('helpdesk on the phone', () => {
  test('unlocks a locked mailbox, resets its 2FA and issues an app password', async ({
    signedInPage: page,
    api,
    playwright,
    baseURL,
  }) => {
    const { name: domain } = await api.createDomain();
    const password = `Harbour-lantern-${unique('x').slice(-5)}-quiet`;
    const mailbox = await api.createMailbox(domain, { localPart: 'taro', password });

    // The user turns on 2FA, then mistypes their password until sign-in locks.
    const user = await playwright.request.newContext({ baseURL });
    const xsrf = await signInAs(user, { email: mailbox.address, password });
    const begin = await user.post('/api/v1/me/2fa/totp', { headers: { 'x-xsrf-token': xsrf } });
    const { secret } = (await begin.json()) as { secret: string };
    const { generate } = await import('otplib');
    const confirm = await user.post('/api/v1/me/2fa/totp/confirm', {
      headers: { 'x-xsrf-token': xsrf },
      data: { code: await generate({ secret }) },
    });
    expect(confirm.status()).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++) {
      await user.post('/api/v1/auth/login', {
        data: { email: mailbox.address, password: 'wrong-password' },
      });
    }
    await user.dispose();

    await page.goto(`/domains/${domain}/mailboxes/${mailbox.localPart}`);
    await expect(page.getByText('2FA on')).toBeVisible();
    await expect(page.getByText(/Locked until /)).toBeVisible();
    await expect(page.getByTestId('mailbox-lock')).toContainText('Sign-in is locked until');

    await page.getByTestId('unlock-mailbox').click();
    await expect(page.getByText(`${mailbox.address} can sign in again.`)).toBeVisible();
    await expect(page.getByTestId('mailbox-lock')).toHaveText('Sign-in is not locked');

    await page.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Make sure you know who you are talking to.');
    await dialog.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await expect(page.getByTestId('mailbox-two-factor')).toHaveText('Two-step sign-in is off');
    await expect(page.getByText('2FA on')).toHaveCount(0);

    await page.getByRole('button', { name: 'New app password' }).click();
    await page.getByTestId('app-password-name').fill('Front desk PC');
    await page.getByRole('button', { name: 'Create app password' }).click();
    await expect(page.getByTestId('app-password-created').getByTestId('secret')).toBeVisible();
    const row = page.getByTestId('app-password-table').getByRole('row', { name: /Front desk PC/ });
    await expect(row).toContainText('Issued by an admin');
    await row.getByRole('button', { name: 'Revoke Front desk PC' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByText('No app passwords')).toBeVisible();
  });
});
