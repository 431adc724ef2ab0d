import { isAbsolute, resolve } from 'node:path';
import { parseAddress } from '../../common/validators/address.js';
import type { DmarcPolicy, MtaStsMode, SenderRuleLevel, SpfPolicy } from '#contracts';
import {
  CONFIG_VARIABLES,
  type BooleanVariable,
  type EnumValue,
  type EnumVariable,
  type IntegerVariable,
  type StringVariable,
  type VariableName,
  type VariableSpec,
} from './config-schema.js';
import { parseNetworkRanges, type NetworkRange } from './network-ranges.js';
import { parseOutboundSmtpUrl, type OutboundSmtp } from './outbound-smtp-url.js';
import { parseResolverAddress } from './resolver-address.js';
import { NO_PROXY, parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/**
 * The one place that reads the environment. Everything else receives an AppConfig.
 * Parsing is strict: a malformed value stops the boot with a list of every problem.
 */
export interface AppConfig {
  readonly production: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** The reverse proxies whose `X-Forwarded-*` headers are believed. */
    readonly trustProxy: TrustProxy;
  };
  readonly dataDir: string;
  /** The built web UI (served at `/`); a missing directory means the API runs alone. */
  readonly webRoot: string;
  readonly database: {
    /** Unset means: run the embedded PostgreSQL under `dataDir`. */
    readonly url: string | undefined;
    readonly embeddedPort: number;
    readonly poolSize: number;
    readonly runMigrations: boolean;
  };
  /** Base64 of 32 bytes; undefined means "use or create the key file in dataDir". */
  readonly secretKey: string | undefined;
  readonly bootstrapAdmin: {
    readonly email: string;
    readonly password: string | undefined;
  };
  readonly sessions: {
    readonly idleTimeoutSeconds: number;
    readonly absoluteTimeoutSeconds: number;
  };
  readonly argon2: {
    readonly memoryKib: number;
    readonly iterations: number;
    readonly parallelism: number;
  };
  readonly security: {
    readonly totpIssuer: string;
    /** Every admin must have 2FA after `adminTwoFactorGraceDays`. */
    readonly requireAdminTwoFactor: boolean;
    readonly adminTwoFactorGraceDays: number;
    /** The password policy where a domain sets none, and for standalone admin accounts. */
    readonly passwordMinLength: number;
    readonly passwordMinScore: 0 | 1 | 2 | 3 | 4;
  };
  /** What mail apps are told to connect to. */
  readonly mailHosts: {
    readonly imap: string;
    readonly pop3: string;
    readonly smtp: string;
    /** False while a host falls back to the `localhost` default: mail apps cannot use it. */
    readonly configured: boolean;
  };
  /** The generated DNS records, MTA-STS and their verification (ADR 0015). */
  readonly dns: DnsSettings;
  /** The mail Yubin sends itself (handover sheets). */
  readonly outboundMail: {
    /** Unset: Yubin sends no mail, and says so. */
    readonly smtp: OutboundSmtp | undefined;
    readonly from: string;
  };
  readonly mailboxRetentionDays: number;
  /** How many sender rules one list may hold, by level. */
  readonly senderRuleLimits: Readonly<Record<SenderRuleLevel, number>>;
  /** The `defaultQuotaBytes` of a domain created without one (0: no limit). */
  readonly defaultMailboxQuotaBytes: number;
  /** How Postfix and Dovecot use the database (see `npm run daemon-config`). */
  readonly mailServer: MailServerSettings;
  readonly logLevel: LogLevel;
  readonly log: {
    readonly format: LogFormat;
    /** Colour text logs: only on a terminal, and never with NO_COLOR set. */
    readonly colour: boolean;
  };
}

export interface MailServerSettings {
  /** Password of the role the daemons read the views as; applied at every start when set. */
  readonly readerPassword: string | undefined;
  /** Password of the role Dovecot writes quota usage as; applied at every start when set. */
  readonly quotaWriterPassword: string | undefined;
  /** The key Dovecot's auth policy requests carry (a header); unset refuses them all. */
  readonly authPolicySecret: string | undefined;
  /** The key of Rspamd's DKIM signer maps only (HTTP Basic); unset refuses them. */
  readonly dkimSignerSecret: string | undefined;
  /** Networks the Rspamd map routes answer (MAIL_SERVER_ADDRESSES). */
  readonly addresses: readonly NetworkRange[];
  /** Rspamd's controller password (learning from IMAPSieve); daemon-config needs it. */
  readonly rspamdPassword: string | undefined;
  /** host:port of the Redis that holds Rspamd's Bayes statistics. */
  readonly rspamdRedis: string;
  /** Comma-separated host:port of the only resolvers Rspamd asks. */
  readonly rspamdDns: string;
  /** Where the mail server reaches PostgreSQL, when not at the host and port Yubin uses. */
  readonly databaseHost: string | undefined;
  readonly databasePort: number | undefined;
  /** Mail storage root on the mail server; each mailbox lives in `<domain>/<mailbox id>`. */
  readonly storageDir: string;
  /** The system user (and group) that owns the mail storage. */
  readonly storageUser: string;
}

