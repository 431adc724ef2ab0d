import type { TestProject } from 'vitest/node';
import { preserveExitCode } from './exit-code.js';
import { createDatabase, migrate, startTestServer } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database shared by the integration specs; each spec makes its own data. */
    databaseUrl: string;
    /** The server's maintenance URL, for specs that need a database of their own. */
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  preserveExitCode();
  const server = await startTestServer();
  const database = await createDatabase(server.adminUrl);
  await migrate(database.url);
  project.provide('databaseUrl', database.url);
  project.provide('adminDatabaseUrl', server.adminUrl);
  return async () => {
    await database.drop();
    await server.stop();
  };
}
