import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { DatabaseLogger } from './typeorm-logger.js';

export const MIGRATIONS_TABLE = 'schema_migration';

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'yubin',
    extra: { max: poolSize },
    logging: ['error', 'warn'],
    logger: new DatabaseLogger(),
  };
}
