import { isAbsolute, resolve } from 'node:path';

/**
 * The one place that reads the environment. Everything else receives an AppConfig.
 * Parsing is strict: a malformed value stops the boot with a list of every problem.
 */
export interface AppConfig {
  readonly production: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly trustProxy: boolean;
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
  };
  readonly mailboxRetentionDays: number;
  /** How Postfix and Dovecot use the database (see `npm run daemon-config`). */
  readonly mailServer: MailServerSettings;
  readonly logLevel: LogLevel;
}

export interface MailServerSettings {
  /** Password of the role the daemons read the views as; applied at every start when set. */
  readonly readerPassword: string | undefined;
  /** Password of the role Dovecot writes quota usage as; applied at every start when set. */
  readonly quotaWriterPassword: string | undefined;
  /** Where the mail server reaches PostgreSQL, when not at the host and port Yubin uses. */
  readonly databaseHost: string | undefined;
  readonly databasePort: number | undefined;
  /** Mail storage root on the mail server; each mailbox lives in `<domain>/<mailbox id>`. */
  readonly storageDir: string;
  /** The system user (and group) that owns the mail storage. */
  readonly storageUser: string;
}

/** Role passwords end up in daemon config files: a safe, unquoted alphabet only. */
const ROLE_PASSWORD = /^[A-Za-z0-9._~-]{16,128}$/;
const HOST_NAME = /^[A-Za-z0-9.:_-]{1,253}$/;
const STORAGE_DIR = /^\/[A-Za-z0-9._/-]{0,200}$/;
const SYSTEM_USER = /^[a-z_][a-z0-9_-]{0,31}$/;

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.optional(name);
    return value ?? fallback;
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const read = new EnvReader(env);
  const production = read.optional('NODE_ENV') === 'production';
  const dataDirRaw = read.string('DATA_DIR', './data');
  const webRootRaw = read.string('WEB_ROOT', './dist/web/browser');
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

  const mailHostname = read.string('MAIL_HOSTNAME', 'localhost');
  const rolePassword = (name: string): string | undefined => {
    const value = read.optional(name);
    if (value !== undefined && !ROLE_PASSWORD.test(value)) {
      read.problems.push(
        `${name} must be 16 to 128 characters of A-Z a-z 0-9 . _ ~ - (openssl rand -hex 24)`,
      );
    }
    return value;
  };
  const matching = (name: string, pattern: RegExp, fallback: string, what: string): string => {
    const value = read.string(name, fallback);
    if (!pattern.test(value) || value.includes('..')) {
      read.problems.push(`${name} must be ${what}, got "${value}"`);
    }
    return value;
  };
  const mailDatabaseHost = read.optional('MAIL_DB_HOST');
  if (mailDatabaseHost !== undefined && !HOST_NAME.test(mailDatabaseHost)) {
    read.problems.push(`MAIL_DB_HOST must be a host name or address, got "${mailDatabaseHost}"`);
  }
  const mailDatabasePort = read.optional('MAIL_DB_PORT');

  const config: AppConfig = {
    production,
    http: {
      host: read.string('HOST', '127.0.0.1'),
      port: read.integer('PORT', 3000, 0, 65535),
      trustProxy: read.boolean('TRUST_PROXY', false),
    },
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    webRoot: isAbsolute(webRootRaw) ? webRootRaw : resolve(cwd, webRootRaw),
    database: {
      url: databaseUrl,
      embeddedPort: read.integer('EMBEDDED_DB_PORT', 54329, 1, 65535),
      poolSize: read.integer('DB_POOL_SIZE', 10, 1, 500),
      runMigrations: read.boolean('MIGRATIONS_RUN', true),
    },
    secretKey,
    bootstrapAdmin: {
      email: read.string('BOOTSTRAP_ADMIN_EMAIL', 'admin@localhost').toLowerCase(),
      password: read.optional('BOOTSTRAP_ADMIN_PASSWORD'),
    },
    sessions: {
      idleTimeoutSeconds: read.integer('SESSION_IDLE_TIMEOUT_SECONDS', 30 * 60, 60, 7 * 86400),
      absoluteTimeoutSeconds: read.integer(
        'SESSION_ABSOLUTE_TIMEOUT_SECONDS',
        12 * 3600,
        300,
        30 * 86400,
      ),
    },
    argon2: {
      memoryKib: read.integer('ARGON2_MEMORY_KIB', 32768, 19456, 229376),
      iterations: read.integer('ARGON2_ITERATIONS', 3, 1, 10),
      parallelism: read.integer('ARGON2_PARALLELISM', 1, 1, 8),
    },
    security: {
      totpIssuer: read.string('TOTP_ISSUER', 'Yubin'),
      requireAdminTwoFactor: read.boolean('REQUIRE_ADMIN_TWO_FACTOR', false),
      adminTwoFactorGraceDays: read.integer('ADMIN_TWO_FACTOR_GRACE_DAYS', 7, 0, 365),
      passwordMinLength: read.integer('PASSWORD_MIN_LENGTH', 12, 8, 256),
      passwordMinScore: read.integer('PASSWORD_MIN_SCORE', 3, 0, 4) as 0 | 1 | 2 | 3 | 4,
    },
    mailHosts: {
      imap: read.string('IMAP_HOSTNAME', mailHostname),
      pop3: read.string('POP3_HOSTNAME', mailHostname),
      smtp: read.string('SMTP_HOSTNAME', mailHostname),
    },
    mailboxRetentionDays: read.integer('MAILBOX_RETENTION_DAYS', 30, 0, 3650),
    mailServer: {
      readerPassword: rolePassword('MAIL_READER_PASSWORD'),
      quotaWriterPassword: rolePassword('MAIL_QUOTA_WRITER_PASSWORD'),
      databaseHost: mailDatabaseHost,
      databasePort:
        mailDatabasePort === undefined ? undefined : read.integer('MAIL_DB_PORT', 5432, 1, 65535),
      storageDir: matching(
        'MAIL_STORAGE_DIR',
        STORAGE_DIR,
        '/var/vmail',
        'an absolute path of A-Z a-z 0-9 . _ / -',
      ),
      storageUser: matching('MAIL_STORAGE_USER', SYSTEM_USER, 'vmail', 'a system user name'),
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
