import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the tests: Nest's dependency injection needs emitted decorator metadata.
// `yubin-source` makes #contracts resolve to the TypeScript sources (see package.json imports).
const conditions = ['yubin-source', 'module', 'node', 'development|production'];

export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          useDefineForClassFields: false,
        },
      },
    }),
  ],
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['apps/api/src/**/*.spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['apps/api/test/**/*.int-spec.ts'],
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Real Postfix and Dovecot: only `npm run test:e2e:mail` runs this project.
          name: 'mail',
          include: ['e2e/mail/**/*.e2e-spec.ts'],
          globalSetup: ['e2e/mail/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One mail server for the suite; the specs share its single auth process.
          fileParallelism: false,
        },
      },
    ],
  },
});
