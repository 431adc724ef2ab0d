import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir, skip = new Set(['node_modules', 'dist', 'data'])) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(path, skip) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const API_SOURCES = ['apps/api/src', 'libs/contracts/src', 'migrations', 'bench'];
const API_MARKER = join(root, 'dist/apps/api/src/main.js');

/** Compiles the API when dist is missing or older than any of its sources. */
export function ensureApiBuilt() {
  const built = existsSync(API_MARKER) ? statSync(API_MARKER).mtimeMs : 0;
  const sources = Math.max(...API_SOURCES.map((dir) => newestMtime(join(root, dir))));
  if (built >= sources) return;
  process.stderr.write('Building the API ...\n');
  run(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'apps/api/tsconfig.app.json',
  ]);
  // tsc leaves unchanged outputs untouched; mark the build as current.
  const now = new Date();
  utimesSync(API_MARKER, now, now);
}
