import 'reflect-metadata';
import { bootLogger, createApp } from './app/create-app.js';
import { ConfigError, loadConfig } from './infra/config/app-config.js';
import { resolveDatabase } from './infra/database/embedded-postgres.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config, (line) => bootLogger.log(line));
  bootLogger.log(`Database: ${database.displayUrl}`);
  if (database.passwordFile !== undefined) {
    bootLogger.log(
      `Embedded database password is in ${database.passwordFile} (psql, mail daemons).`,
    );
  }
  const app = await createApp(config, database.url);
  const shutdown = async (signal: string): Promise<void> => {
    bootLogger.log(`${signal} received, shutting down.`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.http.port, config.http.host);
  bootLogger.log(
    `Yubin is listening on http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`,
  );
  bootLogger.log(`API docs: http://localhost:${config.http.port}/api/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Yubin failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
