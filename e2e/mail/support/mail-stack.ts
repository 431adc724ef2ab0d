import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  mailRoleNames,
  type MailRoleNames,
} from '../../../apps/api/src/infra/database/mail-roles.js';
import { createApp } from '../../../apps/api/src/app/create-app.js';
import { loadConfig } from '../../../apps/api/src/infra/config/app-config.js';
import { freePort } from '../../../apps/api/test/support/free-port.js';
import {
  createDatabase,
  migrate,
  startTestServer,
  type TestServer,
} from '../../../apps/api/test/support/test-database.js';
import { hex, idOf, run } from './daemons.js';
import {
  copyDebianDovecot,
  startDovecot,
  type DovecotInstance,
  type UnixAccount,
} from './dovecot-instance.js';
import { startPostfix, type PostfixInstance, type PostfixStart } from './postfix-instance.js';
import { clamavSocketPath, startFilter, type FilterInstance } from './filter-instance.js';
import { startSmtpSink, type SmtpSink } from '../../../apps/api/test/support/smtp-sink.js';

const REPO = resolve(import.meta.dirname, '../../..');

export const ADMIN_EMAIL = 'root@yubin.test';
export const ADMIN_PASSWORD = 'mail-e2e-root-passphrase-4Kd';
/**
 * Owns the mail storage: Debian's `mail` system user (uid 8, far below Dovecot's default
 * first_valid_uid of 500, like any `adduser --system` user), so the suite adds no user.
 */
const STORAGE_USER = 'mail';

/** The binaries the suite drives; all from Debian's packages. */
const REQUIRED = [
  '/usr/sbin/postfix',
  '/usr/sbin/dovecot',
  '/usr/bin/doveadm',
  '/usr/bin/script',
  '/usr/bin/openssl',
  '/usr/bin/ss',
  '/usr/bin/unshare',
  '/usr/lib/postfix/configure-instance.sh',
  '/usr/share/postfix/main.cf.debian',
  '/usr/share/postfix/master.cf.dist',
  '/usr/bin/rspamd',
  '/usr/bin/rspamc',
  '/usr/sbin/clamd',
  '/usr/bin/redis-server',
  '/usr/sbin/knotd',
  '/usr/sbin/knotc',
  '/usr/bin/kdig',
  '/usr/bin/sievec',
];
const REQUIRED_FILES = [
  '/usr/lib/postfix/postfix-pgsql.so',
  '/usr/lib/dovecot/modules/auth/libdriver_pgsql.so',
  '/usr/lib/dovecot/lmtp',
  '/usr/lib/dovecot/imap',
  '/usr/lib/dovecot/pop3',
  '/usr/lib/dovecot/modules/lib90_sieve_plugin.so',
  '/usr/lib/dovecot/modules/sieve/lib90_sieve_imapsieve_plugin.so',
];

/** One Postfix of the stack, started from one of Debian's main.cf starting points. */
export interface PostfixInfo {
  start: PostfixStart;
  ports: { smtp: number; submission: number };
  logFile: string;
}

