import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../infra/config/app-config.js';
import { AppLogger } from '../infra/config/app-logger.js';
import { configureHttp, configureHttpAfterRoutes, createHttpAdapter } from './http-setup.js';

/** The configured application, not yet listening. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create(
    AppModule.forRoot(config, databaseUrl),
    createHttpAdapter(),
    {
      bodyParser: false,
      logger: new AppLogger(config),
    },
  );
  configureHttp(app, config);
  await app.init();
  configureHttpAfterRoutes(app);
  return app;
}

export const bootLogger = new Logger('Yubin');
