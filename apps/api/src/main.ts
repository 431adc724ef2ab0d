import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { bootLogger, createApp } from './app/create-app.js';
import { shutDown } from './app/shutdown.js';
import { ConfigError, loadConfig } from './infra/config/app-config.js';
import { AppLogger } from './infra/config/app-logger.js';
import { resolveDatabase } from './infra/database/embedded-postgres.js';

/** Signals closer together than this are one request to stop, not an impatient second one. */
const REPEATED_SIGNAL_MS = 1000;

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything logs, so that boot messages have the configured format too.
  Logger.overrideLogger(new AppLogger(config));
  const database = await resolveDatabase(config, (line) => bootLogger.log(line));
  bootLogger.log(`Database: ${database.displayUrl}`);
  if (database.passwordFile !== undefined) {
    bootLogger.log(
      `Embedded database password is in ${database.passwordFile} (psql, mail daemons).`,
    );
  }
  const app = await createApp(config, database.url);
  let stoppingSince: number | undefined;
  const stop = (signal: string): void => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C reaches Yubin several times: the terminal signals the whole process
      // group, and npm and scripts/start.mjs pass it on. Only a later one means "now".
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      bootLogger.warn(`${signal} received again, exiting without waiting.`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    bootLogger.log(`${signal} received, shutting down.`);
    shutDown(app, () => database.stop()).then(
      () => {
        bootLogger.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        bootLogger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres would stop its clusters at the first signal, while the pool still
  // holds connections ("terminating connection due to administrator command"); Yubin
  // stops its server itself, last (the server runs in a session of its own, so the
  // terminal's Ctrl-C does not reach it either). Nothing else has registered these
  // signals by now.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
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
