import { appendFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { changedConffiles, hex, run, startDaemon, writeOwned } from './daemons.js';

/** The packages whose configuration files under /etc/dovecot the suite starts from. */
const DOVECOT_PACKAGES = [
  'dovecot-core',
  'dovecot-imapd',
  'dovecot-pop3d',
  'dovecot-lmtpd',
  'dovecot-pgsql',
  'dovecot-sieve',
  'dovecot-managesieved',
];

/** A Unix account with a password, which Dovecot must not let in (issue: system passdb). */
export interface UnixAccount {
  user: string;
  password: string;
}

export interface DovecotInstance {
  configFile: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Copies /etc/dovecot, which must be as the packages ship it, into `dir`/etc. The copy
 * stands for /etc/dovecot: the absolute paths in it (10-ssl.conf's certificate) point
 * into the copy, so the README's certificate step writes to `etc`/private.
 */
export async function copyDebianDovecot(dir: string): Promise<string> {
  const changed = await changedConffiles(DOVECOT_PACKAGES, '/etc/dovecot');
  if (changed.length > 0) {
    throw new Error(
      `/etc/dovecot is not as Debian ships it (${changed.join(', ')}): the suite tests the packages' own configuration`,
    );
  }
  const etc = join(dir, 'etc');
  await cp('/etc/dovecot', etc, { recursive: true, preserveTimestamps: true });
  const sslConf = join(etc, 'conf.d/10-ssl.conf');
  await writeFile(
    sslConf,
    (await readFile(sslConf, 'utf8')).replaceAll('</etc/dovecot/', `<${etc}/`),
  );
  return etc;
}

/**
 * Dovecot from Debian's own /etc/dovecot, copied as the package ships it, plus exactly the
 * README's steps: the system users' include commented out in 10-auth.conf, and Yubin's
 * yubin.conf included at the end of dovecot.conf. What an operator chooses for their own
 * server (listeners, paths, logging) goes into local.conf, which dovecot.conf includes.
 *
 * It runs in a private mount namespace whose /etc/passwd and /etc/shadow add one Unix
 * account with a password, so the suite can show that such an account is refused
 * without adding a user to this machine.
 */
export async function startDovecot(options: {
  dir: string;
  /** The copy of /etc/dovecot made by copyDebianDovecot. */
  etc: string;
  yubinConf: string;
  ports: { imap: number; pop3: number; managesieve: number };
  unixAccount: UnixAccount;
  outputFile: string;
}): Promise<DovecotInstance> {
  const { dir, etc } = options;
  // README, "Install it": no system users, then Yubin's configuration last.
  const authConf = join(etc, 'conf.d/10-auth.conf');
  const stock = await readFile(authConf, 'utf8');
  const withoutSystem = stock.replace(/^!include auth-system\.conf\.ext/m, '#$&');
  if (withoutSystem === stock)
    throw new Error(`${authConf} no longer includes auth-system.conf.ext`);
  await writeFile(authConf, withoutSystem);
  await appendFile(join(etc, 'dovecot.conf'), `!include ${options.yubinConf}\n`);

  const logFile = join(dir, 'dovecot.log');
  await mkdir(join(dir, 'run'), { recursive: true, mode: 0o755 });
  await mkdir(join(dir, 'state'), { recursive: true, mode: 0o750 });
  // This server's own choices, as an operator makes them in local.conf.
  await writeOwned(
    join(etc, 'local.conf'),
    `# Test harness for Yubin's mail end-to-end suite: where this Dovecot listens and logs.
instance_name = yubin-e2e-${hex(4)}
base_dir = ${dir}/run
state_dir = ${dir}/state
listen = 127.0.0.1
log_path = ${logFile}
auth_verbose = yes
hostname = mail.yubin.test
postmaster_address = postmaster@yubin.test
# Answer a failed login at once rather than after Debian's 2 s: the specs log in wrongly
# on purpose and measure how fast a change applies. (Only the failure's answer waits for
# it; whom to refuse or delay is Yubin's throttle, as rendered.)
auth_failure_delay = 0
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${options.ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${options.ports.pop3}
  }
  inet_listener pop3s {
    port = 0
  }
}
# dovecot-sieve enables ManageSieve on 4190; a free port instead.
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = ${options.ports.managesieve}
  }
}
`,
    0o644,
  );

  const users = await unixAccountFiles(dir, options.unixAccount);
  const configFile = join(etc, 'dovecot.conf');
  await startDaemon(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-ec',
      'mount --bind "$1" /etc/passwd; mount --bind "$2" /etc/shadow; exec dovecot -c "$3"',
      'dovecot-e2e',
      users.passwd,
      users.shadow,
      configFile,
    ],
    options.outputFile,
  );
  return {
    configFile,
    logFile,
    stop: async () => {
      await run('doveadm', ['-c', configFile, 'stop']).catch(() => undefined);
    },
  };
}

/** Copies of this machine's passwd and shadow with one more account, a password's. */
async function unixAccountFiles(dir: string, account: UnixAccount) {
  const { stdout: hash } = await run('openssl', ['passwd', '-6', account.password]);
  const passwd = join(dir, 'passwd');
  const shadow = join(dir, 'shadow');
  const days = Math.floor(Date.now() / 86_400_000);
  await writeOwned(
    passwd,
    `${await readFile('/etc/passwd', 'utf8')}${account.user}:x:61999:61999:Unix account:/nonexistent:/usr/sbin/nologin\n`,
    0o644,
  );
  await writeOwned(
    shadow,
    `${await readFile('/etc/shadow', 'utf8')}${account.user}:${hash.trim()}:${days}:0:99999:7:::\n`,
    0o640,
  );
  return { passwd, shadow };
}
