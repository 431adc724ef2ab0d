import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  appendFile,
  chmod,
  chown,
  mkdir,
  mkdtemp,
  open,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../../apps/api/src/app/create-app.js';
import { loadConfig } from '../../../apps/api/src/infra/config/app-config.js';
import { freePort } from '../../../apps/api/test/support/free-port.js';
import {
  createDatabase,
  migrate,
  startTestServer,
  type TestServer,
} from '../../../apps/api/test/support/test-database.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../..');

export const ADMIN_EMAIL = 'root@yubin.test';
export const ADMIN_PASSWORD = 'mail-e2e-root-passphrase-4Kd';
/** Owns the mail storage: Debian's `mail` system user, so the suite adds no user. */
const STORAGE_USER = 'mail';

/** The binaries the suite drives; all from Debian's packages. */
const REQUIRED = [
  '/usr/sbin/postfix',
  '/usr/sbin/dovecot',
  '/usr/bin/doveadm',
  '/usr/bin/script',
  '/usr/bin/openssl',
  '/usr/bin/ss',
];
const REQUIRED_FILES = [
  '/usr/lib/postfix/postfix-pgsql.so',
  '/usr/lib/dovecot/modules/auth/libdriver_pgsql.so',
  '/usr/lib/dovecot/lmtp',
  '/usr/lib/dovecot/imap',
  '/usr/lib/dovecot/pop3',
];

/** What the specs need to reach the stack; passed from the global setup. */
export interface MailStackInfo {
  apiBaseUrl: string;
  databaseUrl: string;
  ports: { smtp: number; submission: number; imap: number; pop3: number; sink: number };
  dovecotConfig: string;
  postfixLog: string;
  dovecotLog: string;
  renderedDir: string;
  /** The daemons' database roles' passwords, to check what those roles may do. */
  rolePasswords: { reader: string; quotaWriter: string };
}

