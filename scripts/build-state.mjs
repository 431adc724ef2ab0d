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

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestSource(paths) {
  return Math.max(
    ...paths.map((path) => {
      const full = join(root, path);
      if (!existsSync(full)) return 0;
      return statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    }),
  );
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

const WEB_SOURCES = [
  'apps/web',
  'libs/api-client',
  'libs/contracts/src',
  'angular.json',
  'package-lock.json',
];
const WEB_MARKER = join(root, 'dist/web/browser/index.html');

/** Builds the web UI (served by the API at `/`) when it is missing or older than its sources. */
export function ensureWebBuilt() {
  const built = existsSync(WEB_MARKER) ? statSync(WEB_MARKER).mtimeMs : 0;
  if (built >= newestSource(WEB_SOURCES)) return;
  process.stderr.write('Building the web UI ...\n');
  run(process.execPath, [join(root, 'node_modules/@angular/cli/bin/ng.js'), 'build'], {
    ...process.env,
    NG_CLI_ANALYTICS: 'false',
  });
  const now = new Date();
  utimesSync(WEB_MARKER, now, now);
}