/** What the specs need to reach the stack; passed from the global setup. */
export interface MailStackInfo {
  apiBaseUrl: string;
  databaseUrl: string;
  /** The first Postfix's ports (the one without a main.cf), Dovecot's, and the sink's. */
  ports: { smtp: number; submission: number; imap: number; pop3: number; sink: number };
  /** Every Postfix: the first without a main.cf, the second from "Internet Site". */
  postfix: PostfixInfo[];
  dovecotConfig: string;
  postfixLog: string;
  dovecotLog: string;
  renderedDir: string;
  /** The daemons' database roles (this database's own) and their passwords. */
  roles: MailRoleNames;
  rolePasswords: { reader: string; quotaWriter: string };
  /** A Unix account with a password on the mail server (Dovecot's view of it). */
  unixAccount: UnixAccount;
  /** Rspamd's controller (statistics, learning) and its password; its log. */
  rspamd: {
    controllerUrl: string;
    workerUrl: string;
    password: string;
    log: string;
    /** The suite's Redis, where Rspamd keeps its Bayes statistics. */
    redisPort: number;
  };
  /** The loopback Knot Rspamd resolves through (zone yubin.test), and its control socket. */
  knot: { port: number; socket: string; zone: string };
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

/**
 * Starts the whole mail stack on loopback, on free ports, in one temporary directory:
 * a fresh migrated database, Yubin's API (in-process), the configuration rendered by
 * `daemon-config` and installed on Debian's own default files exactly as the README
 * says (only ports and paths differ), Dovecot, two Postfix instances (one without a
 * main.cf, one from "Internet Site"), and an SMTP sink that stands in for the internet.
 */
export class MailStack {
  private app: INestApplication | undefined;
  private server: TestServer | undefined;
  private dropDatabase: (() => Promise<void>) | undefined;
  private sink: SmtpSink | undefined;
  private dovecot: DovecotInstance | undefined;
  private filter: FilterInstance | undefined;
  private readonly postfix: PostfixInstance[] = [];
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
      MAIL_AUTH_POLICY_SECRET: hex(24),
      MAIL_DKIM_SIGNER_SECRET: hex(24),
      MAIL_RSPAMD_PASSWORD: hex(20),
      MAIL_STORAGE_DIR: this.path('vmail'),
      MAIL_STORAGE_USER: STORAGE_USER,
    };
    const postfixPorts = [
      { smtp: await freePort(), submission: await freePort() },
      { smtp: await freePort(), submission: await freePort() },
    ] as const;
    const config = loadConfig({
      // README: the mail Yubin sends itself goes to the Postfix beside it, port 25 from
      // loopback (mynetworks), as an operator on one host would set it.
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${postfixPorts[0].smtp}`,
      OUTBOUND_MAIL_FROM: 'postmaster@yubin.test',
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
      imap: await freePort(),
      pop3: await freePort(),
      managesieve: await freePort(),
      sink: await freePort(),
      lmtp: await freePort(),
      sasl: await freePort(),
    };
    const filterPorts = {
      milter: await freePort(),
      worker: await freePort(),
      controller: await freePort(),
      redis: await freePort(),
      dns: await freePort(),
    };
    this.sink = await startSmtpSink(ports.sink);

    // Dovecot's configuration as Debian ships it, then the README's TLS step: a
    // self-signed certificate where Debian's 10-ssl.conf reads it, for both daemons.
    await mkdir(this.path('dovecot'), { mode: 0o755 });
    const dovecotEtc = await copyDebianDovecot(this.path('dovecot'));
    const tls = {
      cert: join(dovecotEtc, 'private/dovecot.pem'),
      key: join(dovecotEtc, 'private/dovecot.key'),
    };
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=mail.yubin.test',
      '-addext',
      'subjectAltName=DNS:mail.yubin.test',
      '-keyout',
      tls.key,
      '-out',
      tls.cert,
    ]);
    await chmod(tls.key, 0o600);

    // README, "Render the configuration": the shipped command. Both Postfix instances
    // use the same rendering, so the submission listener is patched per instance.
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
        `127.0.0.1:${postfixPorts[0].submission}`,
        '--tls-cert',
        tls.cert,
        '--tls-key',
        tls.key,
        '--dovecot-config',
        join(dovecotEtc, 'dovecot.conf'),
        '--auth-policy-url',
        `http://127.0.0.1:${address.port}/api/v1/internal/dovecot/auth-policy`,
        '--rspamd-milter',
        `127.0.0.1:${filterPorts.milter}`,
        '--rspamd-worker',
        `127.0.0.1:${filterPorts.worker}`,
        '--rspamd-controller',
        `127.0.0.1:${filterPorts.controller}`,
        '--redis',
        `127.0.0.1:${filterPorts.redis}`,
        '--dns',
        `127.0.0.1:${filterPorts.dns}`,
        '--clamav',
        `unix:${clamavSocketPath(this.path('filter'))}`,
      ],
      { cwd: REPO, env: { ...process.env, DATABASE_URL: database.url, ...mailEnv } },
    );

    const mailUid = await idOf('-u', STORAGE_USER);
    const mailGid = await idOf('-g', STORAGE_USER);
    await mkdir(this.path('vmail'), { mode: 0o750 });
    await chown(this.path('vmail'), mailUid, mailGid);
    // README, "Install it": the credential files readable by the daemon that needs them.
    const dovecotGid = await idOf('-g', 'dovecot');
    for (const file of await readdir(join(rendered, 'dovecot'))) {
      if (file.endsWith('.ext')) await chown(join(rendered, 'dovecot', file), 0, dovecotGid);
    }
    const postfixGid = await idOf('-g', 'postfix');
    for (const file of await readdir(join(rendered, 'postfix/pgsql'))) {
      await chown(join(rendered, 'postfix/pgsql', file), 0, postfixGid);
    }

