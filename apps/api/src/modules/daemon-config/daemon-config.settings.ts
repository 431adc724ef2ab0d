import { resolve } from 'node:path';
import {
  MAIL_QUOTA_WRITER_ROLE,
  MAIL_READER_ROLE,
} from '../../../../../migrations/1796083200000-mail-server-contract.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { parseEndpoint, type DaemonConfigSettings } from './daemon-config.render.js';

/** The embedded database's name (see infra/database/embedded-postgres.ts). */
const EMBEDDED_DATABASE = 'yubin';

/** Command-line overrides of `npm run daemon-config`; every one is optional but `out`. */
export interface DaemonConfigOptions {
  out: string;
  /** Where the output folder will live on the mail server (default: `out` itself). */
  installDir?: string | undefined;
  lmtp?: string | undefined;
  sasl?: string | undefined;
  submissionListen?: string | undefined;
  postfixQueueDir?: string | undefined;
  storageDir?: string | undefined;
  storageUser?: string | undefined;
  dbHost?: string | undefined;
  dbPort?: number | undefined;
  verifyInAuthWorkers?: boolean | undefined;
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
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new DaemonConfigError(
      `Set ${missing.join(' and ')} (e.g. openssl rand -hex 24) for Yubin and run this again: ` +
        'Yubin gives the mail server roles these passwords at start.',
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
  const queueDir = options.postfixQueueDir ?? '/var/spool/postfix';
  const installRoot = resolve(options.installDir ?? options.out);
  return {
    database: {
      host: options.dbHost ?? mail.databaseHost ?? host,
      port: options.dbPort ?? mail.databasePort ?? port,
      name,
    },
    reader: { role: MAIL_READER_ROLE, password: mail.readerPassword as string },
    quotaWriter: { role: MAIL_QUOTA_WRITER_ROLE, password: mail.quotaWriterPassword as string },
    storage: {
      dir: options.storageDir ?? mail.storageDir,
      user: options.storageUser ?? mail.storageUser,
    },
    installDir: { postfix: `${installRoot}/postfix`, dovecot: `${installRoot}/dovecot` },
    postfixQueueDir: queueDir,
    lmtp: parseEndpoint(options.lmtp ?? `unix:${queueDir}/private/dovecot-lmtp`),
    sasl: parseEndpoint(options.sasl ?? `unix:${queueDir}/private/auth`),
    submissionListen: options.submissionListen ?? 'submission',
    verifyInAuthWorkers: options.verifyInAuthWorkers ?? true,
  };
}
