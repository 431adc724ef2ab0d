import { readFile, writeFile } from 'node:fs/promises';

/** Runs a command's main and exits with its code; an exception prints its stack and exits 1. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

/**
 * Writes a generated file, or with `check` only compares it: exit code 1 when the
 * committed file is not current (what CI runs).
 */
export async function writeOrCheckGenerated(options: {
  path: string;
  content: string;
  check: boolean;
  /** What the file is, for the messages: "openapi.json". */
  what: string;
  command: string;
}): Promise<number> {
  const { path, content, check, what, command } = options;
  if (check) {
    const committed = await readFile(path, 'utf8').catch(() => '');
    if (committed !== content) {
      process.stderr.write(`${what} is not current: run \`${command}\` and commit the result.\n`);
      return 1;
    }
    process.stdout.write(`${what} is current.\n`);
    return 0;
  }
  await writeFile(path, content);
  process.stdout.write(`Wrote ${path}\n`);
  return 0;
}
