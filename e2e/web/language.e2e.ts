import { expect, test } from './support/fixtures.js';

test.describe('Japanese', () => {
  test('switching to Japanese translates the mailbox list and is remembered', async ({
    signedInPage: page,
    api,
  }) => {
    const domain = await api.createDomain();
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
