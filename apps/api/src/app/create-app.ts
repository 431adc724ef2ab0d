import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { LOG_LEVELS, type AppConfig } from '../infra/config/app-config.js';
import { configureHttp } from './http-setup.js';

export function logLevelsFrom(level: AppConfig['logLevel']): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

/** The configured application, not yet listening. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: logLevelsFrom(config.logLevel),
  });
  configureHttp(app, config);
  await app.init();
  return app;
}

export const bootLogger = new Logger('Yubin');
