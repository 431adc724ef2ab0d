import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../support/api-client.js';
import { uniqueDomainName } from '../support/factory.js';
import { freePort } from '../support/free-port.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;

interface RunningApp {
  process: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts the built application as `npm start` would, and waits until it listens. */
async function startBuiltApp(env: Record<string, string>): Promise<RunningApp> {
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.BOOTSTRAP_ADMIN_PASSWORD;
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: childEnv,
  });
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
    const admin = await ApiClient.login(baseUrl, 'first@yubin.test', password as string);
    const name = uniqueDomainName();
    expect((await admin.post('/api/v1/domains', { body: { name } })).status).toBe(201);
    expect(await first.stop()).toBe(0);

    const second = await startBuiltApp(env);
    try {
      expect(second.output()).not.toContain(password);
      expect(second.output()).not.toContain('First start');
      const again = await ApiClient.login(baseUrl, 'first@yubin.test', password as string);
      const domain = await again.get(`/api/v1/domains/${name}`);
      expect(domain.status).toBe(200);
      expect(domain.body.name).toBe(name);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
