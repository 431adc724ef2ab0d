import { ADMIN, expect, test, unique } from './support/fixtures.js';

test.describe('an administrator sets up a new employee', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('signs in, creates a domain and a mailbox, resets its password and copies the temporary one', async ({
    page,
    securityViolations,
  }) => {
    const domain = `${unique('journey')}.example`;

    // A deep link while signed out goes to sign-in, then comes back.
    await page.goto('/domains');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fdomains/);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Domains', level: 1 })).toBeVisible();

    await page.getByRole('link', { name: 'New domain' }).first().click();
    await page.getByLabel('Domain name').fill(domain);
    await page.getByLabel('Most mailboxes').fill('50');
    await page.getByRole('button', { name: 'Create domain' }).click();
    await expect(page).toHaveURL(new RegExp(`/domains/${domain.replaceAll('.', '\\.')}$`));
    await expect(page.getByRole('heading', { name: domain, level: 1 })).toBeVisible();
    await expect(page.getByText('0 of 50')).toBeVisible();

    await page.getByRole('tab', { name: 'Mailboxes' }).click();
    await expect(page.getByText('No mailboxes in this domain yet')).toBeVisible();
    await page.getByRole('link', { name: 'New mailbox' }).first().click();
    await page.getByLabel('Address').fill('alice.tanaka');
    await page.getByLabel('Name', { exact: true }).fill('Alice Tanaka');
    // The live policy is the API's: a weak password is refused before sending.
    await page.getByLabel('Set a password now').check();
    await page.getByTestId('new-password').fill('alice2026');
    await expect(page.getByTestId('password-strength')).toContainText(
      'Use at least 12 characters.',
    );
    await page.getByLabel('Generate a temporary password').check();
    await page.getByRole('button', { name: 'Create mailbox' }).click();
    const created = page.getByTestId('mailbox-created');
    await expect(created).toContainText(`alice.tanaka@${domain} is ready.`);
    await expect(created.getByTestId('secret')).toHaveText(/\S{12,}/);

    await created.getByRole('link', { name: 'Open mailbox' }).click();
    await expect(page.getByTestId('mailbox-address')).toHaveText(`alice.tanaka@${domain}`);
    await expect(page.getByText('Must change password')).toBeVisible();

    await page.getByRole('button', { name: 'Reset password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset password' });
    await expect(dialog).toContainText(`new temporary password for alice.tanaka@${domain}`);
    await dialog.getByRole('button', { name: 'Make a temporary password' }).click();
    const secret = dialog.getByTestId('secret');
    await expect(secret).toHaveText(/\S{12,}/);
    await expect(dialog).toContainText(
      'The user must choose a new password the next time they sign in.',
    );
    await expect(dialog).toContainText('Shown only now.');
    const temporaryPassword = (await secret.textContent())?.trim() ?? '';

    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporaryPassword);

    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    // The reset is in the audit log, without the password.
    await page.goto('/audit');
    const event = page.getByTestId('audit-events').getByText('Password reset').first();
    await expect(event).toBeVisible();
    await expect(page.getByText(temporaryPassword)).toHaveCount(0);

    expect(securityViolations).toEqual([]);
  });
});
