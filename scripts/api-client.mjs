// `npm run api-client`: regenerates libs/api-client from openapi.json with ng-openapi-gen.
// `npm run api-client -- --check` generates into a temporary folder and fails when the
// committed client differs (CI), like `npm run openapi -- --check` does for the document.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');
const config = JSON.parse(readFileSync(join(root, 'ng-openapi-gen.json'), 'utf8'));
const target = join(root, config.output);

function generate(output) {
  const dir = mkdtempSync(join(tmpdir(), 'yubin-api-client-'));
  const configFile = join(dir, 'ng-openapi-gen.json');
  delete config.$schema;
  writeFileSync(configFile, JSON.stringify({ ...config, input: join(root, config.input), output }));
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/ng-openapi-gen/lib/index.js'), '-c', configFile],
    { cwd: root, stdio: 'inherit' },
  );
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function files(dir) {
  const out = new Map();
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

if (!check) {
  generate(target);
  process.stdout.write(`Wrote ${relative(root, target)}\n`);
  process.exit(0);
}

const fresh = mkdtempSync(join(tmpdir(), 'yubin-api-client-out-'));
generate(fresh);
const expected = files(fresh);
const actual = files(target);
rmSync(fresh, { recursive: true, force: true });
const stale = [
  ...[...expected].filter(([path, text]) => actual.get(path) !== text).map(([path]) => path),
  ...[...actual.keys()].filter((path) => !expected.has(path)),
];
if (stale.length > 0) {
  process.stderr.write(
    `libs/api-client is stale (${stale.length} files differ from openapi.json), e.g.:\n  ${stale.slice(0, 10).join('\n  ')}\nRun npm run api-client and commit the result.\n`,
  );
  process.exit(1);
}
process.stdout.write('libs/api-client matches openapi.json\n');
