import { expect, test, watchForErrors } from './support/fixtures.js';

test.describe('aliases tab', () => {
  test('a domain without a catch-all loads with no failed request or console error, and the catch-all dialog says what it turns on', async ({
    signedInPage: page,
    api,
  }) => {
    const domain = await api.createDomain();
    await api.createAlias(domain.name, 'sales', [`someone@elsewhere.example`]);
    const failures = watchForErrors(page);

    await page.goto(`/domains/${domain.name}/aliases`);
    await expect(page.getByText(`sales@${domain.name}`).first()).toBeVisible();
    await expect(page.getByTestId('set-catch-all')).toBeVisible();
    expect(failures).toEqual([]);

    await page.getByTestId('set-catch-all').click();
    const save = page.getByTestId('save-alias');
    await expect(save).toHaveText('Turn on catch-all');
    await page.getByTestId('alias-destinations').fill('catcher@elsewhere.example');
    await save.click();
    await expect(page.getByText('catcher@elsewhere.example')).toBeVisible();
    expect(failures).toEqual([]);
  });
});