/** Why the suite cannot run here, or undefined when every daemon is installed. */
export function missingDaemons(): string | undefined {
  const missing = [...REQUIRED, ...REQUIRED_FILES].filter((path) => !existsSync(path));
  if (missing.length === 0 && userInfo().uid === 0) return undefined;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  if (userInfo().uid !== 0) parts.push('the daemons must be started as root');
  return `${parts.join('; ')}. Install them with: sudo bash scripts/install-mail-daemons.sh`;
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

async function writeOwned(path: string, content: string, mode: number, uid = 0, gid = 0) {
  await writeFile(path, content, { mode });
  await chmod(path, mode);
  await chown(path, uid, gid);
}

/**
 * Runs a command that leaves a daemon behind. The daemon inherits the command's output,
 * so that goes to a file (a pipe would never close); the file is shown on failure.
 */
async function startDaemon(command: string, args: string[], outputFile: string): Promise<void> {
  const output = await open(outputFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', output.fd, output.fd] });
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

async function idOf(flag: '-u' | '-g', name: string): Promise<number> {
  const { stdout } = await run('id', [flag, name]);
  return Number(stdout.trim());
}

/**
 * Starts the whole mail stack on loopback, on free ports, in one temporary directory:
 * a fresh migrated database, Yubin's API (in-process), the configuration rendered by
 * `daemon-config` (exactly what an operator installs; only ports and paths differ),
 * Dovecot, Postfix, and an SMTP sink that stands in for the internet.
 */
export class MailStack {
  private app: INestApplication | undefined;
  private server: TestServer | undefined;
  private dropDatabase: (() => Promise<void>) | undefined;
  private sink: SmtpSink | undefined;
  private started = { dovecot: false, postfix: false };
  private readonly root: string;
  info!: MailStackInfo;

  private constructor(root: string) {
    this.root = root;
  }

  static async start(): Promise<MailStack> {
    const root = await mkdtemp(join(tmpdir(), 'yubin-mail-'));
    await chmod(root, 0o755);
    const stack = new MailStack(root);
    try {
      await stack.boot();
    } catch (error) {
      const logs = await stack.logTail();
      await stack.stop();
      throw new Error(`The mail stack did not start: ${String(error)}\n${logs}`, {
        cause: error,
      });
    }
    return stack;
  }

  private path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  private async boot(): Promise<void> {
    // Database and API.
    this.server = await startTestServer();
    const database = await createDatabase(this.server.adminUrl, 'yubin_mail');
    this.dropDatabase = () => database.drop();
    await migrate(database.url);
    const readerPassword = hex(20);
    const quotaWriterPassword = hex(20);
    const mailEnv = {
      MAIL_READER_PASSWORD: readerPassword,
      MAIL_QUOTA_WRITER_PASSWORD: quotaWriterPassword,
      MAIL_STORAGE_DIR: this.path('vmail'),
      MAIL_STORAGE_USER: STORAGE_USER,
    };
    const config = loadConfig({
      DATA_DIR: this.path('yubin-data'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      ...mailEnv,
    });
    this.app = await createApp(config, database.url);
    await this.app.listen(0, '127.0.0.1');
    const address = (this.app.getHttpServer() as { address(): { port: number } }).address();

    const ports = {
      smtp: await freePort(),
      submission: await freePort(),
      imap: await freePort(),
      pop3: await freePort(),
      sink: await freePort(),
      lmtp: await freePort(),
      sasl: await freePort(),
    };
    this.sink = await startSmtpSink(ports.sink);

    // The shipped configuration, rendered by the shipped command.
    const rendered = this.path('yubin');
    await run(
      process.execPath,
      [
        join(REPO, 'scripts/run.mjs'),
        'dist/apps/api/src/cli/daemon-config.js',
        '--out',
        rendered,
        '--lmtp',
        `inet:127.0.0.1:${ports.lmtp}`,
        '--sasl',
        `inet:127.0.0.1:${ports.sasl}`,
        '--submission-listen',
        `127.0.0.1:${ports.submission}`,
        '--postfix-queue-dir',
        this.path('postfix-queue'),
      ],
      { cwd: REPO, env: { ...process.env, DATABASE_URL: database.url, ...mailEnv } },
    );

    const mailUid = await idOf('-u', STORAGE_USER);
    const mailGid = await idOf('-g', STORAGE_USER);
    const dovecotGid = await idOf('-g', 'dovecot');
    const postfixGid = await idOf('-g', 'postfix');
    await mkdir(this.path('vmail'), { mode: 0o750 });
    await chown(this.path('vmail'), mailUid, mailGid);
    // As an operator would: the credential files readable by the daemon that needs them.
    for (const file of [
      'yubin-sql.conf.ext',
      'yubin-app-passwords.conf.ext',
      'yubin-dict-sql.conf.ext',
    ]) {
      await chown(join(rendered, 'dovecot', file), 0, dovecotGid);
    }
    const { stdout: pgsqlFiles } = await run('ls', [join(rendered, 'postfix/pgsql')]);
    for (const file of pgsqlFiles.trim().split('\n')) {
      await chown(join(rendered, 'postfix/pgsql', file), 0, postfixGid);
    }

    await this.startDovecot(ports);
    await this.startPostfix(ports, rendered, postfixGid);

    this.info = {
      apiBaseUrl: `http://127.0.0.1:${address.port}`,
      databaseUrl: database.url,
      ports: {
        smtp: ports.smtp,
        submission: ports.submission,
        imap: ports.imap,
        pop3: ports.pop3,
        sink: ports.sink,
      },
      dovecotConfig: this.path('dovecot', 'dovecot.conf'),
      postfixLog: this.path('postfix.log'),
      dovecotLog: this.path('dovecot.log'),
      renderedDir: rendered,
      rolePasswords: { reader: readerPassword, quotaWriter: quotaWriterPassword },
    };
  }

  private async startDovecot(ports: Record<string, number>): Promise<void> {
    const dir = this.path('dovecot');
    await mkdir(join(dir, 'run'), { recursive: true, mode: 0o755 });
    await mkdir(join(dir, 'state'), { recursive: true, mode: 0o750 });
    // Test scaffolding only: where Dovecot listens and logs. Everything about users,
    // passwords, quota and LMTP comes from the rendered yubin.conf included last.
    const base = `# Test harness for Yubin's mail end-to-end suite.
instance_name = yubin-e2e-${hex(4)}
base_dir = ${dir}/run
state_dir = ${dir}/state
protocols = imap pop3 lmtp
listen = 127.0.0.1
log_path = ${this.path('dovecot.log')}
info_log_path = ${this.path('dovecot.log')}
auth_verbose = yes
ssl = no
disable_plaintext_auth = no
hostname = mail.yubin.test
postmaster_address = postmaster@yubin.test
first_valid_uid = 1
# Answer a failed login at once and add no per-IP penalty: the specs log in wrongly
# on purpose and measure how fast a change applies.
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${ports.pop3}
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
!include ${this.path('yubin', 'dovecot', 'yubin.conf')}
`;
    await writeOwned(join(dir, 'dovecot.conf'), base, 0o644);
    await startDaemon('dovecot', ['-c', join(dir, 'dovecot.conf')], this.path('start.log'));
    this.started.dovecot = true;
  }

  private async startPostfix(
    ports: Record<string, number>,
    rendered: string,
    postfixGid: number,
  ): Promise<void> {
    const dir = this.path('postfix');
    await mkdir(dir, { mode: 0o755 });
    await mkdir(this.path('postfix-queue'), { mode: 0o755 });
    await mkdir(this.path('postfix-data'), { mode: 0o700 });
    await chown(this.path('postfix-data'), await idOf('-u', 'postfix'), postfixGid);
    const cert = join(dir, 'tls.crt');
    const key = join(dir, 'tls.key');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=mail.yubin.test',
    ]);
    await chmod(key, 0o600);
    // Test scaffolding only; the rendered main.cf fragment is appended unchanged.
    const main = `# Test harness for Yubin's mail end-to-end suite.
compatibility_level = 3.6
queue_directory = ${this.path('postfix-queue')}
data_directory = ${this.path('postfix-data')}
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.yubin.test
mydomain = yubin.test
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# The specs connect from 127.0.0.1 as the internet would: trust no network.
mynetworks =
alias_maps =
alias_database =
local_recipient_maps =
biff = no
maillog_file = ${this.path('postfix.log')}
maillog_file_prefixes = ${this.root}
# Nothing leaves loopback: no DNS, and everything not for a Yubin domain goes to the sink.
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
relayhost = [127.0.0.1]:${ports.sink}
smtp_tls_security_level = none
lmtp_tls_security_level = none
smtpd_tls_cert_file = ${cert}
smtpd_tls_key_file = ${key}
smtpd_tls_security_level = may
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
`;
    const master = `# Test harness for Yubin's mail end-to-end suite.
127.0.0.1:${ports.smtp} inet n - n - - smtpd
pickup    unix n - n 60 1 pickup
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
tlsmgr    unix - - n 1000? 1 tlsmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
showq     unix n - n - - showq
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
lmtp      unix - - n - - lmtp
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
`;
    await writeOwned(join(dir, 'main.cf'), main, 0o644);
    await appendFile(join(dir, 'main.cf'), await readFile(join(rendered, 'postfix/main.cf.yubin')));
    await writeOwned(join(dir, 'master.cf'), master, 0o644);
    await appendFile(
      join(dir, 'master.cf'),
      await readFile(join(rendered, 'postfix/master.cf.yubin')),
    );
    // `postfix` exits 1 without a terminal, silently: give it one.
    await startDaemon(
      'script',
      ['-qec', `postfix -c ${dir} check`, '/dev/null'],
      this.path('start.log'),
    );
    await startDaemon(
      'script',
      ['-qec', `postfix -c ${dir} start`, '/dev/null'],
      this.path('start.log'),
    );
    this.started.postfix = true;
  }

  /** The last lines of the daemons' logs, for a failure message. */
  async logTail(lines = 40): Promise<string> {
    const tail = async (file: string) => {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text.split('\n').slice(-lines).join('\n');
    };
    return `--- dovecot.log\n${await tail(this.path('dovecot.log'))}\n--- postfix.log\n${await tail(this.path('postfix.log'))}`;
  }

  async stop(): Promise<void> {
    if (this.started.postfix) {
      await startDaemon(
        'script',
        ['-qec', `postfix -c ${this.path('postfix')} stop`, '/dev/null'],
        this.path('start.log'),
      ).catch(() => undefined);
    }
    if (this.started.dovecot) {
      await run('doveadm', ['-c', this.path('dovecot', 'dovecot.conf'), 'stop']).catch(
        () => undefined,
      );
    }
    await this.sink?.close();
    await this.app?.close();
    await this.dropDatabase?.();
    await this.server?.stop();
    if (process.env.KEEP_MAIL_E2E_DIR === undefined) {
      await rm(this.root, { recursive: true, force: true });
    } else {
      process.stderr.write(`Mail e2e directory kept: ${this.root}\n`);
    }
  }
}
