import {
  expect,
  seriousA11yViolations,
  signInAs,
  test,
  unique,
  type SeedApi,
} from './support/fixtures.js';

const PASSWORD = 'Harbour-lanterns-glow-at-dusk-7';

/** A staff member of one domain, made through the API. */
async function staff(
  api: SeedApi,
  role: 'domain-admin' | 'helpdesk',
  domain: string,
): Promise<{ email: string; password: string }> {
  const email = `${unique(role)}@staff.example`;
  await api.post('/api/v1/admins', { email, role, domains: [domain], password: PASSWORD });
  return { email, password: PASSWORD };
}

test.describe('Something’s wrong?', () => {
  test('a domain admin sees a switched-off mailbox’s problems in plain words and fixes them from the list', async ({
    page,
    api,
    securityViolations,
  }) => {
    const { name: domain } = await api.createDomain();
    const mailbox = await api.createMailbox(domain, { active: false, imapEnabled: false });
    await signInAs(page.request, await staff(api, 'domain-admin', domain));

    await page.goto(`/domains/${domain}/mailboxes/${mailbox.localPart}`);
    const card = page.getByTestId('mailbox-diagnostics');
    const check = (code: string) => card.locator(`li[data-code="${code}"]`);
    // The checks run as the page opens.
    await expect(check('mailbox-inactive')).toHaveClass(/status-fail/);
    await expect(check('mailbox-inactive')).toContainText(
      'The mailbox is switched off: it receives no mail and nobody can sign in to it.',
    );
    await expect(check('imap-disabled')).not.toHaveClass(/status-ok/);
    await expect(check('imap-disabled')).toContainText('IMAP');
    await expect(card.getByTestId('diagnostics-summary')).toContainText('1 problem');

    await check('imap-disabled').getByRole('button', { name: 'Turn on IMAP' }).click();
    await expect(check('imap-disabled')).toHaveClass(/status-ok/);
    await expect(card.getByText('Done. Checked again.')).toBeVisible();

    await check('mailbox-inactive').getByRole('button', { name: 'Turn the mailbox on' }).click();
    await expect(check('mailbox-inactive')).toHaveClass(/status-ok/);
    await expect(check('mailbox-inactive')).toHaveText(/The mailbox is active\./);
    await expect(card.getByTestId('diagnostics-summary')).not.toContainText('1 problem');

    // The fixes really changed the mailbox, not just the list.
    const stored = await api.request.get(`/api/v1/mailboxes/${mailbox.address}`);
    expect(await stored.json()).toMatchObject({ active: true, imapEnabled: true });
    expect(securityViolations).toEqual([]);
  });

  test('the helpdesk gets advice where it may not fix, resets the password and prints the handover sheet', async ({
    page,
    api,
  }) => {
    const { name: domain } = await api.createDomain({
      mailHostname: `mail.${unique('h')}.example`,
    });
    const mailbox = await api.createMailbox(domain, { imapEnabled: false });
    await signInAs(page.request, await staff(api, 'helpdesk', domain));

    await page.goto(`/domains/${domain}/mailboxes/${mailbox.localPart}`);
    const card = page.getByTestId('mailbox-diagnostics');
    const imap = card.locator('li[data-code="imap-disabled"]');
    // Turning IMAP on takes mailboxes:write: the helpdesk sees the finding, but no button.
    await expect(imap).toContainText('IMAP is switched off for this mailbox');
    await expect(imap.getByRole('button')).toHaveCount(0);

    await page.getByTestId('reset-password').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('confirm-reset').click();
    const password = (await dialog.getByTestId('secret').textContent())?.trim() ?? '';
    expect(password).toMatch(/\S{12,}/);
    await dialog.getByTestId('print-handover').click();

    const sheet = page.getByTestId('handover-sheet');
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId('handover-address')).toHaveText(mailbox.address);
    await expect(sheet.getByTestId('handover-password')).toHaveText(password);
    await expect(sheet.getByTestId('handover-autoconfig')).toContainText(
      `emailaddress=${encodeURIComponent(mailbox.address)}`,
    );
    await expect(sheet.getByRole('table').first()).toContainText('993');
    await expect(sheet).toContainText('587');
    await expect(sheet).toContainText('most internet providers block it');
    // This Yubin has no OUTBOUND_SMTP_URL: the sheet offers no "Send to…".
    await expect(page.getByTestId('handover-send')).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // On paper: only the sheet, without its buttons, the page or the dialog beneath.
    await page.emulateMedia({ media: 'print' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId('handover-password')).toBeVisible();
    expect(await sheet.getByRole('button', { includeHidden: true }).count()).toBeGreaterThan(0);
    await expect(sheet.getByRole('button')).toHaveCount(0);
    await expect(page.getByTestId('handover-print-now')).toBeHidden();
    await expect(page.getByTestId('secret')).toBeHidden();
    await expect(card).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('handover-print-now')).toBeVisible();
  });

  test('a user sees their own checks in My account and runs them again after a fix', async ({
    page,
    api,
  }) => {
    const { name: domain } = await api.createDomain();
    const mailbox = await api.createMailbox(domain, {
      password: PASSWORD,
      pop3Enabled: false,
    });
    await signInAs(page.request, { email: mailbox.address, password: PASSWORD });

    await page.goto('/account/troubleshooting');
    await expect(page.getByRole('heading', { name: 'Something’s wrong?' })).toBeVisible();
    const pop3 = page.locator('li[data-code="pop3-disabled"]');
    await expect(pop3).not.toHaveClass(/status-ok/);
    await expect(pop3).toContainText('POP3');
    // Only an administrator can switch POP3 on: the user is told whom to ask.
    await expect(pop3.locator('[data-action="contact-admin"]')).toBeVisible();
    await expect(page.locator('li[data-code="mailbox-inactive"]')).toHaveClass(/status-ok/);

    await api.patch(`/api/v1/mailboxes/${mailbox.address}`, { pop3Enabled: true });
    await page.getByTestId('rerun').click();
    await expect(pop3).toHaveClass(/status-ok/);
  });
});
