import { resolve } from 'node:path';
import { mailRoleNames } from '../../infra/database/mail-roles.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { AUTH_POLICY_PATH } from './daemon-config.auth-policy.js';
import { parseEndpoint, type DaemonConfigSettings } from './daemon-config.render.js';
import { parseHostPort, type FilterSettings } from './daemon-config.rspamd.js';

/** The embedded database's name (see infra/database/embedded-postgres.ts). */
const EMBEDDED_DATABASE = 'yubin';

/** Command-line overrides of `npm run daemon-config`; every one is optional but `out`. */
export interface DaemonConfigOptions {
  out: string;
  /** dovecot.conf on the mail server (default Debian's). */
  dovecotConfig?: string | undefined;
  /** Where the output folder will live on the mail server (default: `out` itself). */
  installDir?: string | undefined;
  lmtp?: string | undefined;
  sasl?: string | undefined;
  submissionListen?: string | undefined;
  postfixQueueDir?: string | undefined;
  storageDir?: string | undefined;
  storageUser?: string | undefined;
  /** The storage user's uid and gid on the mail server (looked up there by the CLI). */
  storageUid?: number | undefined;
  storageGid?: number | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  dbHost?: string | undefined;
  dbPort?: number | undefined;
  verifyInAuthWorkers?: boolean | undefined;
  /** Yubin's auth policy endpoint as the mail server reaches it (default: this Yubin on loopback). */
  authPolicyUrl?: string | undefined;
  /** Rspamd's listeners (host:port; Debian's defaults 11332, 11333, 11334 on loopback). */
  rspamdMilter?: string | undefined;
  rspamdWorker?: string | undefined;
  rspamdController?: string | undefined;
  /** Overrides of MAIL_RSPAMD_REDIS and MAIL_RSPAMD_DNS. */
  redis?: string | undefined;
  dns?: string | undefined;
  /** clamd's socket: unix:/path or inet:host:port (default Debian's /run/clamav/clamd.ctl). */
  clamav?: string | undefined;
}

export class DaemonConfigError extends Error {}

/**
 * The settings to render from Yubin's live configuration: the database the API uses
 * (DATABASE_URL, or the embedded server), the MAIL_* settings, then the options.
 */
export function daemonConfigSettings(
  config: AppConfig,
  options: DaemonConfigOptions,
): DaemonConfigSettings {
  const mail = config.mailServer;
  const missing = [
    mail.readerPassword === undefined ? 'MAIL_READER_PASSWORD' : undefined,
    mail.quotaWriterPassword === undefined ? 'MAIL_QUOTA_WRITER_PASSWORD' : undefined,
    mail.authPolicySecret === undefined ? 'MAIL_AUTH_POLICY_SECRET' : undefined,
    mail.rspamdPassword === undefined ? 'MAIL_RSPAMD_PASSWORD' : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new DaemonConfigError(
      `Set ${missing.join(', ')} (e.g. openssl rand -hex 24, or -hex 32 for the key) for Yubin ` +
        'and run this again: Yubin gives the mail server roles these passwords at start, and ' +
        "takes the key from Dovecot with every mail login it decides; Rspamd's controller " +
        'and the learning scripts share MAIL_RSPAMD_PASSWORD.',
    );
  }
  let host = '127.0.0.1';
  let port = config.database.embeddedPort;
  let name = EMBEDDED_DATABASE;
  if (config.database.url !== undefined) {
    const url = new URL(config.database.url);
    host = url.hostname === '' ? 'localhost' : url.hostname.replace(/^\[(.*)\]$/, '$1');
    port = url.port === '' ? 5432 : Number(url.port);
    name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  }
  const storageUser = options.storageUser ?? mail.storageUser;
  if (options.storageUid === undefined || options.storageGid === undefined) {
    throw new DaemonConfigError(
      `The storage user ${storageUser} is not on this machine: create it first ` +
        `(adduser --system --group --home ${options.storageDir ?? mail.storageDir} ${storageUser}), ` +
        'or give its ids on the mail server with --storage-uid and --storage-gid.',
    );
  }
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw new DaemonConfigError('Give both --tls-cert and --tls-key, or neither.');
  }
  const roles = mailRoleNames(name);
  const queueDir = options.postfixQueueDir ?? '/var/spool/postfix';
  const installRoot = resolve(options.installDir ?? options.out);
  return {
    database: {
      host: options.dbHost ?? mail.databaseHost ?? host,
      port: options.dbPort ?? mail.databasePort ?? port,
      name,
    },
    reader: { role: roles.reader, password: mail.readerPassword as string },
    quotaWriter: { role: roles.quotaWriter, password: mail.quotaWriterPassword as string },
    storage: {
      dir: options.storageDir ?? mail.storageDir,
      user: storageUser,
      uid: options.storageUid,
      gid: options.storageGid,
    },
    tls:
      options.tlsCert === undefined || options.tlsKey === undefined
        ? undefined
        : { cert: options.tlsCert, key: options.tlsKey },
    installDir: { postfix: `${installRoot}/postfix`, dovecot: `${installRoot}/dovecot` },
    dovecotConfigFile: options.dovecotConfig,
    postfixQueueDir: queueDir,
    lmtp: parseEndpoint(options.lmtp ?? `unix:${queueDir}/private/dovecot-lmtp`),
    sasl: parseEndpoint(options.sasl ?? `unix:${queueDir}/private/auth`),
    submissionListen: options.submissionListen ?? 'submission',
    verifyInAuthWorkers: options.verifyInAuthWorkers ?? true,
    authPolicy: {
      url: options.authPolicyUrl ?? defaultAuthPolicyUrl(config),
      secret: mail.authPolicySecret as string,
    },
    dkimSignerSecret: mail.dkimSignerSecret,
    filter: filterSettings(config, options),
  };
}

function filterSettings(config: AppConfig, options: DaemonConfigOptions): FilterSettings {
  const mail = config.mailServer;
  const endpoint = (text: string, what: string) => {
    try {
      return parseHostPort(text);
    } catch {
      throw new DaemonConfigError(`${what}: "${text}" is not host:port`);
    }
  };
  const clamav = parseEndpoint(options.clamav ?? 'unix:/run/clamav/clamd.ctl');
  return {
    milter: endpoint(options.rspamdMilter ?? '127.0.0.1:11332', 'Rspamd milter'),
    worker: endpoint(options.rspamdWorker ?? '127.0.0.1:11333', 'Rspamd worker'),
    controller: {
      ...endpoint(options.rspamdController ?? '127.0.0.1:11334', 'Rspamd controller'),
      password: mail.rspamdPassword as string,
    },
    redis: endpoint(options.redis ?? mail.rspamdRedis, 'Redis'),
    dns: (options.dns ?? mail.rspamdDns).split(',').map((text) => endpoint(text.trim(), 'DNS')),
    clamav:
      clamav.kind === 'unix' ? clamav : { kind: 'inet', host: clamav.host, port: clamav.port },
  };
}

/** This Yubin as a mail server on the same host reaches it: its own address, or loopback. */
function defaultAuthPolicyUrl(config: AppConfig): string {
  const { host, port } = config.http;
  const reachable = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host;
  const authority = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${authority}:${port}${AUTH_POLICY_PATH}`;
}
