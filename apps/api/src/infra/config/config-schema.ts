import { DOVECOT_ARGON2_MAX_MEMORY_KIB } from '../crypto/argon2-phc.js';

/**
 * Every environment variable Yubin reads, with its default, what it accepts and what it
 * does: the parser takes defaults and ranges from here, and `npm run docs:config` writes
 * the README's configuration table from here. A variable read without an entry fails the
 * config spec.
 */
import { SENDER_RULE_LIMITS } from '#contracts';

interface Documented {
  readonly description: string;
  /** The default as the README shows it, where the value alone would not say it. */
  readonly defaultText?: string;
  /** What is accepted, where the kind alone would not say it. */
  readonly allowed?: string;
}
export type VariableSpec = Documented &
  (
    | {
        readonly kind: 'integer';
        readonly default: number;
        readonly min: number;
        readonly max: number;
      }
    | { readonly kind: 'boolean'; readonly default: boolean }
    | { readonly kind: 'enum'; readonly default: string; readonly values: readonly string[] }
    | { readonly kind: 'string'; readonly default?: string }
  );

export const GIB = 1024 ** 3;

export const CONFIG_VARIABLES = {
  PORT: { kind: 'integer', default: 3000, min: 0, max: 65535, description: 'HTTP port.' },
  HOST: {
    kind: 'string',
    default: '127.0.0.1',
    allowed: 'an address',
    description: 'Address to listen on. Set `0.0.0.0` to serve other hosts (put TLS in front).',
  },
  TRUST_PROXY: {
    kind: 'string',
    defaultText: 'unset (no proxy)',
    allowed:
      'a hop count (`1`), or addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`, comma-separated; never `true`',
    description:
      'The reverse proxies in front of Yubin, whose `X-Forwarded-*` headers are believed. The client address (throttles, sessions, audit log) is the right-most hop not trusted; https through a trusted proxy gives `Secure` cookies and HSTS.',
  },
  DATABASE_URL: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '`postgres://…` or `postgresql://…`',
    description: 'The database. Unset: run the embedded PostgreSQL under `DATA_DIR`.',
  },
  DATA_DIR: {
    kind: 'string',
    default: './data',
    allowed: 'a path',
    description:
      'Embedded database, its password file and, outside production, the generated secret key.',
  },
  EMBEDDED_DB_PORT: {
    kind: 'integer',
    default: 54329,
    min: 1,
    max: 65535,
    description: 'Port of the embedded PostgreSQL (127.0.0.1 only).',
  },
  DB_POOL_SIZE: {
    kind: 'integer',
    default: 10,
    min: 1,
    max: 500,
    description: 'Database connections per Yubin process.',
  },
  MIGRATIONS_RUN: {
    kind: 'boolean',
    default: true,
    description:
      'Apply pending migrations at start (under an advisory lock, so instances take turns).',
  },
  SECRET_KEY: {
    kind: 'string',
    defaultText: 'generated into `DATA_DIR/secret.key`',
    allowed: '32 bytes, base64 (`openssl rand -base64 32`)',
    description: 'Encrypts secrets at rest. **Required when `NODE_ENV=production`.**',
  },
  NODE_ENV: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '`production` or anything',
    description: '`production` makes `SECRET_KEY` mandatory.',
  },
  BOOTSTRAP_ADMIN_EMAIL: {
    kind: 'string',
    default: 'admin@localhost',
    allowed: 'an address',
    description: 'The first superadmin, created when the database has no admin.',
  },
  BOOTSTRAP_ADMIN_PASSWORD: {
    kind: 'string',
    defaultText: 'generated, printed once',
    allowed: 'any text',
    description:
      'Its password. A generated one must be changed at the first sign-in; one set here need not be.',
  },
  SESSION_IDLE_TIMEOUT_SECONDS: {
    kind: 'integer',
    default: 30 * 60,
    min: 60,
    max: 7 * 86400,
    description: 'A session ends after this long without a request.',
  },
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: {
    kind: 'integer',
    default: 12 * 3600,
    min: 300,
    max: 30 * 86400,
    description: 'A session ends this long after sign-in, whatever its activity.',
  },
  ARGON2_MEMORY_KIB: {
    kind: 'integer',
    default: 32768,
    min: 19456,
    max: DOVECOT_ARGON2_MAX_MEMORY_KIB,
    description: 'argon2id memory per hash (Dovecot must verify it).',
  },
  ARGON2_ITERATIONS: {
    kind: 'integer',
    default: 3,
    min: 1,
    max: 10,
    description: 'argon2id passes.',
  },
  ARGON2_PARALLELISM: {
    kind: 'integer',
    default: 1,
    min: 1,
    max: 8,
    description: 'argon2id lanes.',
  },
  TOTP_ISSUER: {
    kind: 'string',
    default: 'Yubin',
    allowed: 'any text',
    description: 'The name authenticator apps show beside a two-step sign-in entry.',
  },
  REQUIRE_ADMIN_TWO_FACTOR: {
    kind: 'boolean',
    default: false,
    description: 'Every admin must turn on two-step sign-in, after `ADMIN_TWO_FACTOR_GRACE_DAYS`.',
  },
  ADMIN_TWO_FACTOR_GRACE_DAYS: {
    kind: 'integer',
    default: 7,
    min: 0,
    max: 365,
    description:
      'Days an admin may still sign in without two-step sign-in once `REQUIRE_ADMIN_TWO_FACTOR` applies.',
  },
  PASSWORD_MIN_LENGTH: {
    kind: 'integer',
    default: 12,
    min: 8,
    max: 256,
    description:
      'Shortest password, for standalone admin accounts and domains that set no policy of their own.',
  },
  PASSWORD_MIN_SCORE: {
    kind: 'integer',
    default: 3,
    min: 0,
    max: 4,
    description: 'Weakest password strength (zxcvbn score), for the same accounts.',
  },
  MAIL_HOSTNAME: {
    kind: 'string',
    default: 'localhost',
    allowed: 'a host name',
    description:
      'The mail server that mail apps are told to connect to: shown on the connection settings page and in autoconfiguration. Set it (or the three below): while it is unset the dashboard warns. A domain’s `mailHostname` overrides it for its mailboxes.',
  },
  IMAP_HOSTNAME: {
    kind: 'string',
    defaultText: '`MAIL_HOSTNAME`',
    allowed: 'a host name',
    description:
      'The IMAP server mail apps are told to use, when not `MAIL_HOSTNAME`. A domain’s `mailHostname` overrides it for its mailboxes.',
  },
  POP3_HOSTNAME: {
    kind: 'string',
    defaultText: '`MAIL_HOSTNAME`',
    allowed: 'a host name',
    description:
      'The POP3 server mail apps are told to use, when not `MAIL_HOSTNAME`. A domain’s `mailHostname` overrides it for its mailboxes.',
  },
  SMTP_HOSTNAME: {
    kind: 'string',
    defaultText: '`MAIL_HOSTNAME`',
    allowed: 'a host name',
    description:
      'The SMTP server mail apps are told to use, when not `MAIL_HOSTNAME`. A domain’s `mailHostname` overrides it for its mailboxes.',
  },
  WEB_HOSTNAME: {
    kind: 'string',
    defaultText: '`SMTP_HOSTNAME`',
    allowed: 'a host name',
    description:
      'The public name of this Yubin (TLS in front). The generated DNS records point `autoconfig.`, `autodiscover.` and `mta-sts.` of every domain here.',
  },
  DNS_RECORD_TTL_SECONDS: {
    kind: 'integer',
    default: 3600,
    min: 60,
    max: 604800,
    description: 'The TTL of the generated DNS records.',
  },
  DNS_SPF_POLICY: {
    kind: 'enum',
    default: '-all',
    values: ['-all', '~all'],
    description:
      'What the SPF record asks receivers to do with mail from other hosts, for domains that set no policy of their own.',
  },
  DNS_DMARC_POLICY: {
    kind: 'enum',
    default: 'quarantine',
    values: ['none', 'quarantine', 'reject'],
    description: 'The DMARC policy of domains that set none of their own.',
  },
  DNS_CAA_ISSUER: {
    kind: 'string',
    defaultText: 'unset (no CAA record)',
    allowed: 'a certificate authority’s domain, e.g. `letsencrypt.org`',
    description:
      'The only certificate authority that may issue for a domain: adds a CAA record to the generated ones.',
  },
  MTA_STS_MODE: {
    kind: 'enum',
    default: 'testing',
    values: ['enforce', 'testing', 'none'],
    description:
      'The MTA-STS mode of domains that set none of their own: `enforce` makes senders refuse to deliver without valid TLS.',
  },
  MTA_STS_MAX_AGE_SECONDS: {
    kind: 'integer',
    default: 604800,
    min: 86400,
    max: 31557600,
    description: 'How long senders may cache a domain’s MTA-STS policy.',
  },
  DNS_RESOLVER: {
    kind: 'string',
    defaultText: 'the system’s',
    allowed: 'an address, or `address:port` (`[v6]:port`)',
    description: 'The DNS server that verification of the generated records asks.',
  },
  DKIM_RETIRE_AFTER_DAYS: {
    kind: 'integer',
    default: 7,
    min: 1,
    max: 90,
    description:
      'After a DKIM rotation, how many days the replaced key stays in DNS (mail signed with it is still in transit or being verified) before it is retired.',
  },
  DNS_VERIFY_INTERVAL_SECONDS: {
    kind: 'integer',
    default: 6 * 3600,
    min: 60,
    max: 7 * 86400,
    description:
      'How often every domain’s records are verified again, by one of the Yubin processes sharing the database.',
  },
  OUTBOUND_SMTP_URL: {
    kind: 'string',
    defaultText: 'unset (Yubin sends no mail)',
    allowed: '`smtp://[user:password@]host[:port]` (port 25 by default) or `smtps://…` (465)',
    description:
      'Where Yubin hands over the mail it sends itself (a new mailbox’s handover sheet, sent to another address), e.g. `smtp://127.0.0.1:25` for the Postfix beside it. `smtp://` uses STARTTLS whenever the server offers it and insists on it when a user and password are given; `smtps://` is TLS from the start. The certificate is verified, except on a loopback address. The password is a secret: percent-encode what URLs reserve.',
  },
  OUTBOUND_MAIL_FROM: {
    kind: 'string',
    defaultText: '`postmaster@` and `MAIL_HOSTNAME`',
    allowed: 'an address',
    description: 'The sender (`From:` and envelope) of the mail Yubin sends itself.',
  },
  MAILBOX_RETENTION_DAYS: {
    kind: 'integer',
    default: 30,
    min: 0,
    max: 3650,
    description: 'How long a deleted mailbox can be restored before it is purged.',
  },
  SENDER_RULES_PER_MAILBOX: {
    kind: 'integer',
    default: SENDER_RULE_LIMITS.mailbox,
    min: 1,
    max: 100_000,
    description: 'How many sender allow/block rules one mailbox may hold.',
  },
  SENDER_RULES_PER_DOMAIN: {
    kind: 'integer',
    default: SENDER_RULE_LIMITS.domain,
    min: 1,
    max: 1_000_000,
    description:
      'How many sender allow/block rules one domain may hold (its mailboxes’ not counted).',
  },
  SENDER_RULES_GLOBAL: {
    kind: 'integer',
    default: SENDER_RULE_LIMITS.global,
    min: 1,
    max: 1_000_000,
    description: 'How many global sender allow/block rules there may be.',
  },
  DEFAULT_MAILBOX_QUOTA_BYTES: {
    kind: 'integer',
    default: 5 * GIB,
    defaultText: '`5368709120` (5 GiB)',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    description:
      'The mailbox quota of a new domain when its creator sets none (`0` means no limit); the UI offers it too.',
  },
  MAIL_READER_PASSWORD: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '16–128 of `A-Za-z0-9._~-`',
    description:
      'Password of `<database>_mail_reader` (`yubin_mail_reader` for the database `yubin`), the role Postfix and Dovecot read the mail views as.',
  },
  MAIL_QUOTA_WRITER_PASSWORD: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '16–128 of `A-Za-z0-9._~-`',
    description:
      'Password of `<database>_mail_quota`, the role Dovecot writes quota usage as. Both are applied at every start.',
  },
  MAIL_AUTH_POLICY_SECRET: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '32–128 of `A-Za-z0-9._~-`',
    description:
      "The key Dovecot sends with each mail login it asks Yubin about (its auth policy server), so mail logins share the web sign-in's throttle. Unset: the mail server is refused.",
  },
  MAIL_DKIM_SIGNER_SECRET: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '32–128 of `A-Za-z0-9._~-`',
    description:
      "The key Rspamd's DKIM signer fetches the signing keys with (`/api/v1/internal/rspamd/dkim-…`, as the password of HTTP Basic); and Rspamd reports signed messages with it (`…/dkim-signed`); only Rspamd's dkim_signing.conf and metadata_exporter.conf hold it, never a Postfix or Dovecot file. Unset: nothing is signed.",
  },
  MAIL_SERVER_ADDRESSES: {
    kind: 'string',
    default: '127.0.0.0/8,::1/128',
    allowed: 'addresses and CIDR ranges, comma-separated',
    description:
      'Where Rspamd may fetch its maps from (`/api/v1/internal/rspamd/…`, with MAIL_AUTH_POLICY_SECRET as the password) and Dovecot’s quota warning script may report (`/api/v1/internal/dovecot/quota-warning`): the client address as TRUST_PROXY resolves it. Others get 403.',
  },
  MAIL_RSPAMD_PASSWORD: {
    kind: 'string',
    defaultText: 'unset',
    allowed: '16–128 of `A-Za-z0-9._~-`',
    description:
      "Password of Rspamd's controller, which Dovecot's IMAPSieve scripts teach spam and ham through when a user moves mail into or out of Junk. `npm run daemon-config` needs it.",
  },
  MAIL_RSPAMD_REDIS: {
    kind: 'string',
    default: '127.0.0.1:6379',
    allowed: '`host:port`',
    description: 'The Redis where Rspamd keeps its Bayes statistics (learning needs it).',
  },
  MAIL_RSPAMD_DNS: {
    kind: 'string',
    default: '127.0.0.1:53',
    allowed: 'comma-separated `host:port`',
    description:
      'The only DNS resolvers Rspamd asks (RBLs, SPF, DKIM, URLs): a local caching resolver, not a public one whose RBL queries are refused.',
  },
  MAIL_DB_HOST: {
    kind: 'string',
    defaultText: "the database's",
    allowed: 'a host name or address',
    description: 'How the mail server reaches PostgreSQL, when not at the host Yubin uses.',
  },
  MAIL_DB_PORT: {
    kind: 'integer',
    default: 5432,
    defaultText: "the database's",
    min: 1,
    max: 65535,
    description: 'The same for the port.',
  },
  MAIL_STORAGE_DIR: {
    kind: 'string',
    default: '/var/vmail',
    allowed: 'an absolute path of `A-Za-z0-9._/-`',
    description:
      'Mail storage root on the mail server; a mailbox lives in `<domain>/<mailbox id>`.',
  },
  MAIL_STORAGE_USER: {
    kind: 'string',
    default: 'vmail',
    allowed: 'a system user name',
    description: 'The system user and group that own the mail storage.',
  },
  LOG_LEVEL: {
    kind: 'enum',
    default: 'log',
    values: ['error', 'warn', 'log', 'debug', 'verbose'],
    description: 'How much to log.',
  },
  LOG_FORMAT: {
    kind: 'enum',
    default: 'text',
    values: ['text', 'json'],
    description:
      '`json`: one JSON object per line for log collectors, with a line per request (id, route, status, duration). Text shows request lines at `LOG_LEVEL=debug`.',
  },
  NO_COLOR: {
    kind: 'string',
    defaultText: 'unset',
    allowed: 'any text',
    description:
      'Set to anything to turn colours off. Text logs are coloured only on a terminal anyway.',
  },
  WEB_ROOT: {
    kind: 'string',
    default: './dist/web/browser',
    allowed: 'a path',
    description: 'The built web UI, served at `/`. Missing: Yubin serves the API alone.',
  },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof CONFIG_VARIABLES;
