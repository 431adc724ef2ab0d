import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { keys, type DaemonSeedPlan } from './daemons-seed.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

export interface LoginOptions {
  loginSeconds: number;
  loginConcurrency: number;
  /** Every seeded mailbox's password. */
  password: string;
}

function random(n: number): number {
  return 1 + Math.floor(Math.random() * n);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function startDaemon(command: string, args: string[], output: string): Promise<void> {
  const file = await open(output, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', file.fd, file.fd] });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0)
      throw new Error(`${command} exited with ${code}: ${await readFile(output, 'utf8')}`);
  } finally {
    await file.close();
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One IMAP LOGIN and LOGOUT on a fresh connection; true when the login succeeded. */
function imapLogin(port: number, user: string, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    let buffer = '';
    let state: 'greeting' | 'login' | 'logout' = 'greeting';
    let ok = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (state === 'greeting' && buffer.includes('\r\n')) {
        buffer = '';
        state = 'login';
        socket.write(`a LOGIN "${user}" "${password}"\r\n`);
      } else if (state === 'login' && /^a (OK|NO|BAD)/m.test(buffer)) {
        ok = /^a OK/m.test(buffer);
        buffer = '';
        state = 'logout';
        socket.write('b LOGOUT\r\n');
      } else if (state === 'logout' && /^b (OK|NO|BAD)/m.test(buffer)) {
        socket.end();
      }
    });
    socket.on('close', () => resolve(ok));
    socket.on('error', () => resolve(false));
  });
}

export interface LoginResult {
  setting: string;
  loginsPerSecond: number;
  failures: number;
  p50: number;
  p99: number;
}

/** IMAP logins per second through Dovecot with the generated configuration. */
export async function measureLogins(
  databaseUrl: string,
  passwords: { reader: string; writer: string },
  plan: DaemonSeedPlan,
  options: LoginOptions,
  workers: boolean,
  cache: boolean,
): Promise<LoginResult> {
  const root = await mkdtemp(join(tmpdir(), 'yubin-bench-dovecot-'));
  await chmod(root, 0o755);
  try {
    const imapPort = await freePort();
    const rendered = join(root, 'yubin');
    await run(
      process.execPath,
      [
        join(ROOT, 'dist/apps/api/src/cli/daemon-config.js'),
        '--out',
        rendered,
        '--lmtp',
        `inet:127.0.0.1:${await freePort()}`,
        '--sasl',
        `inet:127.0.0.1:${await freePort()}`,
        '--storage-dir',
        join(root, 'vmail'),
        '--storage-user',
        'mail',
        ...(workers ? [] : ['--no-auth-workers']),
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          MAIL_READER_PASSWORD: passwords.reader,
          MAIL_QUOTA_WRITER_PASSWORD: passwords.writer,
          MAIL_AUTH_POLICY_SECRET: randomBytes(24).toString('hex'),
        },
      },
    );
    // The login throttle asks Yubin's API (ADR 0005), which this benchmark does not run:
    // it measures what the database costs a login, so the policy include is left empty.
    await writeFile(
      join(rendered, 'dovecot/yubin-auth-policy.conf.ext'),
      '# Not part of this measurement.\n',
    );
    const { stdout: gid } = await run('id', ['-g', 'dovecot']);
    await chown(join(rendered, 'dovecot/yubin-dict-sql.conf.ext'), 0, Number(gid.trim()));
    await mkdir(join(root, 'vmail'), { mode: 0o750 });
    const { stdout: mailUid } = await run('id', ['-u', 'mail']);
    await chown(join(root, 'vmail'), Number(mailUid.trim()), Number(mailUid.trim()));
    await mkdir(join(root, 'run'));
    const conf = join(root, 'dovecot.conf');
    await writeFile(
      conf,
      `instance_name = yubin-bench-${randomBytes(3).toString('hex')}
base_dir = ${root}/run
state_dir = ${root}/run
protocols = imap lmtp
listen = 127.0.0.1
log_path = ${root}/dovecot.log
ssl = no
disable_plaintext_auth = no
first_valid_uid = 1
postmaster_address = postmaster@bench.test
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
!include ${rendered}/dovecot/yubin.conf
${cache ? '# Bench variant: a credential cache (not what Yubin ships).\nauth_cache_size = 10M\nauth_cache_ttl = 1 hour\n' : ''}`,
    );
    await startDaemon('dovecot', ['-c', conf], join(root, 'start.log'));
    try {
      // With a cache, the same 50 users log in again and again (webmail-like); without
      // one, anyone of the million.
      const user = cache
        ? () => keys.mailbox(random(5), random(plan.mailboxesPerDomain))
        : () => keys.mailbox(random(plan.domains), random(plan.mailboxesPerDomain));
      // Warm-up: processes forked, connections open.
      await Promise.all(
        Array.from({ length: options.loginConcurrency }, () =>
          imapLogin(imapPort, user(), options.password),
        ),
      );
      const latencies: number[] = [];
      let failures = 0;
      const deadline = Date.now() + options.loginSeconds * 1000;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: options.loginConcurrency }, async () => {
          while (Date.now() < deadline) {
            const t0 = process.hrtime.bigint();
            const ok = await imapLogin(imapPort, user(), options.password);
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            if (!ok) failures++;
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      latencies.sort((x, y) => x - y);
      return {
        setting: `auth_cache_verify_password_with_worker = ${workers ? 'yes' : 'no'}${cache ? ', auth_cache_size = 10M (50 users)' : ' (no cache: as shipped)'}`,
        loginsPerSecond: (latencies.length - failures) / seconds,
        failures,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      };
    } finally {
      await run('doveadm', ['-c', conf, 'stop']).catch(() => undefined);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
