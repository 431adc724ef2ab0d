import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../infra/config/app-config.js';
import { dataSourceOptions, MIGRATIONS_TABLE } from '../infra/database/data-source-options.js';
import { resolveDatabase } from '../infra/database/embedded-postgres.js';
import { runMigrationsLocked } from '../infra/database/migrate.js';
import { runCli } from './cli.js';

/**
 * Operator commands for the schema, against DATABASE_URL or the embedded database:
 *   run       apply pending migrations (what `npm start` does by default)
 *   revert    undo the most recent migration
 *   roundtrip apply all, revert all one by one, apply all again (CI: every down() works)
 *   generate  print the SQL that would bring the schema in line with the entities;
 *             with --check, exit 1 if there is any (the CI drift gate); with
 *             --out DIR, also write it as a migration skeleton to review.
 */
async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const database = await resolveDatabase(config, (line) => process.stderr.write(`${line}\n`));
  const dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await runMigrationsLocked(dataSource);
        process.stdout.write(
          applied.length === 0
            ? 'No pending migrations.\n'
            : applied.map((m) => `Applied ${m.name}\n`).join(''),
        );
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        process.stdout.write('Reverted the most recent migration.\n');
        return 0;
      case 'roundtrip': {
        await runMigrationsLocked(dataSource);
        let reverted = 0;
        while ((await executedCount(dataSource)) > 0) {
          await dataSource.undoLastMigration({ transaction: 'each' });
          reverted++;
        }
        const applied = await runMigrationsLocked(dataSource);
        process.stdout.write(
          `Reverted ${reverted} and re-applied ${applied.length} migration(s).\n`,
        );
        return reverted === applied.length ? 0 : 1;
      }
      case 'generate':
        return await generate(dataSource, args);
      default:
        process.stderr.write(
          'usage: migrations run | revert | roundtrip | generate [--check] [--out DIR]\n',
        );
        return 2;
    }
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

async function executedCount(dataSource: DataSource): Promise<number> {
  const rows: unknown[] = await dataSource.query(`SELECT 1 FROM "${MIGRATIONS_TABLE}"`);
  return rows.length;
}

async function generate(dataSource: DataSource, args: string[]): Promise<number> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    process.stdout.write('The schema matches the entities: nothing to generate.\n');
    return 0;
  }
  const up = sql.upQueries.map((query) => query.query);
  const down = sql.downQueries.map((query) => query.query).reverse();
  process.stdout.write(
    `The schema differs from the entities:\n${up.map((q) => `  ${q};`).join('\n')}\n`,
  );
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (outDir !== undefined) {
    const stamp = Date.now();
    const file = join(outDir, `${stamp}-generated.ts`);
    const lines = (queries: string[]) =>
      queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
    await writeFile(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Generated${stamp} implements MigrationInterface {
  name = 'Generated${stamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`,
    );
    process.stdout.write(`Wrote ${file}: review it, then add it to migrations/index.ts.\n`);
  }
  return args.includes('--check') ? 1 : 0;
}

runCli(main);
