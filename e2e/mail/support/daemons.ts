import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, chown, open, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** Helpers the daemon harnesses share: commands, files, and Debian's packaging. */
export const run = promisify(execFile);

export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export async function writeOwned(path: string, content: string, mode: number, uid = 0, gid = 0) {
  await writeFile(path, content, { mode });
  await chmod(path, mode);
  await chown(path, uid, gid);
}

export async function idOf(flag: '-u' | '-g', name: string): Promise<number> {
  const { stdout } = await run('id', [flag, name]);
  return Number(stdout.trim());
}

/**
 * Runs a command that leaves a daemon behind. The daemon inherits the command's output,
 * so that goes to a file (a pipe would never close); the file is shown on failure.
 */
export async function startDaemon(
  command: string,
  args: string[],
  outputFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const output = await open(outputFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', output.fd, output.fd], env });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) {
      const text = await readFile(outputFile, 'utf8').catch(() => '');
      throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${text.trim()}`);
    }
  } finally {
    await output.close();
  }
}

/** `postfix` exits 1 without a terminal, silently: `script` gives it one. */
export function withTerminal(command: string, outputFile: string, env?: NodeJS.ProcessEnv) {
  return startDaemon('script', ['-qec', command, '/dev/null'], outputFile, env);
}

/**
 * The configuration files that these packages installed under `dir` and that differ
 * from what the package shipped (dpkg's recorded checksums).
 */
export async function changedConffiles(packages: string[], dir: string): Promise<string[]> {
  const { stdout } = await run('dpkg-query', ['-W', '-f=${Conffiles}\n', ...packages]);
  const changed: string[] = [];
  for (const line of stdout.split('\n')) {
    const [path, md5, obsolete] = line.trim().split(/\s+/);
    if (path === undefined || md5 === undefined || obsolete !== undefined) continue;
    if (!path.startsWith(`${dir}/`)) continue;
    const content = await readFile(path).catch(() => undefined);
    if (content === undefined || createHash('md5').update(content).digest('hex') !== md5)
      changed.push(path);
  }
  return changed;
}
