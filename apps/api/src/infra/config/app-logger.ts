import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { LOG_LEVELS, type AppConfig } from './app-config.js';

/** Nest's start-up chatter (one line per module and route) is debug detail, not news. */
const STARTUP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * The one logger: Nest's, the boot messages and the database's all go through it.
 * Text (the default) is coloured only on a terminal without NO_COLOR; `LOG_FORMAT=json`
 * writes one JSON object per line.
 */
export class AppLogger extends ConsoleLogger {
  private readonly verbose_: boolean;

  constructor(config: Pick<AppConfig, 'logLevel' | 'log'>) {
    const levels: LogLevel[] = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1);
    const json = config.log.format === 'json';
    super({ logLevels: levels, json, colors: !json && config.log.colour });
    this.verbose_ = levels.includes('debug');
  }

  override log(message: unknown, context?: string): void {
    if (!this.verbose_ && context !== undefined && STARTUP_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}
