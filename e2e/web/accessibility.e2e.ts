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
  signInSteps,
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

// axe-core is injected into the page, which the UI's Trusted Types policy would refuse;
// these contexts bypass CSP (the journey test checks CSP on its own).
test.use({ bypassCSP: true });

test.describe('accessibility: no serious or critical axe violations', () => {
  test('on the sign-in page', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'login-light');
  });

  test('icon buttons keep a name matching their visible content while the icon font loads', async ({
    page,
  }) => {
    // Before the icon font arrives, a ligature such as "visibility" is plain visible text
    // that does not match the button's label "Show password". Icons draw their ligature
    // from an attribute (never a text node), so no font timing can expose it.
    await page.route('**/*.woff2', (route) => route.abort());
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Show password' })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const main of MAIN_PAGES) {
      test(`on ${main.name}, ${scheme} theme`, async ({ signedInPage: page, showcase }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await main.open(page, showcase);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshot(page, `${main.name}-${scheme}`);
      });
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`on a mailbox user's own pages, ${scheme} theme`, async ({ page, api }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await signInAs(page.request, await seedMailboxUser(api));
      const failures: string[] = [];
      for (const own of mailboxUserPages()) {
        await own.open(page);
        failures.push(...(await seriousA11yViolations(page)).map((v) => `${own.name}: ${v}`));
        await screenshot(page, `${own.name}-${scheme}`);
      }
      expect(failures).toEqual([]);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`on the required sign-in steps, ${scheme} theme`, async ({ page, api }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const failures: string[] = [];
      for (const step of signInSteps(api)) {
        await step.open(page);
        failures.push(...(await seriousA11yViolations(page)).map((v) => `${step.name}: ${v}`));
        await screenshot(page, `${step.name}-${scheme}`);
      }
      expect(failures).toEqual([]);
    });
  }

  test('keyboard: the skip link and the main navigation are reachable and visibly focused', async ({
    signedInPage: page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
    const outline = await page
      .getByRole('link', { name: 'Skip to main content' })
      .evaluate((element) => {
        (element as HTMLElement).focus();
        return getComputedStyle(element).outlineStyle;
      });
    expect(outline).not.toBe('none');
  });
});

test.describe('Japanese screenshots', () => {
  test.use({ locale: 'ja-JP' });

  for (const main of MAIN_PAGES) {
    test(`${main.name} in Japanese`, async ({ signedInPage: page, showcase }) => {
      await main.open(page, showcase);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await screenshot(page, `${main.name}-ja`);
    });
  }

  test('the required sign-in steps in Japanese', async ({ page, api }) => {
    for (const step of signInSteps(api)) {
      await step.open(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await screenshot(page, `${step.name}-ja`);
    }
  });

  test("a mailbox user's own pages in Japanese", async ({ page, api }) => {
    await signInAs(page.request, await seedMailboxUser(api));
    for (const own of mailboxUserPages()) {
      await own.open(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await screenshot(page, `${own.name}-ja`);
    }
  });
});
