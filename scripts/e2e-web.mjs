// `npm run test:e2e:web`: builds what is stale (API and UI), then runs the Playwright
// suite in e2e/web against the built app (see e2e/web/playwright.config.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureApiBuilt, ensureWebBuilt } from './build-state.mjs';

const root = new URL('..', import.meta.url).pathname;
ensureApiBuilt();
ensureWebBuilt();
const result = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/@playwright/test/cli.js'),
    'test',
    '-c',
    'e2e/web/playwright.config.ts',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
