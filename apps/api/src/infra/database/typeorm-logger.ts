import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { describeQueryError, isConcurrentWriteConflict } from './pg-errors.js';

const logger = new NestLogger('Database');

/**
 * TypeORM's messages through the application's logger (its format, its level), and never
 * a query's parameters: they carry password hashes, sealed secrets and addresses.
 */
export class DatabaseLogger implements TypeOrmLogger {
  logQuery(): void {
    // Queries are not logged.
  }

  /**
   * TypeORM also passes the query and its parameters; neither is ever logged. A conflict
   * with a concurrent writer is answered 409, not an error of the server: debug only.
   */
  logQueryError(error: string | Error): void {
    const message = `Query failed: ${describeQueryError(error)}`;
    if (isConcurrentWriteConflict(error)) logger.debug(message);
    else logger.error(message);
  }

  logQuerySlow(time: number): void {
    logger.warn(`A query took ${time} ms.`);
  }

  logSchemaBuild(message: string): void {
    logger.debug(message);
  }

  logMigration(message: string): void {
    logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') logger.warn(String(message));
    else logger.debug(String(message));
  }
}
