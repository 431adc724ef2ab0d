import { expect, signInAs, test, unique } from './support/fixtures.js';

const PASSWORD = 'Harbour-lanterns-glow-at-dusk-7';

test.describe('Japanese', () => {
  test('switching to Japanese translates the mailbox list and is remembered, on another browser too', async ({
    page,
    api,
    browser,
    baseURL,
  }) => {
    const domain = await api.createDomain();
    // An admin of this test's own: the choice is kept with the account.
    const admin = { email: `${unique('admin')}@staff.example`, password: PASSWORD };
    await api.post('/api/v1/admins', { ...admin, role: 'domain-admin', domains: [domain.name] });
    await signInAs(page.request, admin);
    await api.createMailbox(domain.name, {
      localPart: 'tanaka',
      displayName: '田中 花子',
      quotaBytes: 0,
    });
    await api.createMailbox(domain.name, { localPart: 'yamada', quotaBytes: 2 * 1024 ** 3 });
    await page.goto(`/domains/${domain.name}/mailboxes`);
    await expect(page.getByRole('columnheader', { name: 'Address' })).toBeVisible();

    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '日本語' }).click();

    await expect(page.getByRole('columnheader', { name: 'アドレス' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '容量' })).toBeVisible();
    await expect(page.getByLabel('メールボックスを検索')).toBeVisible();
    await expect(page.getByRole('link', { name: '新しいメールボックス' })).toBeVisible();
    await expect(page.getByText('田中 花子')).toBeVisible();
    await expect(page.getByText('0 バイト（上限なし）')).toBeVisible();
    await expect(page.getByText('0 バイト / 2 GB')).toBeVisible();
    await expect(page.getByRole('cell', { name: /^\d{4}\/\d{2}\/\d{2}$/ })).toHaveCount(2);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page).toHaveTitle(/メールボックス/);

    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'アドレス' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'ダッシュボード' })).toBeVisible();

    // A browser that never chose (English, nothing stored) follows the account once signed in.
    const elsewhere = await browser.newContext({ baseURL, locale: 'en-US' });
    try {
      const other = await elsewhere.newPage();
      await other.goto('/login');
      await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await signInAs(other.request, admin);
      await other.goto(`/domains/${domain.name}/mailboxes`);
      await expect(other.getByRole('columnheader', { name: 'アドレス' })).toBeVisible();
      await expect(other.locator('html')).toHaveAttribute('lang', 'ja');
    } finally {
      await elsewhere.close();
    }
  });

  test.describe('a browser set to Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('gets Japanese on the first visit', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
      await expect(page.getByLabel('メールアドレス')).toBeVisible();
    });
  });
});
