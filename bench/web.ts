import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';

/** Debian's Chromium; the benchmark never downloads a browser. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface WebBenchResult {
  domain: string;
  mailboxes: number;
  runs: number;
  /** First load in a new browser: nothing cached. */
  coldLoadMs: number;
  /** Loading the deep link again (scripts cached, app started from scratch). */
  loadMs: number[];
  /** Clicking the Mailboxes tab inside the running app. */
  navigationMs: number[];
  /** os.loadavg() when the runs ended: other work on the machine slows every figure. */
  loadAverage: number[];
}

const ROWS = '[data-testid="mailbox-table"] tbody tr';

interface BrowserGlobals {
  document: { querySelectorAll(selector: string): { length: number } };
}

/** Milliseconds since navigation start at the frame where the first page of rows shows. */
async function firstPageShownAt(page: Page, rows: number): Promise<number> {
  const handle = await page.waitForFunction(
    ({ selector, count }) =>
      // Runs in the page; the bench compiles without DOM types.
      (globalThis as unknown as BrowserGlobals).document.querySelectorAll(selector).length >= count
        ? performance.now()
        : false,
    { selector: ROWS, count: rows },
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Measures, in a real browser against the built UI served by Yubin, how long the mailbox
 * list of one large domain takes to show its first page (50 rows): as a deep link opened
 * in a fresh tab, and as a click inside the running app.
 */
export async function measureMailboxList(options: {
  origin: string;
  webRoot: string;
  email: string;
  password: string;
  domain: string;
  mailboxes: number;
  runs: number;
  executablePath?: string;
}): Promise<WebBenchResult> {
  if (!existsSync(`${options.webRoot}/index.html`)) {
    throw new Error(`The web UI is not built (${options.webRoot}); run npm run build first.`);
  }
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const login = await context.request.post(`${options.origin}/api/v1/auth/login`, {
      data: { email: options.email, password: options.password },
    });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    const url = `${options.origin}/domains/${options.domain}/mailboxes`;

    const cold = await context.newPage();
    await cold.goto(url);
    const coldLoadMs = await firstPageShownAt(cold, 50);
    await cold.close();

    const loadMs: number[] = [];
    const navigationMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const page = await context.newPage();
      await page.goto(url);
      loadMs.push(await firstPageShownAt(page, 50));
      // YUBIN_BENCH_TRACE=1 prints the first run's resource and long-frame timings.
      if (process.env['YUBIN_BENCH_TRACE'] === '1' && run === 0) {
        const entries = await page.evaluate(() =>
          performance.getEntries().map((e) => {
            const loaf = e as unknown as {
              renderStart?: number;
              styleAndLayoutStart?: number;
              blockingDuration?: number;
              scripts?: {
                sourceURL: string;
                duration: number;
                invoker: string;
                forcedStyleAndLayoutDuration: number;
              }[];
            };
            const extra =
              loaf.scripts === undefined
                ? ''
                : ` render@${loaf.renderStart?.toFixed(0)} style@${loaf.styleAndLayoutStart?.toFixed(0)} ` +
                  loaf.scripts
                    .map(
                      (x) =>
                        `[${x.invoker.slice(0, 40)} ${x.sourceURL.slice(-24)} ${x.duration.toFixed(0)}ms forced ${x.forcedStyleAndLayoutDuration.toFixed(0)}]`,
                    )
                    .join(' ');
            const timing =
              (e as unknown as { serverTiming?: { name: string; duration: number }[] })
                .serverTiming ?? [];
            const server =
              timing.length === 0
                ? ''
                : ` server ${timing.map((t) => `${t.name}=${t.duration}`).join(',')}`;
            return `${server}${e.startTime.toFixed(0).padStart(5)} ${(e.startTime + e.duration).toFixed(0).padStart(5)} ${e.entryType} ${e.name.slice(-60)}${extra}`;
          }),
        );
        process.stdout.write(`${entries.join('\n')}\n`);
      }

      await page.goto(`${options.origin}/domains/${options.domain}`);
      await page.getByRole('tab', { name: 'Mailboxes' }).waitFor();
      const started = await page.evaluate(() => performance.now());
      await page.getByRole('tab', { name: 'Mailboxes' }).click();
      navigationMs.push((await firstPageShownAt(page, 50)) - started);
      await page.close();
    }
    return {
      domain: options.domain,
      mailboxes: options.mailboxes,
      runs: options.runs,
      coldLoadMs,
      loadMs,
      navigationMs,
      loadAverage: loadavg(),
    };
  } finally {
    await browser.close();
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