type NamesOfKind<K extends VariableSpec['kind']> = {
  [N in VariableName]: (typeof CONFIG_VARIABLES)[N]['kind'] extends K ? N : never;
}[VariableName];
export type IntegerVariable = NamesOfKind<'integer'>;
export type BooleanVariable = NamesOfKind<'boolean'>;
export type EnumVariable = NamesOfKind<'enum'>;
export type StringVariable = NamesOfKind<'string'>;
export type EnumValue<N extends EnumVariable> = (typeof CONFIG_VARIABLES)[N]['values'][number];

function code(value: string | number | boolean): string {
  return `\`${String(value)}\``;
}

/** The README's configuration table, in variable order. */
export function renderConfigTable(): string {
  const rows = Object.entries(CONFIG_VARIABLES).map(([name, spec]: [string, VariableSpec]) => {
    const fallback =
      spec.defaultText ??
      ('default' in spec && spec.default !== undefined ? code(spec.default) : 'unset');
    const allowed =
      spec.allowed ??
      (spec.kind === 'integer'
        ? `${spec.min}–${spec.max === Number.MAX_SAFE_INTEGER ? '…' : spec.max}`
        : spec.kind === 'boolean'
          ? '`true` or `false`'
          : spec.kind === 'enum'
            ? spec.values.map(code).join(', ')
            : 'text');
    return `| \`${name}\` | ${fallback} | ${allowed} | ${spec.description} |`;
  });
  return [
    '| Variable | Default | Accepts | What it does |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
