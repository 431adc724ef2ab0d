import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { API_PREFIX } from '../app/http-setup.js';
import { buildOpenApiDocument } from '../app/openapi.js';
import { loadConfig } from '../infra/config/app-config.js';
import { runCli, writeOrCheckGenerated } from './cli.js';

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
  return writeOrCheckGenerated({
    path: new URL('../../../../../openapi.json', import.meta.url).pathname,
    content: document,
    check,
    what: 'openapi.json',
    command: 'npm run openapi',
  });
}

runCli(main);
