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

export class AppLogger extends ConsoleLogger {
  private readonly verbose_: boolean;

  constructor(level: AppConfig['logLevel']) {
    const levels: LogLevel[] = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
    super({ logLevels: levels, json: false });
    this.verbose_ = levels.includes('debug');
  }

  override log(message: unknown, context?: string): void {
    if (!this.verbose_ && context !== undefined && STARTUP_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}
