import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { API_PREFIX } from '../app/http-setup.js';
import { buildOpenApiDocument } from '../app/openapi.js';
import { loadConfig } from '../infra/config/app-config.js';

/**
 * Writes openapi.json at the repository root from the controllers and DTOs, without
 * a database (Nest's preview mode instantiates nothing). With --check, exits 1 when
 * the committed file is not current: CI runs that.
 */
async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const config = loadConfig({});
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://unused'), {
    preview: true,
    logger: false,
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  const document = JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n';
  await app.close();
  const path = new URL('../../../../../openapi.json', import.meta.url);
  if (check) {
    const committed = await readFile(path, 'utf8').catch(() => '');
    if (committed !== document) {
      process.stderr.write(
        'openapi.json is not current: run `npm run openapi` and commit the result.\n',
      );
      return 1;
    }
    process.stdout.write('openapi.json is current.\n');
    return 0;
  }
  await writeFile(path, document);
  process.stdout.write(`Wrote ${path.pathname}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
