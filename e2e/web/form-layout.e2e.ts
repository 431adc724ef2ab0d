import { expect, test } from './support/fixtures.js';

test.describe('form layout', () => {
  for (const language of ['en', 'ja'] as const) {
    test(`New domain shows every label whole at 1366 px (${language})`, async ({
      signedInPage: page,
    }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.addInitScript(
        (chosen) => localStorage.setItem('yubin.language', chosen),
        language,
      );
      await page.goto('/domains/new');
      await expect(page.getByTestId('domain-name')).toBeVisible();
      const labels = page.locator('form mat-label');
      expect(await labels.count()).toBeGreaterThan(5);
      const cut = await labels.evaluateAll((elements) =>
        elements
          .filter((element) => {
            // Material's floating label clips its text with an ellipsis on this element.
            const box = element.closest('label') ?? element;
            return box.scrollWidth > box.clientWidth + 1;
          })
          .map((element) => element.textContent.trim()),
      );
      expect(cut).toEqual([]);
    });
  }
});
