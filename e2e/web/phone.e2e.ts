import type { Page } from '@playwright/test';
import {
  expect,
  seedApi,
  seriousA11yViolations,
  signInAs,
  test as base,
} from './support/fixtures.js';
import {
  MAIN_PAGES,
  mailboxUserPages,
  screenshot,
  seedMailboxUser,
  seedShowcase,
  type Showcase,
} from './support/main-pages.js';

/** The main pages show one seeded domain per worker, not one per page. */
const test = base.extend<object, { showcase: Showcase }>({
  showcase: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({
        baseURL: workerInfo.project.use.baseURL,
      });
      await use(await seedShowcase(await seedApi(request)));
      await request.dispose();
    },
    { scope: 'worker' },
  ],
});

// A phone held upright (iPhone 12 to 15): every page fits its width.
test.use({ viewport: { width: 390, height: 844 }, bypassCSP: true });

/** What sticks out past the right edge of the viewport: the page would scroll sideways. */
async function overflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > innerWidth + 1;
      })
      .filter((element) => {
        // Only the outermost offender of each chain, named readably.
        const parent = element.parentElement;
        if (parent === null) return true;
        return parent.getBoundingClientRect().right <= innerWidth + 1;
      })
      .slice(0, 5)
      .map((element) => {
        const name = element.tagName.toLowerCase();
        const id =
          element.getAttribute('data-testid') ?? (element.getAttribute('class') ?? '').slice(0, 60);
        return `${name}.${id}: right ${Math.round(element.getBoundingClientRect().right)}`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide };
  });
}

async function expectFits(page: Page): Promise<void> {
  const result = await overflow(page);
  expect(result.scrollWidth, result.wide.join('\n')).toBeLessThanOrEqual(result.innerWidth);
  // Nor does a list scroll sideways inside the page: its rows become cards.
  const scrolling = await page
    .locator('.yb-table-wrap')
    .evaluateAll((wraps) =>
      wraps
        .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
        .map((wrap) => `${wrap.scrollWidth} > ${wrap.clientWidth}`),
    );
  expect(scrolling).toEqual([]);
}

/** How many lines each part of each address (before and from the `@`) takes. */
function addressLines(page: Page): Promise<{ text: string; lines: number }[]> {
  return page.locator('yb-address .part').evaluateAll((parts) =>
    parts.map((part) => {
      const range = document.createRange();
      range.selectNodeContents(part);
      const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      return { text: part.textContent, lines: tops.size };
    }),
  );
}

test.describe('phone viewport (390 × 844): no sideways scrolling, axe still clean', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const main of MAIN_PAGES) {
      test(`${main.name}, ${scheme} theme`, async ({ signedInPage: page, showcase }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await main.open(page, showcase);
        await expect(page.locator('h1').first()).toBeInViewport();
        await expectFits(page);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshot(page, `phone-${main.name}-${scheme}`);
      });
    }
  }

  test('the mailbox list shows each address whole, breaking only at the @, and every column', async ({
    signedInPage: page,
    showcase,
  }) => {
    const mailboxes = MAIN_PAGES.find((main) => main.name === 'mailboxes')!;
    await mailboxes.open(page, showcase);
    // Located by markup: the cards are rows of the table, whatever role a browser gives them.
    const row = page.locator('[data-testid="mailbox-table"] tbody tr', {
      hasText: 'alice.tanaka@',
    });
    const link = row.locator('a.address');
    await expect(link).toHaveText(`alice.tanaka@${showcase.domain}`);
    await expect(link).toBeInViewport({ ratio: 1 });
    // The created date, cut off at the right edge before, is on screen with its label.
    const created = row.locator('td[data-label="Created"]');
    await expect(created).toBeInViewport({ ratio: 1 });
    await expect(created).not.toBeEmpty();
    const lines = await addressLines(page);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines.filter((part) => part.lines !== 1)).toEqual([]);
  });

  test("a mailbox user's own pages", async ({ page, api }) => {
    await signInAs(page.request, await seedMailboxUser(api));
    for (const own of mailboxUserPages()) {
      await own.open(page);
      await expectFits(page);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `phone-${own.name}`);
    }
  });
});
