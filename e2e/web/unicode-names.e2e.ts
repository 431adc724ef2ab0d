import { expect, test, unique } from './support/fixtures.js';

test.describe('internationalised domain names', () => {
  test('the audit log and the dashboard name an IDN domain in Unicode, the punycode as its tooltip', async ({
    signedInPage: page,
    api,
  }) => {
    const unicodeName = `${unique('例え')}.test`;
    const domain = await api.createDomain({ name: unicodeName, maxMailboxes: 1 });
    expect(domain.name).toMatch(/^xn--/);
    const mailbox = await api.createMailbox(domain.name, { localPart: 'alice' });
    expect(mailbox.address).toBe(`alice@${domain.name}`);

    await page.goto('/audit');
    const targets = page.getByTestId('audit-target');
    await expect(targets.filter({ hasText: `alice@${unicodeName}` })).toHaveAttribute(
      'title',
      `alice@${domain.name}`,
    );
    await expect(targets.filter({ hasText: new RegExp(`^\\s*${unicodeName}\\s*$`) })).toHaveCount(
      1,
    );
    await expect(page.getByTestId('audit-events')).not.toContainText('xn--');

    await page.goto('/');
    const recent = page.getByTestId('recent-target');
    await expect(recent.filter({ hasText: `alice@${unicodeName}` })).toHaveAttribute(
      'title',
      `alice@${domain.name}`,
    );
    // One mailbox of one allowed: near its limits, named in Unicode.
    const nearLimits = page.locator('section[aria-labelledby="near-limits"]');
    await expect(nearLimits.getByRole('link', { name: unicodeName })).toHaveAttribute(
      'title',
      domain.name,
    );
    // Not yet verified: the setup checklist names it in Unicode too.
    await expect(page.getByTestId(`dns-setup-${domain.name}`)).toContainText(unicodeName);
    await expect(page.locator('main')).not.toContainText('xn--');
  });
});
