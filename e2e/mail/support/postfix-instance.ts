import { existsSync } from 'node:fs';
import { appendFile, chown, copyFile, mkdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { idOf, run, withTerminal, writeOwned } from './daemons.js';

/**
 * The two main.cf files a Debian 12 operator starts from: none at all ("No
 * configuration", as scripts/install-mail-daemons.sh preseeds it) and the one the
 * package's postinst writes for "Internet Site" with debconf's default answers.
 */
export type PostfixStart = 'no main.cf' | 'Internet Site';

export interface PostfixInstance {
  start: PostfixStart;
  ports: { smtp: number; submission: number };
  logFile: string;
  stop(): Promise<void>;
}

/** What Debian's postinst sets on "Internet Site" (postfix.postinst, bookworm). */
async function internetSiteMainCf(dir: string): Promise<void> {
  const main = join(dir, 'main.cf');
  await copyFile('/usr/share/postfix/main.cf.debian', main);
  // With ssl-cert installed (a Recommends) the snakeoil TLS block comes next.
  await appendFile(main, await readFile('/usr/share/postfix/main.cf.tls'));
  await postconf(dir, [
    'smtpd_relay_restrictions=permit_mynetworks permit_sasl_authenticated defer_unauth_destination',
    'myhostname=mail.yubin.test',
    'alias_maps=hash:/etc/aliases',
    'alias_database=hash:/etc/aliases',
    'myorigin=/etc/mailname',
    'mydestination=$myhostname, mail.yubin.test, localhost.yubin.test, , localhost',
    'relayhost=',
    'mynetworks=127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128',
    'mailbox_size_limit=0',
    'recipient_delimiter=+',
    'inet_interfaces=all',
    'inet_protocols=all',
  ]);
}

function postconf(dir: string, settings: string[]) {
  return run('postconf', ['-c', dir, '-e', ...settings]);
}

/**
 * Postfix from one of Debian's starting points plus exactly the README's steps: the
 * rendered main.cf.yubin and master.cf.yubin appended, myhostname set. The settings
 * that put this instance on loopback ports in a temporary directory, log to a file
 * and keep the internet out (no DNS, outbound mail to the sink) are the harness's.
 */
export async function startPostfix(options: {
  start: PostfixStart;
  dir: string;
  rendered: string;
  /** The rendered submission listener, and this instance's own. */
  submissionListen: { rendered: string; own: string };
  ports: { smtp: number; submission: number; sink: number };
  outputFile: string;
}): Promise<PostfixInstance> {
  const { dir } = options;
  const config = join(dir, 'etc');
  const queue = join(dir, 'queue');
  const data = join(dir, 'data');
  const logFile = join(dir, 'postfix.log');
  await mkdir(config, { recursive: true, mode: 0o755 });
  await mkdir(queue, { mode: 0o755 });
  await mkdir(data, { mode: 0o700 });
  await chown(data, await idOf('-u', 'postfix'), await idOf('-g', 'postfix'));

  // Debian's starting point: master.cf as the package installs it, and main.cf or none.
  await copyFile('/usr/share/postfix/master.cf.dist', join(config, 'master.cf'));
  if (options.start === 'Internet Site') await internetSiteMainCf(config);

  // README, "Install it".
  await writeOwned(join(config, 'main.cf'), await readFileOr(join(config, 'main.cf')), 0o644);
  await postconf(config, ['myhostname=mail.yubin.test']);
  const fragment = await readFile(join(options.rendered, 'postfix/main.cf.yubin'), 'utf8');
  // postconf -X $(sed -n 's/^\([a-z0-9_]*\) =.*/\1/p' main.cf.yubin)
  const names = [...fragment.matchAll(/^([a-z0-9_]*) =/gm)].map((match) => match[1] as string);
  await run('postconf', ['-c', config, '-X', ...names]);
  await appendFile(join(config, 'main.cf'), fragment);
  const master = await readFile(join(options.rendered, 'postfix/master.cf.yubin'), 'utf8');
  const { rendered, own } = options.submissionListen;
  await appendFile(
    join(config, 'master.cf'),
    master.replace(`\n${rendered} inet`, `\n${own} inet`),
  );

  // The harness: this instance's directories, ports and log, and no way off loopback.
  await postconf(config, [
    `queue_directory=${queue}`,
    `data_directory=${data}`,
    'myorigin=$myhostname',
    'inet_interfaces=127.0.0.1',
    'inet_protocols=ipv4',
    // The specs connect from 127.0.0.1 as the internet would: trust no network.
    'mynetworks=',
    `maillog_file=${logFile}`,
    `maillog_file_prefixes=${dir}`,
    'smtp_dns_support_level=disabled',
    'smtpd_peername_lookup=no',
    `relayhost=[127.0.0.1]:${options.ports.sink}`,
    'smtp_tls_security_level=none',
    'lmtp_tls_security_level=none',
    'queue_run_delay=5s',
    'minimal_backoff_time=5s',
    'maximal_backoff_time=10s',
  ]);
  await run('postconf', ['-c', config, '-MX', 'smtp/inet']);
  await run('postconf', [
    '-c',
    config,
    '-M',
    `127.0.0.1:${options.ports.smtp}/inet=127.0.0.1:${options.ports.smtp} inet n - y - - smtpd`,
  ]);

  // README, "Start them" without systemd: the chroot, then Postfix.
  const env = { ...process.env, MAIL_CONFIG: config };
  await withTerminal('/usr/lib/postfix/configure-instance.sh -', options.outputFile, env);
  await withTerminal(`postfix -c ${config} check`, options.outputFile);
  await withTerminal(`postfix -c ${config} start`, options.outputFile);
  return {
    start: options.start,
    ports: { smtp: options.ports.smtp, submission: options.ports.submission },
    logFile,
    stop: async () => {
      await withTerminal(`timeout 60 postfix -c ${config} stop`, options.outputFile).catch(
        () => undefined,
      );
      // A master that did not stop (its logging stalled, say) is ended by its pid file.
      const pid = Number((await readFileOr(join(queue, 'pid/master.pid'))).trim());
      const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
      if (Number.isInteger(pid) && pid > 1 && cwd === queue) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    },
  };
}

async function readFileOr(path: string): Promise<string> {
  return existsSync(path) ? readFile(path, 'utf8') : '';
}
