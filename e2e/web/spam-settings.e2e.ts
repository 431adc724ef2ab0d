import type { Page } from '@playwright/test';
import { expect, signInAs, test, unique, type SeedApi } from './support/fixtures.js';

test.describe('spam settings in My account', () => {
  async function signedInUser(
    page: Page,
    api: SeedApi,
  ): Promise<{ domain: string; address: string }> {
    const { name: domain } = await api.createDomain();
    const password = `Orchard-lantern-${unique('p').slice(-5)}-drizzle`;
    const mailbox = await api.createMailbox(domain, { localPart: 'hanako', password });
    await signInAs(page.request, { email: mailbox.address, password });
    return { domain, address: mailbox.address };
  }

  test('a user tightens their own thresholds, within what the domain allows', async ({
    page,
    api,
  }) => {
    await signedInUser(page, api);
    await page.goto('/account');
    await page.getByTestId('tab-spam').click();
    await expect(page).toHaveURL(/\/account\/spam$/);
    const words = page.getByTestId('spam-policy-words');
    await expect(words).toContainText('From score 6: moved to the “Junk” folder.');

    // Out of order against the inherited header score (5): refused on the field.
    await page.getByTestId('spam-junkScore').fill('4');
    await expect(words).toContainText('From score 4: moved to the “Junk” folder.');
    await page.getByTestId('spam-policy-save').click();
    await expect(page.getByText('Keep the order: spam header ≤ Junk ≤ refused.')).toBeVisible();
    await page.getByTestId('spam-addHeaderScore').fill('3');
    await page.getByTestId('spam-policy-save').click();
    await expect(page.getByRole('status')).toContainText('Saved.');
    // Above the domain's: refused.
    await page.getByTestId('spam-rejectScore').fill('20');
    await page.getByTestId('spam-policy-save').click();
    await expect(
      page.getByText('Higher than your domain allows; lower is stricter.'),
    ).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('spam-junkScore')).toHaveValue('4');
    await expect(page.getByTestId('spam-rejectScore')).toHaveValue('');
  });

  test('a user blocks a sender and always allows a domain, seeing the domain’s own rules', async ({
    page,
    api,
  }) => {
    const { domain } = await signedInUser(page, api);
    await api.post(`/api/v1/domains/${domain}/sender-rules`, {
      kind: 'block',
      match: { senderDomain: 'spam.example' },
    });
    await page.goto('/account/spam');

    // The domain's rule shows, marked as the domain's, and cannot be removed here.
    const blocked = page.getByTestId('blocked-senders-list');
    await expect(blocked).toContainText('spam.example');
    await expect(blocked.getByTestId('blocked-senders-rule')).toContainText('From the domain');
    await expect(blocked.getByTestId('blocked-senders-remove')).toHaveCount(0);
    await page.getByTestId('blocked-senders-value').fill('Pest@Example.ORG');
    await page.getByTestId('blocked-senders-add').click();
    const own = blocked.getByTestId('blocked-senders-rule').filter({ hasText: 'pest@example.org' });
    await expect(own).toContainText('Set here');
    // The same sender again is refused on the field.
    await page.getByTestId('blocked-senders-value').fill('pest@example.org');
    await page.getByTestId('blocked-senders-add').click();
    await expect(page.getByText('This list already has a rule for that sender.')).toBeVisible();

    // Always allow a whole domain.
    await page.getByTestId('allowed-senders-type').click();
    await page.getByRole('option', { name: 'Sender domain' }).click();
    await page.getByTestId('allowed-senders-value').fill('Partner.Example');
    await page.getByTestId('allowed-senders-add').click();
    await expect(page.getByTestId('allowed-senders-list')).toContainText('partner.example');
    await expect(blocked).not.toContainText('partner.example');

    // Removing asks first, then the rule is gone.
    await own.getByTestId('blocked-senders-remove').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect(blocked).not.toContainText('pest@example.org');
    await expect(blocked).toContainText('spam.example');
    const list = await page.request.get('/api/v1/me/sender-rules?limit=200');
    expect(
      ((await list.json()) as { items: { match: object }[] }).items.map((r) => r.match),
    ).toEqual([{ senderDomain: 'partner.example' }]);
  });

  test('an admin sets the domain’s policy and rules, and the mailbox page shows what it inherits', async ({
    signedInPage: page,
    api,
  }) => {
    const { name: domain } = await api.createDomain();
    const mailbox = await api.createMailbox(domain);
    await page.goto(`/domains/${domain}`);
    await page.getByTestId('tab-spam').click();
    await expect(page).toHaveURL(new RegExp(`/domains/${domain}/spam$`));
    await page.getByTestId('spam-junkScore').fill('8');
    await page.getByTestId('spam-policy-save').click();
    await expect(page.getByRole('status')).toContainText('Saved.');
    await page.getByTestId('domain-sender-rules-kind').click();
    await page.getByRole('option', { name: 'Always allow' }).click();
    await page.getByTestId('domain-sender-rules-value').fill('billing@supplier.example');
    await page.getByTestId('domain-sender-rules-add').click();
    await expect(page.getByTestId('domain-sender-rules-list')).toContainText(
      'billing@supplier.example',
    );

    await page.goto(`/domains/${domain}/mailboxes/${mailbox.localPart}`);
    await expect(page.getByTestId('spam-policy-words')).toContainText(
      'From score 8: moved to the “Junk” folder.',
    );
    await expect(page.getByText('Empty: 8, inherited.')).toBeVisible();
    const inherited = page.getByTestId('mailbox-sender-rules-rule');
    await expect(inherited).toContainText('billing@supplier.example');
    await expect(inherited).toContainText('From the domain');
    await expect(page.getByTestId('mailbox-sender-rules-remove')).toHaveCount(0);
  });
});
