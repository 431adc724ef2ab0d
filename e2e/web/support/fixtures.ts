import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  test as base,
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';

export { expect };

export const ADMIN = {
  email: process.env['E2E_ADMIN_EMAIL'] ?? 'admin@yubin.test',
  password: process.env['E2E_ADMIN_PASSWORD'] ?? 'e2e-admin-passphrase-Kq7',
};

let counter = 0;
/** Names no other test (or earlier run) uses: tests never depend on each other's data. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export interface SeedApi {
  request: APIRequestContext;
  createDomain(overrides?: Record<string, unknown>): Promise<{ name: string }>;
  createMailbox(
    domain: string,
    overrides?: Record<string, unknown>,
  ): Promise<{ address: string; localPart: string }>;
  createAlias(
    domain: string,
    localPart: string,
    destinations: string[],
  ): Promise<{ address: string }>;
  /** Any other write as the superadmin, expecting success. */
  post<T = any>(path: string, data?: unknown): Promise<T>;
  patch<T = any>(path: string, data: unknown): Promise<T>;
}

/** Signs a request context in as the bootstrap superadmin, the way a browser does. */
function signIn(request: APIRequestContext): Promise<string> {
  return signInAs(request, ADMIN);
}

/**
 * Signs a request context (a page's `page.request` shares the browser's cookies) in with
 * these credentials; returns the XSRF token for writes.
 */
export async function signInAs(
  request: APIRequestContext,
  credentials: { email: string; password: string },
): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: credentials });
  expect(response.status(), await response.text()).toBe(200);
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN');
  if (cookie === undefined) throw new Error('no XSRF-TOKEN cookie after sign-in');
  return cookie.value;
}

/** Signs the request context in as the superadmin and writes through it. */
export async function seedApi(request: APIRequestContext): Promise<SeedApi> {
  const xsrf = await signIn(request);
  const post = async <T>(path: string, data?: unknown): Promise<T> => {
    const response = await request.post(path, { data, headers: { 'x-xsrf-token': xsrf } });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  };
  const patch = async <T>(path: string, data: unknown): Promise<T> => {
    const response = await request.patch(path, { data, headers: { 'x-xsrf-token': xsrf } });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  return {
    request,
    createDomain: (overrides = {}) =>
      post('/api/v1/domains', { name: `${unique('d')}.example`, ...overrides }),
    createMailbox: (domain, overrides = {}) =>
      post(`/api/v1/domains/${domain}/mailboxes`, { localPart: unique('user'), ...overrides }),
    createAlias: (domain, localPart, destinations) =>
      post(`/api/v1/domains/${domain}/aliases`, { localPart, destinations }),
    post,
    patch,
  };
}

/**
 * Console errors and error responses from now on, as a live list: a page in normal use
 * provokes none (a 404 the page expects still prints an error in the console).
 */
export function watchForErrors(page: Page): string[] {
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  return failures;
}

interface Fixtures {
  /** Creates test data through the API (never through the UI under test). */
  api: SeedApi;
  /** A page whose browser context is already signed in. */
  signedInPage: Page;
  /** Content-Security-Policy and Trusted Types violations seen by the page. */
  securityViolations: string[];
}

export const test = base.extend<Fixtures>({
  // On a failure, the browser's side of the story goes into the CI log: console errors,
  // uncaught exceptions, failed requests and error responses, and what the page shows.
  page: async ({ page }, use, testInfo) => {
    const events: string[] = [];
    const started = Date.now();
    const at = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        events.push(`${at()} console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => events.push(`${at()} uncaught: ${error.message}`));
    page.on('requestfailed', (request) =>
      events.push(
        `${at()} failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`,
      ),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) {
        events.push(
          `${at()} ${response.status()}: ${response.request().method()} ${response.url()}`,
        );
      }
    });
    await use(page);
    if (testInfo.status === testInfo.expectedStatus) return;
    const shown = await page
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch((error: unknown) => `(page text unavailable: ${String(error)})`);
    const report = [
      `url: ${page.url()}`,
      'browser events:',
      ...(events.length > 0 ? events : ['(none)']),
      'page text:',
      shown.slice(0, 2_000),
    ].join('\n');
    console.log(`--- ${testInfo.title} ---\n${report}`);
    await testInfo.attach('browser-events', { body: report, contentType: 'text/plain' });
  },

  securityViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|Trusted Type|Refused to/i.test(text)) violations.push(text);
    });
    await use(violations);
  },

  api: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL });
    await use(await seedApi(request));
    await request.dispose();
  },

  signedInPage: async ({ page }, use) => {
    await signIn(page.request);
    await use(page);
  },
});

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; returns the serious and critical violations, readably. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: unknown[]; passes: unknown[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return {
      violations: result.violations,
      passes: result.passes.length,
    };
  });
  // axe really ran its rules on this page (a check that cannot silently pass on nothing).
  expect(passes).toBeGreaterThan(10);
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/**
 * Each element stands alone on screen: no two boxes overlap, and nothing of an item (its
 * list number, a long word) is drawn outside its box.
 */
export async function expectSeparateBoxes(items: Locator): Promise<void> {
  const boxes = await items.evaluateAll((elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // A list marker drawn outside the item hangs into whatever is to its left.
      const markerOutside =
        style.display === 'list-item' &&
        style.listStyleType !== 'none' &&
        style.listStylePosition === 'outside';
      return {
        text: element.textContent,
        left: rect.left,
        right: rect.right,
        top: rect.top,
        bottom: rect.bottom,
        spills: element.scrollWidth > element.clientWidth || markerOutside,
      };
    }),
  );
  expect(boxes.length).toBeGreaterThan(1);
  for (const box of boxes) expect(box.spills, `${box.text} spills out of its box`).toBe(false);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `${a.text} overlaps ${b.text}`).toBe(true);
    }
  }
}