export interface DnsSettings {
  /** Where `autoconfig.`, `autodiscover.` and `mta-sts.` of every domain point. */
  readonly webHostname: string;
  readonly recordTtlSeconds: number;
  readonly spfPolicy: SpfPolicy;
  readonly dmarcPolicy: DmarcPolicy;
  readonly caaIssuer: string | undefined;
  readonly mtaStsMode: MtaStsMode;
  readonly mtaStsMaxAgeSeconds: number;
  /** `address` or `address:port` for node's resolver; undefined: the system's. */
  readonly resolver: string | undefined;
  readonly verifyIntervalSeconds: number;
  /** Days a replaced DKIM key stays published (DKIM_RETIRE_AFTER_DAYS). */
  readonly dkimRetireAfterDays: number;
}

/** Role passwords end up in daemon config files: a safe, unquoted alphabet only. */
const ROLE_PASSWORD = /^[A-Za-z0-9._~-]{16,128}$/;
/** Written into Dovecot's configuration as a header value: the same alphabet, longer. */
const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253}):\d{1,5}$/;
const AUTH_POLICY_SECRET = /^[A-Za-z0-9._~-]{32,128}$/;
const HOST_NAME = /^[A-Za-z0-9.:_-]{1,253}$/;
/** A DNS name as it goes into a zone file: letters, digits, hyphens, dots. */
const DNS_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const STORAGE_DIR = /^\/[A-Za-z0-9._/-]{0,200}$/;
const SYSTEM_USER = /^[a-z_][a-z0-9_-]{0,31}$/;

