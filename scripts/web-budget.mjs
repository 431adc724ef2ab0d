// Checks the web UI's initial JavaScript after `ng build`: every script index.html loads
// or preloads and everything those import statically (not the lazy `import()` chunks),
// gzipped. angular.json budgets bound the raw sizes; this bounds what users
// download. Fails above 350 kB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 350;
const root = new URL('../dist/web/browser/', import.meta.url).pathname;
const html = readFileSync(join(root, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
].map((match) => match[1]);
/** Follows static `import … from "./chunk.js"` statements, as the browser must before running. */
function withStaticImports(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    for (const match of code.matchAll(
      /(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      visit(match[1]);
    }
  };
  entries.forEach(visit);
  return [...seen];
}
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
  (m) => m[1],
);

const size = (file) => {
  const bytes = readFileSync(join(root, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const total = (files) =>
  files
    .map(size)
    .reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
const kb = (bytes) => (bytes / 1000).toFixed(1);

const initial = withStaticImports([...new Set(scripts)]);
const js = total(initial);
const css = total([...new Set(styles)]);
process.stdout.write(
  `Initial JS: ${kb(js.raw)} kB raw, ${kb(js.gzip)} kB gzip (${initial.length} files; limit ${LIMIT_KB} kB gzip)\n` +
    `Initial CSS: ${kb(css.raw)} kB raw, ${kb(css.gzip)} kB gzip\n`,
);
if (js.gzip > LIMIT_KB * 1000) {
  process.stderr.write(`Initial JS is over budget: ${kb(js.gzip)} kB gzip > ${LIMIT_KB} kB.\n`);
  process.exit(1);
}
