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
  ],
  // Relative paths as an editor would write them: they never spell `apps/`.
  api: [
    "import { Component } from '@angular/core';",
    "import { App } from '../../web/src/app/app';",
    "import { ApiConfiguration } from '@yubin/api-client';",
  ],
  web: [
    "import { HttpClient } from '@angular/common/http';",
    "import { Config } from '../../../api/src/infra/config/app-config.js';",
  ],
  sharedUi: [
    "import { HttpClient } from '@angular/common/http';",
    "import { Config } from '../../../../../api/src/infra/config/app-config.js';",
    "import { listDomains } from '@yubin/api-client/functions';",
    "import { DomainsApi } from '../../features/domains/data/domains-api';",
  ],
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
  }, 60_000);
});
