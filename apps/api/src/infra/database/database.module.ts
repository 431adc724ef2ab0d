import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { Database } from './database.js';
import { runMigrationsLocked } from './migrate.js';

@Global()
@Module({})
export class DatabaseModule {
  /** `url` is resolved before the application starts: configured, or the embedded server's. */
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(url, config.database.poolSize),
            // Carried to the factory below; not a TypeORM option.
            runMigrations: config.database.runMigrations,
          }),
          // Migrations run before anything can use the data source, so every provider
          // sees the current schema.
          dataSourceFactory: async (options) => {
            if (options === undefined) throw new Error('no data source options');
            const { runMigrations, ...typeormOptions } = options as typeof options & {
              runMigrations: boolean;
            };
            const dataSource = await new DataSource(typeormOptions).initialize();
            if (runMigrations) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Database],
      exports: [Database],
    };
  }
}
