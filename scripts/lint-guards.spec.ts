import { ESLint } from 'eslint';

/**
 * The import boundaries of eslint.config.js, proven by linting code that crosses each one.
 * Flat config replaces a rule's options block by block instead of merging them, so a
 * boundary can stop applying without any lint run noticing; this spec would.
 */
const root = new URL('..', import.meta.url).pathname;
// The real configuration, only the rule under test, and no type information (which
// only the other rules need, and which takes the better part of a minute to build).
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

/** A file of each guarded set. */
const FILES = {
  contracts: 'libs/contracts/src/index.ts',
  api: 'apps/api/src/main.ts',
  web: 'apps/web/src/app/app.ts',
  sharedUi: 'apps/web/src/app/shared/ui/page-header.ts',
  apiTests: 'apps/api/test/support/test-database.ts',
  bench: 'bench/daemons.ts',
  e2e: 'e2e/mail/support/mail-stack.ts',
  scripts: 'scripts/lint-guards.spec.ts',
} as const;

const CROSSINGS: Record<keyof typeof FILES, string[]> = {
  contracts: [
    "import { Injectable } from '@nestjs/common';",
    "import { DataSource } from 'typeorm';",
    "import { Repository } from 'typeorm/repository/Repository.js';",
    "import { Component } from '@angular/core';",
    "import { App } from '../../../apps/web/src/app/app';",
    "import { Config } from '../../../apps/api/src/infra/config/app-config.js';",
    "import { ApiConfiguration } from '@yubin/api-client';",
    "import { Roles } from '../../../migrations/1796210000000-mail-roles-per-database.js';",
  ],
  // Relative paths as an editor would write them: they never spell `apps/`.
  api: [
    "import { Component } from '@angular/core';",
    "import { App } from '../../web/src/app/app';",
    "import { ApiConfiguration } from '@yubin/api-client';",
    "import { LEGACY_MAIL_READER_ROLE } from '../../../migrations/1796083200000-mail-server-contract.js';",
  ],
  web: [
    "import { HttpClient } from '@angular/common/http';",
    "import { Config } from '../../../api/src/infra/config/app-config.js';",
    "import { MIGRATIONS } from '../../../../migrations/1796083200000-mail-server-contract.js';",
  ],
  sharedUi: [
    "import { HttpClient } from '@angular/common/http';",
    "import { Config } from '../../../../../api/src/infra/config/app-config.js';",
    "import { listDomains } from '@yubin/api-client/functions';",
    "import { DomainsApi } from '../../features/domains/data/domains-api';",
    "import { Roles } from '../../../../../../migrations/1796210000000-mail-roles-per-database.js';",
  ],
  // Application code never imports a migration's insides: see MIGRATION_BOUNDARIES.
  apiTests: [
    "import { LEGACY_MAIL_READER_ROLE } from '../../../../migrations/1796083200000-mail-server-contract.js';",
    "import { mailRoleNames } from '../../../../migrations/mail-roles.js';",
  ],
  bench: ["import { mailRoleNames } from '../migrations/mail-roles.js';"],
  e2e: ["import { mailRoleNames } from '../../../migrations/mail-roles.js';"],
  scripts: ["import { SignInAddress } from '../migrations/1796200000000-sign-in-address.js';"],
};

async function restrictedLines(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  const lines = (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.line);
  return [...new Set(lines)].sort((a, b) => a - b);
}

describe('lint import boundaries', () => {
  it.each(Object.keys(FILES) as (keyof typeof FILES)[])(
    'refuses every crossing from %s',
    async (set) => {
      const imports = CROSSINGS[set];
      const code = `${imports.join('\n')}\nexport const used = [${imports.map((_, i) => `${i}`).join(', ')}];\n`;
      const lines = await restrictedLines(FILES[set], code);
      expect(lines).toEqual(imports.map((_, index) => index + 1));
    },
    60_000,
  );

  it('allows what each set may import', async () => {
    expect(
      await restrictedLines(FILES.web, "import { Component } from '@angular/core';\n"),
    ).toEqual([]);
    expect(
      await restrictedLines(FILES.api, "import { Injectable } from '@nestjs/common';\n"),
    ).toEqual([]);
    // The ordered list of migrations, for the data source and the tests that run them.
    expect(
      await restrictedLines(
        'apps/api/src/infra/database/data-source-options.ts',
        "import { MIGRATIONS } from '../../../../../migrations/index.js';\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedLines(
        FILES.apiTests,
        "import { MIGRATIONS } from '../../../../migrations/index.js';\n",
      ),
    ).toEqual([]);
  }, 60_000);
});
