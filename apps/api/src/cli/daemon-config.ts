import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { ConfigError, loadConfig } from '../infra/config/app-config.js';
import { renderDaemonConfig } from '../modules/daemon-config/daemon-config.render.js';
import { RSPAMD_PASSWORD_HASH } from '../modules/daemon-config/daemon-config.rspamd.js';
import {
  DaemonConfigError,
  daemonConfigSettings,
} from '../modules/daemon-config/daemon-config.settings.js';

const run = promisify(execFile);

const USAGE = `usage: npm run daemon-config -- --out DIR [options]

Renders Postfix and Dovecot configuration that reads Yubin's database, from Yubin's
settings (DATABASE_URL or the embedded database, MAIL_READER_PASSWORD,
MAIL_QUOTA_WRITER_PASSWORD, MAIL_AUTH_POLICY_SECRET, MAIL_RSPAMD_PASSWORD,
MAIL_RSPAMD_REDIS, MAIL_RSPAMD_DNS, MAIL_DB_HOST, MAIL_DB_PORT, MAIL_STORAGE_DIR,
MAIL_STORAGE_USER, HOST, PORT), and Rspamd's (rspamd/local.d) for spam and viruses.

  --out DIR                 where to write postfix/ and dovecot/ (required)
  --install-dir DIR         where DIR will be on the mail server (default: DIR itself)
  --dovecot-config FILE     dovecot.conf on the mail server (default /etc/dovecot/dovecot.conf)
  --lmtp ENDPOINT           Dovecot's LMTP socket (default unix:/var/spool/postfix/private/dovecot-lmtp)
  --sasl ENDPOINT           Dovecot's auth socket for Postfix (default unix:/var/spool/postfix/private/auth)
  --submission-listen ADDR  master.cf service name or host:port (default submission)
  --postfix-queue-dir DIR   Postfix's queue_directory (default /var/spool/postfix)
  --storage-dir DIR         mail storage root (default MAIL_STORAGE_DIR or /var/vmail)
  --storage-user USER       owner of the mail storage (default MAIL_STORAGE_USER or vmail)
  --storage-uid N, --storage-gid N   its ids on the mail server (default: looked up here)
  --tls-cert FILE, --tls-key FILE    PEM certificate and key for Postfix and Dovecot
  --db-host HOST, --db-port PORT   how the mail server reaches PostgreSQL
  --no-auth-workers         verify passwords in Dovecot's auth master process
  --auth-policy-url URL     Yubin's auth policy endpoint as the mail server reaches it
                            (default http://HOST:PORT/api/v1/internal/dovecot/auth-policy,
                            127.0.0.1 when HOST is 0.0.0.0)
  --rspamd-milter H:P       Rspamd's milter (proxy worker) (default 127.0.0.1:11332)
  --rspamd-worker H:P       Rspamd's normal worker (default 127.0.0.1:11333)
  --rspamd-controller H:P   Rspamd's controller (default 127.0.0.1:11334)
  --redis H:P               Redis for Rspamd's statistics (default MAIL_RSPAMD_REDIS)
  --dns H:P[,H:P]           Rspamd's resolvers (default MAIL_RSPAMD_DNS)
  --clamav ENDPOINT         clamd's socket (default unix:/run/clamav/clamd.ctl)

ENDPOINT is unix:/path or inet:host:port.
`;

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** A user's uid or a group's gid on this machine, through NSS; undefined if there is none. */
async function systemId(database: 'passwd' | 'group', name: string): Promise<number | undefined> {
  try {
    const { stdout } = await run('getent', [database, name]);
    const id = Number(stdout.split(':')[2]);
    return Number.isInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `rspamadm pw`'s hash of the password, or undefined without rspamadm. */
async function rspamdPasswordHash(password: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('rspamadm', ['pw', '--encrypt', '-p', password]);
    const hash = stdout.trim().split('\n').at(-1)?.trim() ?? '';
    if (!RSPAMD_PASSWORD_HASH.test(hash)) throw new Error(`rspamadm pw answered "${hash}"`);
    return hash;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'install-dir': { type: 'string' },
      'dovecot-config': { type: 'string' },
      lmtp: { type: 'string' },
      sasl: { type: 'string' },
      'submission-listen': { type: 'string' },
      'postfix-queue-dir': { type: 'string' },
      'storage-dir': { type: 'string' },
      'storage-user': { type: 'string' },
      'storage-uid': { type: 'string' },
      'storage-gid': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'db-host': { type: 'string' },
      'db-port': { type: 'string' },
      'no-auth-workers': { type: 'boolean' },
      'auth-policy-url': { type: 'string' },
      'rspamd-milter': { type: 'string' },
      'rspamd-worker': { type: 'string' },
      'rspamd-controller': { type: 'string' },
      redis: { type: 'string' },
      dns: { type: 'string' },
      clamav: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true || values.out === undefined) {
    process.stderr.write(USAGE);
    return values.help === true ? 0 : 2;
  }
  const out = resolve(values.out);
  const config = loadConfig();
  const storageUser = values['storage-user'] ?? config.mailServer.storageUser;
  const settings = daemonConfigSettings(config, {
    out,
    installDir: values['install-dir'],
    dovecotConfig: values['dovecot-config'],
    lmtp: values.lmtp,
    sasl: values.sasl,
    submissionListen: values['submission-listen'],
    postfixQueueDir: values['postfix-queue-dir'],
    storageDir: values['storage-dir'],
    storageUser,
    storageUid: optionalNumber(values['storage-uid']) ?? (await systemId('passwd', storageUser)),
    storageGid: optionalNumber(values['storage-gid']) ?? (await systemId('group', storageUser)),
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    dbHost: values['db-host'],
    dbPort: optionalNumber(values['db-port']),
    verifyInAuthWorkers: values['no-auth-workers'] === true ? false : undefined,
    authPolicyUrl: values['auth-policy-url'],
    rspamdMilter: values['rspamd-milter'],
    rspamdWorker: values['rspamd-worker'],
    rspamdController: values['rspamd-controller'],
    redis: values.redis,
    dns: values.dns,
    clamav: values.clamav,
  });
  // Rspamd's file gets the controller password hashed, by Rspamd's own tool where it is
  // installed (the mail server); elsewhere the password stays in clear, mode 0640.
  const hashed = await rspamdPasswordHash(settings.filter.controller.password);
  if (hashed === undefined)
    process.stderr.write(
      'rspamadm not found: the Rspamd controller password is written in clear (mode 0640).\n',
    );
  else settings.filter.controller.passwordHash = hashed;
  const files = renderDaemonConfig(settings);
  for (const file of files) {
    const path = join(out, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content, { mode: file.mode });
    await chmod(path, file.mode);
  }
  process.stdout.write(
    `Wrote ${files.length} files to ${out}:\n${files.map((f) => `  ${f.path}`).join('\n')}\n` +
      'Append postfix/main.cf.yubin to main.cf and postfix/master.cf.yubin to master.cf;\n' +
      `add "!include ${settings.installDir.dovecot}/yubin.conf" at the end of dovecot.conf, and\n` +
      'comment out "!include auth-system.conf.ext" in conf.d/10-auth.conf (no system users).\n' +
      'The files with passwords are mode 0640: give them to group postfix (postfix/pgsql)\n' +
      "and dovecot (dovecot/*.ext), dovecot/sieve/bin/* to the storage user's group; copy\n" +
      'rspamd/ into /etc/rspamd and give its files with keys to group _rspamd; compile the\n' +
      'Sieve scripts: sievec dovecot/sieve.\n' +
      'See "Wire your mail server to Yubin" in the README.\n' +
      `The database roles are ${settings.reader.role} and ${settings.quotaWriter.role}; in pg_hba.conf, above any trust line:\n` +
      [settings.reader.role, settings.quotaWriter.role]
        .map(
          (role) => `  host  ${settings.database.name}  ${role}  <mail server>/32  scram-sha-256\n`,
        )
        .join(''),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DaemonConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  },
);
