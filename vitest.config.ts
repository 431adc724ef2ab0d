import angular from '@analogjs/vite-plugin-angular';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the API's tests: Nest's dependency injection needs emitted decorator metadata.
// `yubin-source` makes #contracts resolve to the TypeScript sources (see package.json imports).
const conditions = ['yubin-source', 'module', 'node', 'development|production'];
const root = new URL('.', import.meta.url).pathname;

const swcPlugin = swc.vite({
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: {
      legacyDecorator: true,
      decoratorMetadata: true,
      useDefineForClassFields: false,
    },
  },
});

export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        plugins: [swcPlugin],
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: 'unit',
          globals: true,
          include: ['apps/api/src/**/*.spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts'],
        },
      },
      {
        plugins: [swcPlugin],
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: 'integration',
          globals: true,
          include: ['apps/api/test/**/*.int-spec.ts'],
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [swcPlugin],
        resolve: {
          conditions,
          // The suite's Yubin starts in the global setup, where Vite would resolve
          // class-transformer to its ESM build, while Nest's ValidationPipe requires the
          // CommonJS one: two metadata stores, and nested DTOs (`@Type`) lose their fields.
          alias: [
            {
              find: /^class-transformer$/,
              replacement: `${root}node_modules/class-transformer/cjs/index.js`,
            },
          ],
        },
        ssr: { resolve: { conditions } },
        test: {
          // Real Postfix and Dovecot: only `npm run test:e2e:mail` runs this project.
          name: 'mail',
          globals: true,
          include: ['e2e/mail/**/*.e2e-spec.ts'],
          globalSetup: ['e2e/mail/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One mail server for the suite; the specs share its single auth process.
          fileParallelism: false,
        },
      },
      {
        plugins: [swcPlugin],
        resolve: {
          conditions,
          alias: [
            {
              find: /^class-transformer$/,
              replacement: `${root}node_modules/class-transformer/cjs/index.js`,
            },
          ],
        },
        ssr: { resolve: { conditions } },
        test: {
          // Benchmarks in the mail suite's stack, one file per run: npm run bench --
          // --spam-delivery or --dkim-signing (bench/run.ts names the file).
          name: 'mail-bench',
          globals: true,
          include: ['e2e/mail/**/*.mail-bench.ts'],
          globalSetup: ['e2e/mail/support/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The Angular UI: components compiled by Analog's Angular plugin (AOT, like the
        // build), rendered in jsdom with Angular's TestBed, zoneless as in the app.
        plugins: [angular({ tsconfig: `${root}apps/web/tsconfig.spec.json` })],
        resolve: {
          alias: [
            { find: /^#contracts$/, replacement: `${root}libs/contracts/src/index.ts` },
            { find: /^@yubin\/api-client$/, replacement: `${root}libs/api-client/src/index.ts` },
            { find: /^@yubin\/api-client\/(.*)$/, replacement: `${root}libs/api-client/src/$1` },
          ],
        },
        test: {
          name: 'web',
          globals: true,
          environment: 'jsdom',
          include: ['apps/web/src/**/*.spec.ts'],
          setupFiles: ['apps/web/src/test-setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
