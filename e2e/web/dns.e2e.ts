import { readFile } from 'node:fs/promises';
import { expect, test, unique, watchForErrors } from './support/fixtures.js';
import { KNOT_UPDATE_KEY, knotPort, PUBLISH_ZONE } from './support/knot.mjs';

// The suite's server verifies through Knot on loopback (support/knot.mjs), authoritative
// for `example.` and empty: a domain's records read `missing` until a test publishes them.
test.describe('the DNS tab of a domain', () => {
  test('records with their why and state, copied, exported, verified; DKIM keys created and rotated', async ({
    signedInPage: page,
    api,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const { name: domain } = await api.createDomain();
    const failures = watchForErrors(page);
    await page.goto(`/domains/${domain}/dns`);

    // Each record with what it is for and its state: nothing checked yet.
    const mx = page.getByTestId(`dns-record-MX-${domain}.`);
    await expect(mx).toContainText('Tells other mail servers where to deliver mail');
    await expect(mx.getByTestId('dns-status-unverified')).toHaveText(/Not checked/);
    const spf = page.getByTestId(`dns-record-TXT-${domain}.`);
    await expect(spf.getByTestId('dns-record-value')).toContainText('v=spf1 mx');
    await expect(page.getByTestId('dns-summary')).toContainText('Not checked yet');
    // No key yet, so no DKIM record; nothing set up to publish to, and no error for it.
    await expect(page.getByText('No DKIM key yet')).toBeVisible();
    await expect(page.getByTestId('dns-publish-unset')).toBeVisible();
    expect(failures).toEqual([]);
    await expect(
      page.locator('[data-testid^="dns-record-TXT-"][data-testid*="._domainkey."]'),
    ).toHaveCount(0);

    // The copy button puts the record's value, exactly as shown, on the clipboard.
    const mxValue = (await mx.getByTestId('dns-record-value').textContent())?.trim() ?? '';
    expect(mxValue).toMatch(/^\d+ \S+\.$/);
    await mx.getByTestId('dns-copy-value').click();
    await expect(page.getByTestId('dns-message')).toHaveText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(mxValue);

    // The zone file downloads under the domain's name with the MX and SPF lines.
    const download = page.waitForEvent('download');
    await page.getByTestId('dns-zone-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${domain}.zone`);
    const zone = await readFile(await file.path(), 'utf8');
    const apex = domain.replace(/\./g, '\\.');
    expect(zone).toMatch(
      new RegExp(`^${apex}\\. +\\d+ IN MX +${mxValue.replace(/\./g, '\\.')}$`, 'm'),
    );
    expect(zone).toMatch(new RegExp(`^${apex}\\. +\\d+ IN TXT +"v=spf1 mx`, 'm'));

    // Verify: every record now has a state from DNS (Knot has none of them yet).
    const records = page.locator('li[data-testid^="dns-record-"]');
    const count = await records.count();
    expect(count).toBeGreaterThan(8);
    await page.getByTestId('dns-verify').click();
    await expect(page.getByTestId('dns-message')).toHaveText(
      `${count} records are missing or different in DNS.`,
    );
    await expect(page.getByTestId('dns-status-unverified')).toHaveCount(0);
    await expect(page.getByTestId('dns-status-missing')).toHaveCount(count);
    await expect(mx.getByTestId('dns-status-missing')).toHaveText(/Missing/);
    await expect(page.getByTestId('dns-summary')).toContainText(
      `0 of ${count} records as expected`,
    );

    // The first key signs at once; its record joins the records, not checked yet.
    const keys = page.getByTestId('dkim-keys-card');
    await keys.getByTestId('dkim-create').click();
    await keys.getByTestId('dkim-algorithm').click();
    await page.getByRole('option', { name: 'Ed25519' }).click();
    await keys.getByTestId('dkim-selector').fill('first');
    await keys.getByTestId('dkim-create-save').click();
    await expect(keys.getByTestId('dkim-message')).toContainText('Key first created');
    const first = keys.getByTestId('dkim-key-first');
    await expect(first.getByTestId('dkim-state-active')).toHaveText(/Signing/);
    await expect(first).toContainText('Ed25519');
    await expect(first.getByTestId('dkim-next')).toHaveText('Signs until the next rotation');
    const firstRecord = page.getByTestId(`dns-record-TXT-first._domainkey.${domain}.`);
    await expect(firstRecord.getByTestId('dns-status-unverified')).toBeVisible();
    await expect(firstRecord.getByTestId('dns-record-value')).toContainText('v=DKIM1; k=ed25519');

    // Its record is copied from the key's row too.
    await first.getByTestId('dkim-copy-value').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      (await firstRecord.getByTestId('dns-record-value').textContent())?.trim(),
    );

    // Rotating asks first, saying what happens; the new key waits for DNS, the old one signs on.
    await keys.getByTestId('dkim-rotate').click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('once verification sees it in DNS, the new key signs');
    await dialog.getByTestId('confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(keys.getByTestId('dkim-message')).toContainText('published');
    await expect(keys.locator('tbody tr')).toHaveCount(2);
    const waiting = keys.locator('tbody tr', { has: page.getByTestId('dkim-state-published') });
    await expect(waiting).toContainText('Published, waiting to be seen in DNS');
    await expect(waiting).toContainText('Ed25519');
    await expect(waiting.getByTestId('dkim-next')).toHaveText(
      'Signs once verification sees its record in DNS',
    );
    await expect(first.getByTestId('dkim-state-active')).toBeVisible();
    // Both keys' records are in the list while the new one waits.
    await expect(
      page.locator('[data-testid^="dns-record-TXT-"][data-testid*="._domainkey."]'),
    ).toHaveCount(2);

    // A second rotation while one waits is refused, in words.
    await keys.getByTestId('dkim-rotate').click();
    await page.getByRole('alertdialog').getByTestId('confirm').click();
    await expect(keys.getByTestId('dkim-error')).toContainText(
      'A new key is already waiting to be seen in DNS',
    );

    // Verification sees neither key's record (nothing is published): both missing; the new key waits on.
    await page.getByTestId('dns-verify').click();
    await expect(page.getByTestId('dns-status-missing')).toHaveCount(count + 2);
    await expect(waiting.getByTestId('dkim-state-published')).toBeVisible();
  });

  test('publishing to the domain’s DNS server by RFC 2136, then verifying, finds every record', async ({
    signedInPage: page,
    api,
  }) => {
    const { name: domain } = await api.createDomain({ name: `${unique('d')}.${PUBLISH_ZONE}` });
    await api.post(`/api/v1/domains/${domain}/dkim-keys`, { algorithm: 'ed25519' });
    await page.goto(`/domains/${domain}/dns`);
    await expect(page.getByTestId('dns-publish-unset')).toBeVisible();

    const form = page.getByTestId('dns-publishing-form');
    await form
      .getByTestId('dns-server')
      .fill(`127.0.0.1:${knotPort(process.env['E2E_WEB_PORT'] ?? '3217')}`);
    await form.getByTestId('dns-zone').fill(PUBLISH_ZONE);
    await form.getByTestId('dns-key-name').fill(KNOT_UPDATE_KEY.name);
    await form.getByTestId('dns-algorithm').click();
    await page.getByRole('option', { name: KNOT_UPDATE_KEY.algorithm }).click();
    await form.getByTestId('dns-secret').fill(KNOT_UPDATE_KEY.secret);
    await form.getByTestId('dns-publishing-save').click();
    await expect(form.getByTestId('dns-secret')).toHaveValue('');
    await expect(page.getByTestId('dns-publish-unset')).toHaveCount(0);

    const records = page.locator('li[data-testid^="dns-record-"]');
    const count = await records.count();
    await page.getByTestId('dns-publish').click();
    await expect(page.getByTestId('dns-message')).toContainText(
      `Published ${count} records to 127.0.0.1:`,
    );
    await page.getByTestId('dns-verify').click();
    await expect(page.getByTestId('dns-status-ok')).toHaveCount(count);
    await expect(page.getByTestId('dns-summary')).toContainText(
      `${count} of ${count} records as expected`,
    );
    // The secret is sealed: the page never has it back.
    await page.reload();
    await expect(page.getByTestId('dns-secret')).toHaveValue('');
    expect(await page.content()).not.toContain(KNOT_UPDATE_KEY.secret);
  });

  test('a rotation schedule and overlap are kept, and the signing key shows its next rotation', async ({
    signedInPage: page,
    api,
  }) => {
    const { name: domain } = await api.createDomain();
    await api.post(`/api/v1/domains/${domain}/dkim-keys`, {
      algorithm: 'ed25519',
      selector: 'sched',
    });
    const failures = watchForErrors(page);
    await page.goto(`/domains/${domain}/dns`);
    const keys = page.getByTestId('dkim-keys-card');
    const signing = keys.getByTestId('dkim-key-sched');
    await expect(signing.getByTestId('dkim-next')).toHaveText('Signs until the next rotation');

    const form = keys.getByTestId('dkim-schedule-form');
    await expect(form.getByTestId('dkim-schedule-overlap-hint')).toHaveText(
      /Empty: the default, \d+ days?\./,
    );
    await form.getByTestId('dkim-schedule-rotation').click();
    await page.getByRole('option', { name: 'Every 182 days (about 6 months)' }).click();
    await form.getByTestId('dkim-schedule-overlap').fill('3');
    await form.getByTestId('dkim-schedule-save').click();
    await expect(form.getByRole('status')).toHaveText('Schedule saved.');

    await page.reload();
    await expect(form.getByTestId('dkim-schedule-rotation')).toContainText(
      'Every 182 days (about 6 months)',
    );
    await expect(form.getByTestId('dkim-schedule-overlap')).toHaveValue('3');
    // A fresh page still names what emptying the field would give.
    await expect(form.getByTestId('dkim-schedule-overlap-hint')).toHaveText(
      /Empty: the default, \d+ days?\./,
    );
    await expect(signing.getByTestId('dkim-next')).toHaveText(
      /Next rotation [A-Z][a-z]{2} \d{1,2}, \d{4}/,
    );

    // The rotate dialog names the domain's own overlap.
    await keys.getByTestId('dkim-rotate').click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('stays published for 3 days after the switch');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(failures).toEqual([]);
  });

  test('a taken selector is refused next to its field', async ({ signedInPage: page, api }) => {
    const { name: domain } = await api.createDomain();
    await api.post(`/api/v1/domains/${domain}/dkim-keys`, {
      algorithm: 'rsa-2048',
      selector: 'mail',
    });
    await page.goto(`/domains/${domain}/dns`);
    const keys = page.getByTestId('dkim-keys-card');
    await expect(keys.getByTestId('dkim-key-mail')).toBeVisible();
    await keys.getByTestId('dkim-create').click();
    await keys.getByTestId('dkim-selector').fill('Mail');
    await keys.getByTestId('dkim-create-save').click();
    await expect(keys.getByTestId('dkim-create-form')).toContainText(
      'This domain already has a key with this selector.',
    );
    await keys.getByTestId('dkim-selector').fill('not a label');
    await keys.getByTestId('dkim-create-save').click();
    await expect(keys.getByTestId('dkim-create-form')).toContainText(
      'Use one label of lowercase letters, digits and hyphens',
    );
    await expect(keys.locator('tbody tr')).toHaveCount(1);
  });
});
