import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../support/api-client.js';
import { strongPassword, uniqueDomainName } from '../support/factory.js';
import { freePort } from '../support/free-port.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;

interface RunningApp {
  process: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/**
 * Starts the built application as `npm start` would (or `npm start` itself, in a process
 * group of its own as a terminal's foreground job), and waits until it listens.
 */
async function startBuiltApp(
  env: Record<string, string>,
  how: 'node' | 'npm start' = 'node',
): Promise<RunningApp> {
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.BOOTSTRAP_ADMIN_PASSWORD;
  const child =
    how === 'node'
      ? spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: ROOT, env: childEnv })
      : spawn('npm', ['start'], { cwd: ROOT, env: childEnv, detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    const poll = setInterval(() => {
      if (output.includes('Yubin is listening')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
  });
  return {
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** The pids of postgres processes serving this cluster directory. */
async function postgresProcesses(clusterDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = commandLine.split('\0');
    if (args[0]?.endsWith('/postgres') && args.includes(clusterDir)) pids.push(Number(entry));
  }
  return pids;
}

/** Waits (up to 15 s) for no postgres to serve the directory; answers those still there. */
async function postgresGone(clusterDir: string): Promise<number[]> {
  const deadline = Date.now() + 15_000;
  let left = await postgresProcesses(clusterDir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await postgresProcesses(clusterDir);
  }
  return left;
}

describe('starting the built application on the embedded database', () => {
  let dataDir: string;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/ensure-built.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    dataDir = await mkdtemp(join(tmpdir(), 'yubin-start-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the first superadmin once, and keeps data across a restart', async () => {
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      BOOTSTRAP_ADMIN_EMAIL: 'first@yubin.test',
      LOG_LEVEL: 'log',
    };
    const baseUrl = `http://127.0.0.1:${env.PORT}`;

    const first = await startBuiltApp(env);
    const password = /password: (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    expect(first.output()).toContain(
      `postgresql://yubin:****@127.0.0.1:${env.EMBEDDED_DB_PORT}/yubin`,
    );
    // The generated password is temporary: the first sign-in must replace it.
    const first_ = await ApiClient.login(baseUrl, 'first@yubin.test', password as string);
    expect((await first_.get('/api/v1/me')).body.restriction).toBe('password-change');
    const name = uniqueDomainName();
    const early = await first_.post('/api/v1/domains', { body: { name } });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const chosen = strongPassword();
    const change = await first_.post('/api/v1/me/password', {
      body: { currentPassword: password, newPassword: chosen },
    });
    expect(change.status).toBe(204);
    const admin = await ApiClient.login(baseUrl, 'first@yubin.test', chosen);
    expect((await admin.get('/api/v1/me')).body.restriction).toBeNull();
    expect((await admin.post('/api/v1/domains', { body: { name } })).status).toBe(201);
    // Many pooled connections make a stop that does not wait for them likely to cut one.
    const burst = Array.from({ length: 20 }, () => admin.get('/api/v1/domains'));
    expect((await Promise.all(burst)).every((response) => response.status === 200)).toBe(true);
    expect(await first.stop()).toBe(0);
    // Stopping is quiet: HTTP, jobs, data source, then the database, without a pool error.
    expect(first.output()).toMatch(/SIGTERM received, shutting down\.[\s\S]*Stopped\./);
    expect(problemLines(first.output())).toEqual([]);

    const second = await startBuiltApp(env);
    try {
      expect(second.output()).not.toContain(password);
      expect(second.output()).not.toContain('First start');
      const again = await ApiClient.login(baseUrl, 'first@yubin.test', chosen);
      const domain = await again.get(`/api/v1/domains/${name}`);
      expect(domain.status).toBe(200);
      expect(domain.body.name).toBe(name);
    } finally {
      expect(await second.stop()).toBe(0);
      expect(problemLines(second.output())).toEqual([]);
    }
  });

  describe('under npm start', () => {
    // npm start builds what is stale first; the web UI's build would eat the test's time.
    beforeAll(() => {
      const build = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "(await import('./scripts/build-state.mjs')).ensureWebBuilt()",
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(build.status, build.stderr).toBe(0);
    }, 300_000);

    it('stops in order and quietly when a Ctrl-C signals the whole process group of npm start', async () => {
      const env = {
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        EMBEDDED_DB_PORT: String(await freePort()),
        LOG_LEVEL: 'log',
      };
      const app = await startBuiltApp(env, 'npm start');
      const clusterDir = join(dataDir, 'postgres');
      expect(await postgresProcesses(clusterDir)).not.toEqual([]);
      // Pooled connections that a server stopping first would cut.
      const client = new ApiClient(`http://127.0.0.1:${env.PORT}`);
      const burst = Array.from({ length: 20 }, () => client.get('/api/v1/health'));
      expect((await Promise.all(burst)).every((response) => response.status === 200)).toBe(true);

      const exited = new Promise((resolve) => {
        app.process.removeAllListeners('exit');
        app.process.on('exit', resolve);
      });
      // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
      process.kill(-(app.process.pid as number), 'SIGINT');
      await exited;
      expect(app.output()).toMatch(/SIGINT received, shutting down\.[\s\S]*Stopped\./);
      expect(problemLines(app.output())).toEqual([]);
      expect(app.output()).not.toMatch(/Shutdown failed|received again/);
      expect(await postgresGone(clusterDir)).toEqual([]);
    });
  });

  it('leaves no database server behind when Yubin is killed outright, and starts afresh', async () => {
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      LOG_LEVEL: 'log',
    };
    const clusterDir = join(dataDir, 'postgres');
    const app = await startBuiltApp(env);
    expect(await postgresProcesses(clusterDir)).not.toEqual([]);
    const exited = new Promise((resolve) => {
      app.process.removeAllListeners('exit');
      app.process.on('exit', resolve);
    });
    app.process.kill('SIGKILL');
    await exited;
    expect(await postgresGone(clusterDir)).toEqual([]);

    const again = await startBuiltApp(env);
    expect(again.output()).not.toContain('already running');
    expect(await again.stop()).toBe(0);
    expect(problemLines(again.output())).toEqual([]);
    expect(await postgresGone(clusterDir)).toEqual([]);
  });

  it('writes one JSON object per line with LOG_FORMAT=json, a line per request, no secrets', async () => {
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'json',
    };
    const app = await startBuiltApp(env);
    const baseUrl = `http://127.0.0.1:${env.PORT}`;
    const secret = 'Not-the-password-7Qx-json-log';
    await new ApiClient(baseUrl).post('/api/v1/auth/login?token=query-secret', {
      body: { email: 'someone@example.test', password: secret },
    });
    await new ApiClient(baseUrl).get('/api/v1/domains/private.example.test');
    expect(await app.stop()).toBe(0);

    const lines = app.output().trimEnd().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, any>);
    expect(entries.every((entry) => typeof entry.level === 'string')).toBe(true);
    const requests = entries.filter((entry) => entry.context === 'HTTP').map((e) => e.message);
    expect(requests).toEqual(
      expect.arrayContaining([
        {
          requestId: expect.any(String),
          method: 'POST',
          route: '/api/v1/auth/login',
          status: 401,
          durationMs: expect.any(Number),
        },
        expect.objectContaining({ route: '/api/v1/domains/:name', status: 401 }),
      ]),
    );
    const text = app.output();
    for (const leak of [secret, 'query-secret', 'private.example.test', 'someone@example.test']) {
      expect(text).not.toContain(leak);
    }
  });

  it('writes text logs without colour codes when the output is not a terminal', async () => {
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      LOG_LEVEL: 'debug',
    };
    const app = await startBuiltApp(env);
    await new ApiClient(`http://127.0.0.1:${env.PORT}`).get('/api/v1/health');
    expect(await app.stop()).toBe(0);
    expect(app.output()).toMatch(/DEBUG \[HTTP\] GET \/api\/v1\/health 200 [\d.]+ ms \[/);
    expect(app.output()).not.toContain('\u001b[');
  });
});

/** Lines that report an error or a warning (the text format's levels, or a pool's complaint). */
function problemLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /\b(ERROR|WARN)\b|pool raised|terminating connection/i.test(line));
}
