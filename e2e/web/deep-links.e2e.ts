import { expect, test, unique } from './support/fixtures.js';

test.describe('deep links', () => {
  test('a mailbox in a domain that does not exist shows not found', async ({
    signedInPage: page,
  }) => {
    await page.goto(`/domains/${unique('missing')}.example/mailboxes/alice`);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByText('outside the domains you manage')).toBeVisible();
  });

  test('a mailbox that does not exist in a real domain shows not found', async ({
    signedInPage: page,
    api,
  }) => {
    const domain = await api.createDomain();
    await page.goto(`/domains/${domain.name}/mailboxes/${unique('nobody')}`);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });

  test('a deep link to a real mailbox opens it, also after a reload', async ({
    signedInPage: page,
    api,
  }) => {
    const domain = await api.createDomain();
    const mailbox = await api.createMailbox(domain.name, { displayName: 'Deep Link' });
    await page.goto(`/domains/${domain.name}/mailboxes/${mailbox.localPart}`);
    await expect(page.getByTestId('mailbox-address')).toHaveText(mailbox.address);
    await page.reload();
    await expect(page.getByTestId('mailbox-address')).toHaveText(mailbox.address);
  });

  test('an unknown page shows not found inside the app', async ({ signedInPage: page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  test('a domain admin sees only their domain, and not found for a mailbox outside it', async ({
    page,
    api,
  }) => {
    const mine = await api.createDomain();
    const other = await api.createDomain();
    await api.createMailbox(mine.name, { localPart: 'mine' });
    const outside = await api.createMailbox(other.name, { localPart: 'outside' });
    const admin = {
      email: `${unique('domain-admin')}@admins.example`,
      password: `Copper-kettle-${unique('k').slice(-5)}-meadow`,
    };
    await api.post('/api/v1/admins', {
      email: admin.email,
      role: 'domain-admin',
      domains: [mine.name],
      password: admin.password,
    });

    await page.goto('/login');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();

    await page.goto('/domains');
    const table = page.getByRole('table');
    await expect(table.getByRole('link', { name: mine.name, exact: true })).toBeVisible();
    await expect(table.getByText(other.name)).toHaveCount(0);
    await expect(page.getByTestId('new-domain')).toHaveCount(0);

    await page.goto(`/domains/${other.name}/mailboxes/${outside.localPart}`);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByText(outside.address)).toHaveCount(0);

    // Their own domain: policies yes, limits read-only, no delete.
    await page.goto(`/domains/${mine.name}`);
    await expect(page.getByTestId('limits-superadmin-only')).toBeVisible();
    await expect(page.getByLabel('Most mailboxes')).toBeDisabled();
    await expect(page.getByTestId('delete-domain')).toHaveCount(0);
    await page.getByTestId('two-factor-required').click();
    await page.getByTestId('save-policy').click();
    await expect(page.getByText('Saved.')).toBeVisible();
  });
});