    // README, "Spam and viruses": the learning scripts for the storage user's group only,
    // the controller's password for Rspamd's; the Sieve scripts are compiled below.
    for (const program of await readdir(join(rendered, 'dovecot/sieve/bin'))) {
      await chown(join(rendered, 'dovecot/sieve/bin', program), 0, mailGid);
    }
    for (const file of ['worker-controller.inc', 'dkim_signing.conf', 'metadata_exporter.conf']) {
      await chown(join(rendered, 'rspamd/local.d', file), 0, await idOf('-g', '_rspamd'));
    }

    // Yubin is up (Rspamd fetches its maps at start, and waits a minute after a failure).
    await mkdir(this.path('filter'), { mode: 0o755 });
    this.filter = await startFilter({
      dir: this.path('filter'),
      rendered,
      ports: filterPorts,
      outputFile: this.path('start.log'),
    });

    const unixAccount = { user: `unix${hex(3)}`, password: `Unix-${hex(12)}` };
    this.dovecot = await startDovecot({
      dir: this.path('dovecot'),
      etc: dovecotEtc,
      yubinConf: join(rendered, 'dovecot/yubin.conf'),
      ports,
      unixAccount,
      outputFile: this.path('start.log'),
    });
    // README: compiled with Dovecot's own configuration (the IMAPSieve extensions).
    await run('sievec', ['-c', this.dovecot.configFile, join(rendered, 'dovecot/sieve')]);
    const starts: PostfixStart[] = ['no main.cf', 'Internet Site'];
    for (const [index, start] of starts.entries()) {
      const own = postfixPorts[index] as { smtp: number; submission: number };
      const dir = this.path(`postfix-${index}`);
      await mkdir(dir, { mode: 0o755 });
      this.postfix.push(
        await startPostfix({
          start,
          dir,
          rendered,
          submissionListen: {
            rendered: `127.0.0.1:${postfixPorts[0].submission}`,
            own: `127.0.0.1:${own.submission}`,
          },
          ports: { ...own, sink: ports.sink },
          outputFile: this.path('start.log'),
        }),
      );
    }
    const [first] = this.postfix as [PostfixInstance];

    this.info = {
      apiBaseUrl: `http://127.0.0.1:${address.port}`,
      databaseUrl: database.url,
      ports: {
        smtp: first.ports.smtp,
        submission: first.ports.submission,
        imap: ports.imap,
        pop3: ports.pop3,
        sink: ports.sink,
      },
      postfix: this.postfix.map(({ start, ports, logFile }) => ({ start, ports, logFile })),
      dovecotConfig: this.dovecot.configFile,
      postfixLog: first.logFile,
      dovecotLog: this.dovecot.logFile,
      renderedDir: rendered,
      roles: mailRoleNames(new URL(database.url).pathname.slice(1)),
      rolePasswords: { reader: readerPassword, quotaWriter: quotaWriterPassword },
      unixAccount,
      knot: {
        port: filterPorts.dns,
        socket: this.path('filter', 'knot', 'knot.sock'),
        zone: 'yubin.test',
      },
      rspamd: {
        controllerUrl: `http://127.0.0.1:${filterPorts.controller}`,
        workerUrl: `http://127.0.0.1:${filterPorts.worker}`,
        password: mailEnv.MAIL_RSPAMD_PASSWORD,
        log: this.filter.rspamdLog,
        redisPort: filterPorts.redis,
      },
    };
  }

  /** The last lines of the daemons' logs, for a failure message. */
  async logTail(lines = 40): Promise<string> {
    const tail = async (file: string) => {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text.split('\n').slice(-lines).join('\n');
    };
    const files = [
      this.path('start.log'),
      this.path('dovecot', 'dovecot.log'),
      this.path('postfix-0', 'postfix.log'),
      this.path('postfix-1', 'postfix.log'),
      this.path('filter', 'rspamd', 'log', 'rspamd.log'),
      this.path('filter', 'clamav', 'clamd.log'),
    ];
    const parts = await Promise.all(files.map(async (file) => `--- ${file}\n${await tail(file)}`));
    return parts.join('\n');
  }

  async stop(): Promise<void> {
    for (const instance of this.postfix) await instance.stop();
    await this.dovecot?.stop();
    await this.filter?.stop();
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
