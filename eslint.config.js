import js from '@eslint/js';
import globals from 'globals';
import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';

// Import boundaries. In flat config a later block's options for a rule replace an earlier
// block's, they do not merge: so each file set below gets the union of every boundary that
// applies to it, built from these lists, and scripts/lint-guards.spec.ts proves each one.
// A migration must keep meaning what it meant when written, so nothing depends on its
// insides: code reaches migrations only through their ordered list, migrations/index.ts.
const MIGRATION_BOUNDARIES = [
  {
    group: ['**/migrations/*', '!**/migrations/index.js'],
    message:
      'Import only migrations/index.ts from outside migrations/; share constants through apps/api/src/infra or libs/contracts.',
  },
];
const API_AND_LIBS_BOUNDARIES = [
  ...MIGRATION_BOUNDARIES,
  {
    group: ['**/apps/web/**', '**/web/src/**', '@angular/*'],
    message: 'The API and libs never import the UI.',
  },
  {
    group: ['**/libs/api-client/**', '@yubin/api-client', '@yubin/api-client/*'],
    message: 'The API never imports the generated client.',
  },
];
const LIBS_BOUNDARIES = [
  ...API_AND_LIBS_BOUNDARIES,
  { group: ['**/apps/**'], message: 'Libs never import apps.' },
];
const CONTRACTS_BOUNDARIES = [
  ...LIBS_BOUNDARIES,
  {
    group: ['@nestjs/*', 'typeorm', 'typeorm/*'],
    message: 'libs/contracts is framework-free: no Nest, Angular or TypeORM.',
  },
];
const WEB_BOUNDARIES = [
  ...MIGRATION_BOUNDARIES,
  {
    group: ['@angular/common/http'],
    importNames: ['HttpClient'],
    message: 'Call the API through the generated client (libs/api-client) in a data service.',
  },
  {
    group: ['**/apps/api/**', '**/api/src/**'],
    message: 'The UI never imports the API; share through libs/contracts.',
  },
];
const SHARED_UI_BOUNDARIES = [
  ...WEB_BOUNDARIES,
  {
    group: ['@yubin/api-client/functions', '**/features/**', '**/data/*-api'],
    message: 'shared/ui is presentational: inputs in, outputs out, no HTTP.',
  },
];

/** The one way to set no-restricted-imports, so that no block forgets a boundary. */
function boundaries(patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'data/',
      'coverage/',
      'node_modules/',
      'libs/api-client/',
      '.angular/',
      'e2e/web/test-results/',
      'e2e/web/screenshots/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-extraneous-class': [
        'error',
        { allowWithDecorator: true, allowEmpty: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Entities and DTO classes are plain data shapes that carry ORM and OpenAPI
      // metadata; they are never instantiated, so literals and spreads are the idiom.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through loadConfig() in infra/config.',
        },
      ],
    },
  },
  {
    files: [
      'apps/api/src/infra/config/app-config.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      'e2e/**',
      'bench/**',
      'apps/api/test/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'e2e/**/*.ts', 'apps/api/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Black-box specs read JSON bodies as untyped data, as any client would.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  // The Angular UI: angular-eslint on components and templates, and the boundaries of
  // the layout (features reach the API only through their data services and the
  // generated client; shared/ui stays presentational; libs never import apps).
  {
    files: ['apps/web/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    languageOptions: { globals: globals.browser },
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'yb', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'yb', style: 'camelCase' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-signals': 'error',
      '@angular-eslint/no-output-on-prefix': 'error',
      '@angular-eslint/prefer-standalone': 'error',
      '@angular-eslint/use-lifecycle-interface': 'error',
      // Angular's Validators are static functions used unbound by design.
      '@typescript-eslint/unbound-method': 'off',
      ...boundaries(WEB_BOUNDARIES),
    },
  },
  { files: ['apps/web/src/app/shared/ui/**/*.ts'], rules: boundaries(SHARED_UI_BOUNDARIES) },
  {
    files: ['apps/web/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      '@angular-eslint/template/no-any': 'error',
      '@angular-eslint/template/prefer-control-flow': 'error',
      '@angular-eslint/template/prefer-self-closing-tags': 'error',
      '@angular-eslint/template/button-has-type': 'error',
    },
  },
  {
    files: ['bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    rules: boundaries(MIGRATION_BOUNDARIES),
  },
  { files: ['apps/api/**/*.ts'], rules: boundaries(API_AND_LIBS_BOUNDARIES) },
  { files: ['libs/**/*.ts'], rules: boundaries(LIBS_BOUNDARIES) },
  { files: ['libs/contracts/**/*.ts'], rules: boundaries(CONTRACTS_BOUNDARIES) },
);
