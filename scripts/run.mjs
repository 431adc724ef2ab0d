// Runs a compiled entry point of the API, building it first when the build is missing
// or older than the sources. Used by the npm scripts so every command works right
// after `npm ci`.
import { spawnSync } from 'node:child_process';
import { ensureApiBuilt, ensureWebBuilt } from './build-state.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <dist entry> [args...]\n');
  process.exit(2);
}
ensureApiBuilt();
// The web benchmark drives the built UI.
if (args.includes('--web')) ensureWebBuilt();
const result = spawnSync(process.execPath, ['--enable-source-maps', entry, ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