export const LOG_LEVELS = CONFIG_VARIABLES.LOG_LEVEL.values;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = EnumValue<'LOG_FORMAT'>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads variables as `CONFIG_VARIABLES` declares them: its defaults, its ranges. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: StringVariable & keyof typeof STRING_DEFAULTS): string {
    return this.optional(name) ?? STRING_DEFAULTS[name];
  }

  optional(name: VariableName): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: IntegerVariable): number {
    const { default: fallback, min, max } = CONFIG_VARIABLES[name];
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: BooleanVariable): boolean {
    const fallback = CONFIG_VARIABLES[name].default;
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<N extends EnumVariable>(name: N): EnumValue<N> {
    const { default: fallback, values } = CONFIG_VARIABLES[name];
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as EnumValue<N>;
    this.problems.push(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

/** The string variables that have a default value. */
const STRING_DEFAULTS = Object.fromEntries(
  Object.entries(CONFIG_VARIABLES).flatMap(([name, spec]: [string, VariableSpec]) =>
    spec.kind === 'string' && spec.default !== undefined ? [[name, spec.default]] : [],
  ),
) as Record<
  {
    [N in StringVariable]: (typeof CONFIG_VARIABLES)[N] extends { default: string } ? N : never;
  }[StringVariable],
  string
>;

/** Node types isTTY as boolean, but it is undefined when stdout is a file or a pipe. */
function stdoutIsTerminal(): boolean {
  return (process.stdout.isTTY as boolean | undefined) === true;
}

export function loadConfig(
  env: Env = process.env,
  cwd: string = process.cwd(),
  terminal: boolean = stdoutIsTerminal(),
): AppConfig {
  const read = new EnvReader(env);
  const production = read.optional('NODE_ENV') === 'production';
  const dataDirRaw = read.string('DATA_DIR');
  const webRootRaw = read.string('WEB_ROOT');
  const databaseUrl = read.optional('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    read.problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const secretKey = read.optional('SECRET_KEY');
  if (secretKey !== undefined && Buffer.from(secretKey, 'base64').length !== 32) {
    read.problems.push('SECRET_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
  }
  if (production && secretKey === undefined) {
    read.problems.push('SECRET_KEY is required when NODE_ENV=production');
  }

  const mailHostname = read.string('MAIL_HOSTNAME');
  const rolePassword = (name: StringVariable): string | undefined => {
    const value = read.optional(name);
    if (value !== undefined && !ROLE_PASSWORD.test(value)) {
      read.problems.push(
        `${name} must be 16 to 128 characters of A-Z a-z 0-9 . _ ~ - (openssl rand -hex 24)`,
      );
    }
    return value;
  };
  const matching = (
    name: 'MAIL_STORAGE_DIR' | 'MAIL_STORAGE_USER',
    pattern: RegExp,
    what: string,
  ): string => {
    const value = read.string(name);
    if (!pattern.test(value) || value.includes('..')) {
      read.problems.push(`${name} must be ${what}, got "${value}"`);
    }
    return value;
  };
  const hostPorts = (name: 'MAIL_RSPAMD_REDIS' | 'MAIL_RSPAMD_DNS', list: boolean): string => {
    const value = read.string(name);
    const items = list ? value.split(',') : [value];
    if (!items.every((item) => HOST_PORT.test(item.trim()))) {
      read.problems.push(
        `${name} must be ${list ? 'comma-separated ' : ''}host:port, got "${value}"`,
      );
    }
    return value;
  };
  const authPolicySecret = read.optional('MAIL_AUTH_POLICY_SECRET');
  if (authPolicySecret !== undefined && !AUTH_POLICY_SECRET.test(authPolicySecret)) {
    read.problems.push(
      'MAIL_AUTH_POLICY_SECRET must be 32 to 128 characters of A-Z a-z 0-9 . _ ~ - (openssl rand -hex 32)',
    );
  }
  const dkimSignerSecret = read.optional('MAIL_DKIM_SIGNER_SECRET');
  if (dkimSignerSecret !== undefined && !AUTH_POLICY_SECRET.test(dkimSignerSecret)) {
    read.problems.push(
      'MAIL_DKIM_SIGNER_SECRET must be 32 to 128 characters of A-Z a-z 0-9 . _ ~ - (openssl rand -hex 32)',
    );
  }
  if (dkimSignerSecret !== undefined && dkimSignerSecret === authPolicySecret) {
    read.problems.push(
      'MAIL_DKIM_SIGNER_SECRET must differ from MAIL_AUTH_POLICY_SECRET: Dovecot holds that one',
    );
  }
  const mailServerAddresses = parseNetworkRanges(read.string('MAIL_SERVER_ADDRESSES'));
  if ('problem' in mailServerAddresses) {
    read.problems.push(`MAIL_SERVER_ADDRESSES: ${mailServerAddresses.problem}`);
  }
  const mailDatabaseHost = read.optional('MAIL_DB_HOST');
  if (mailDatabaseHost !== undefined && !HOST_NAME.test(mailDatabaseHost)) {
    read.problems.push(`MAIL_DB_HOST must be a host name or address, got "${mailDatabaseHost}"`);
  }
  const mailDatabasePort = read.optional('MAIL_DB_PORT');
  const dnsName = (
    name: 'WEB_HOSTNAME' | 'DNS_CAA_ISSUER',
    fallback?: string,
  ): string | undefined => {
    const value = read.optional(name)?.toLowerCase().replace(/\.$/, '');
    if (value !== undefined && !DNS_NAME.test(value)) {
      read.problems.push(`${name} must be a host name such as example.com, got "${value}"`);
    }
    return value ?? fallback;
  };
  const resolver = read.optional('DNS_RESOLVER');
  if (resolver !== undefined && parseResolverAddress(resolver) === undefined) {
    read.problems.push(
      `DNS_RESOLVER must be an address, address:port or [v6]:port, got "${resolver}"`,
    );
  }
  const smtpHostname = read.optional('SMTP_HOSTNAME') ?? mailHostname;
  const outboundUrl = read.optional('OUTBOUND_SMTP_URL');
  const outboundSmtp = outboundUrl === undefined ? undefined : parseOutboundSmtpUrl(outboundUrl);
  if (outboundSmtp !== undefined && 'problem' in outboundSmtp) {
    read.problems.push(outboundSmtp.problem);
  }
  const outboundFromRaw = read.optional('OUTBOUND_MAIL_FROM');
  const outboundFrom =
    outboundFromRaw === undefined ? undefined : parseAddress(outboundFromRaw)?.address;
  if (outboundFromRaw !== undefined && outboundFrom === undefined) {
    read.problems.push(`OUTBOUND_MAIL_FROM must be an address, got "${outboundFromRaw}"`);
  }
  const trustProxyParsed = parseTrustProxy(read.optional('TRUST_PROXY'));
  if ('problem' in trustProxyParsed) read.problems.push(trustProxyParsed.problem);
  const trustProxy = 'value' in trustProxyParsed ? trustProxyParsed.value : NO_PROXY;

  const config: AppConfig = {
    production,
    http: {
      host: read.string('HOST'),
      port: read.integer('PORT'),
      trustProxy,
    },
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    webRoot: isAbsolute(webRootRaw) ? webRootRaw : resolve(cwd, webRootRaw),
    database: {
      url: databaseUrl,
      embeddedPort: read.integer('EMBEDDED_DB_PORT'),
      poolSize: read.integer('DB_POOL_SIZE'),
      runMigrations: read.boolean('MIGRATIONS_RUN'),
    },
    secretKey,
    bootstrapAdmin: {
      email: read.string('BOOTSTRAP_ADMIN_EMAIL').toLowerCase(),
      password: read.optional('BOOTSTRAP_ADMIN_PASSWORD'),
    },
    sessions: {
      idleTimeoutSeconds: read.integer('SESSION_IDLE_TIMEOUT_SECONDS'),
      absoluteTimeoutSeconds: read.integer('SESSION_ABSOLUTE_TIMEOUT_SECONDS'),
    },
    argon2: {
      memoryKib: read.integer('ARGON2_MEMORY_KIB'),
      iterations: read.integer('ARGON2_ITERATIONS'),
      parallelism: read.integer('ARGON2_PARALLELISM'),
    },
    security: {
      totpIssuer: read.string('TOTP_ISSUER'),
      requireAdminTwoFactor: read.boolean('REQUIRE_ADMIN_TWO_FACTOR'),
      adminTwoFactorGraceDays: read.integer('ADMIN_TWO_FACTOR_GRACE_DAYS'),
      passwordMinLength: read.integer('PASSWORD_MIN_LENGTH'),
      passwordMinScore: read.integer('PASSWORD_MIN_SCORE') as 0 | 1 | 2 | 3 | 4,
    },
    mailHosts: {
      imap: read.optional('IMAP_HOSTNAME') ?? mailHostname,
      pop3: read.optional('POP3_HOSTNAME') ?? mailHostname,
      smtp: smtpHostname,
      configured:
        read.optional('MAIL_HOSTNAME') !== undefined ||
        (['IMAP_HOSTNAME', 'POP3_HOSTNAME', 'SMTP_HOSTNAME'] as const).every(
          (name) => read.optional(name) !== undefined,
        ),
    },
    dns: {
      webHostname: dnsName('WEB_HOSTNAME', smtpHostname) ?? smtpHostname,
      recordTtlSeconds: read.integer('DNS_RECORD_TTL_SECONDS'),
      spfPolicy: read.oneOf('DNS_SPF_POLICY'),
      dmarcPolicy: read.oneOf('DNS_DMARC_POLICY'),
      caaIssuer: dnsName('DNS_CAA_ISSUER'),
      mtaStsMode: read.oneOf('MTA_STS_MODE'),
      mtaStsMaxAgeSeconds: read.integer('MTA_STS_MAX_AGE_SECONDS'),
      resolver,
      verifyIntervalSeconds: read.integer('DNS_VERIFY_INTERVAL_SECONDS'),
      dkimRetireAfterDays: read.integer('DKIM_RETIRE_AFTER_DAYS'),
    },
    outboundMail: {
      smtp: outboundSmtp !== undefined && 'value' in outboundSmtp ? outboundSmtp.value : undefined,
      from: outboundFrom ?? `postmaster@${mailHostname}`,
    },
    mailboxRetentionDays: read.integer('MAILBOX_RETENTION_DAYS'),
    senderRuleLimits: {
      global: read.integer('SENDER_RULES_GLOBAL'),
      domain: read.integer('SENDER_RULES_PER_DOMAIN'),
      mailbox: read.integer('SENDER_RULES_PER_MAILBOX'),
    },
    defaultMailboxQuotaBytes: read.integer('DEFAULT_MAILBOX_QUOTA_BYTES'),
    mailServer: {
      readerPassword: rolePassword('MAIL_READER_PASSWORD'),
      quotaWriterPassword: rolePassword('MAIL_QUOTA_WRITER_PASSWORD'),
      authPolicySecret,
      dkimSignerSecret,
      addresses: 'ranges' in mailServerAddresses ? mailServerAddresses.ranges : [],
      rspamdPassword: rolePassword('MAIL_RSPAMD_PASSWORD'),
      rspamdRedis: hostPorts('MAIL_RSPAMD_REDIS', false),
      rspamdDns: hostPorts('MAIL_RSPAMD_DNS', true),
      databaseHost: mailDatabaseHost,
      databasePort: mailDatabasePort === undefined ? undefined : read.integer('MAIL_DB_PORT'),
      storageDir: matching(
        'MAIL_STORAGE_DIR',
        STORAGE_DIR,
        'an absolute path of A-Z a-z 0-9 . _ / -',
      ),
      storageUser: matching('MAIL_STORAGE_USER', SYSTEM_USER, 'a system user name'),
    },
    logLevel: read.oneOf('LOG_LEVEL'),
    log: {
      format: read.oneOf('LOG_FORMAT'),
      colour: read.optional('NO_COLOR') === undefined && terminal,
    },
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
