import {
  authPolicyProblems,
  dovecotAuthPolicyConf,
  type AuthPolicySettings,
} from './daemon-config.auth-policy.js';
import { rspamdMapFiles } from './daemon-config.rspamd-maps.js';
import {
  filterProblems,
  JUNK_FOLDER,
  postfixMilterCf,
  rspamdFiles,
  type FilterSettings,
} from './daemon-config.rspamd.js';
import {
  dovecotQuotaWarningConf,
  QUOTA_WARNING_PROGRAM,
  quotaWarningProgram,
} from './daemon-config.quota-warning.js';
import { dovecotSieveConf, sieveFiles } from './daemon-config.sieve.js';

/**
 * Renders the configuration that wires Postfix and Dovecot to Yubin's database. Pure
 * functions of the settings: no I/O, no database. Every query takes only the daemon's
 * own escaped lookup variables (Postfix %s/%u/%d, Dovecot %u/%s); no value stored
 * through the API is ever written into a query or a config file.
 */
import { HOSTED_LOCAL_PART_SPECIALS } from '../../common/validators/local-part.js';

/** A socket the daemons talk over: a UNIX socket path or a TCP address. */
export type Endpoint =
  { kind: 'unix'; path: string } | { kind: 'inet'; host: string; port: number };

export interface DaemonConfigSettings {
  database: { host: string; port: number; name: string };
  reader: { role: string; password: string };
  quotaWriter: { role: string; password: string };
  /** Mail storage root and the system user (and its group) that owns it, with their ids. */
  storage: { dir: string; user: string; uid: number; gid: number };
  /**
   * The certificate Postfix offers (PEM files on the mail server); unset: yours. Dovecot
   * reads its own from Debian's 10-ssl.conf (/etc/dovecot/private/dovecot.pem and .key).
   */
  tls?: { cert: string; key: string } | undefined;
  /**
   * dovecot.conf on the mail server (default Debian's /etc/dovecot/dovecot.conf): the
   * quota warning script's dovecot-lda reads it, as Dovecot passes it no configuration.
   */
  dovecotConfigFile?: string | undefined;
  /** Absolute directories the rendered postfix/ and dovecot/ folders will be installed as. */
  installDir: { postfix: string; dovecot: string };
  /** Postfix's queue directory: UNIX sockets under it are given relative (chroot-safe). */
  postfixQueueDir: string;
  /** Dovecot's LMTP listener, where Postfix delivers. */
  lmtp: Endpoint;
  /** Dovecot's auth listener, where Postfix checks SMTP AUTH. */
  sasl: Endpoint;
  /** The submission service's listen address in master.cf (`submission` = port 587). */
  submissionListen: string;
  /** Verify passwords in Dovecot's auth worker processes (parallel argon2id). */
  verifyInAuthWorkers: boolean;
  /** Yubin's endpoint that decides each mail login (Dovecot's auth policy server). */
  authPolicy: AuthPolicySettings;
  /** MAIL_DKIM_SIGNER_SECRET: Rspamd's key for the DKIM signer maps only; unset, no signing. */
  dkimSignerSecret?: string | undefined;
  /** Rspamd, its Redis, DNS and ClamAV: spam and virus filtering, learning. */
  filter: FilterSettings;
}

const DEBIAN_DOVECOT_CONF = '/etc/dovecot/dovecot.conf';

export interface RenderedFile {
  /** Relative to the output directory. */
  path: string;
  content: string;
  /** Files holding a role password are 0640 (group: the daemon's). */
  mode: number;
}

/**
 * Postfix's answer to a sender or client a global block refuses: it replies
 * `554 5.7.1 <sender>: Sender address rejected: <text>` (or `Client host rejected`).
 */
export const GLOBAL_SENDER_REFUSAL = 'REJECT Refused by the global sender policy of Yubin';

/**
 * What each Postfix lookup table asks: one flat table each, keyed by the exact string
 * Postfix looks up, so a lookup is one index probe with nothing to plan. The tables are
 * kept equal to the contract's views (ADR 0006) by triggers (ADR 0011).
 */
export const POSTFIX_LOOKUPS = {
  'virtual-mailbox-domains': "SELECT 1 FROM mailserver.domain_map WHERE domain = '%s'",
  'virtual-mailbox-maps': "SELECT maildir FROM mailserver.mailbox_map WHERE address = '%s'",
  'virtual-alias-maps': "SELECT destination FROM mailserver.alias_map WHERE source = '%s'",
  'alias-domain-maps':
    "SELECT destination FROM mailserver.alias_domain_map WHERE alias_domain = '%d' AND local_part = '%u'",
  'alias-domain-catchall-maps':
    "SELECT destination FROM mailserver.alias_domain_catchall_map WHERE alias_domain = '%d'",
  'sender-login-maps': "SELECT login FROM mailserver.sender_map WHERE sender = '%s'",
  'alias-domain-sender-login-maps':
    "SELECT login FROM mailserver.alias_domain_sender_map WHERE alias_domain = '%d' AND local_part = '%u'",
  // Sender and client checks (ADR 0013). Postfix walks from the address to its domain and
  // parents, with or without a leading dot depending on parent_domain_matches_subdomains:
  // ltrim makes both forms one key.
  'sender-access-overrides':
    "SELECT 'OK' FROM mailserver.sender_access_map WHERE sender_key = ltrim('%s', '.') AND overridden",
  'client-access-overrides':
    "SELECT 'OK' FROM mailserver.client_access_map WHERE network >>= mailserver.client_address('%s') AND overridden LIMIT 1",
  'sender-access-blocks': `SELECT '${GLOBAL_SENDER_REFUSAL}' FROM mailserver.sender_access_map WHERE sender_key = ltrim('%s', '.') AND refused`,
  'client-access-blocks': `SELECT '${GLOBAL_SENDER_REFUSAL}' FROM mailserver.client_access_map WHERE network >>= mailserver.client_address('%s') AND refused LIMIT 1`,
} as const;

export type PostfixLookup = keyof typeof POSTFIX_LOOKUPS;

/** Dovecot's queries, with the storage root filled in (validated to a safe alphabet). */
export function dovecotQueries(storageDir: string) {
  return {
    /**
     * One query answers both kinds of password: the app password whose key is the
     * SHA-256 Dovecot computes from the typed password (only its hex digest reaches
     * SQL), else the mailbox's own password (key '', absent while 2FA is on). Each row
     * lists the services it opens (Dovecot 2.3's %s: imap, pop3, smtp).
     */
    password_query:
      "SELECT username AS user, password FROM mailserver.passdb_map WHERE username = '%u' AND lookup_key IN ('%{sha256:password}', '') AND '%s' = ANY (services) ORDER BY lookup_key DESC LIMIT 1",
    /**
     * The junk folder (ADR 0014) comes as plugin settings: the Sieve script reads it as
     * sieve_env_junk_folder and IMAPSieve learns from moves into and out of it. Always a
     * value (Dovecot would take a NULL as an empty setting, and IMAPSieve would learn
     * nothing): the policy's folder, else the default.
     */
    user_query: `SELECT username AS user, '${storageDir}/' || maildir AS home, mailserver.quota_rule(domain_id, quota_bytes, used_bytes) AS quota_rule, j.folder AS sieve_env_junk_folder, j.folder AS imapsieve_mailbox1_name, j.folder AS imapsieve_mailbox2_from FROM mailserver.userdb_map CROSS JOIN LATERAL (SELECT COALESCE(mailserver.junk_folder(username, domain_id), '${JUNK_FOLDER}') AS folder OFFSET 0) j WHERE username = '%u'`,
    iterate_query: 'SELECT username AS user FROM mailserver.userdb_map',
  };
}

const SAFE = {
  role: /^[a-z_][a-z0-9_]{0,62}$/,
  password: /^[A-Za-z0-9._~-]{16,128}$/,
  host: /^[A-Za-z0-9.:_-]{1,253}$/,
  dbName: /^[A-Za-z0-9_-]{1,63}$/,
  path: /^\/[A-Za-z0-9._/-]{0,200}$/,
  user: /^[a-z_][a-z0-9_-]{0,31}$/,
  listen: /^[A-Za-z0-9.:[\]_-]{1,100}$/,
};

/**
 * Every value that lands in a config file, checked against an alphabet that needs no
 * quoting in Postfix, Dovecot or libpq syntax. Throws with the list of problems.
 */
export function assertRenderable(settings: DaemonConfigSettings): void {
  const problems: string[] = [];
  const check = (what: string, value: string, pattern: RegExp) => {
    if (!pattern.test(value) || value.includes('..')) problems.push(`${what}: "${value}"`);
  };
  check('database host', settings.database.host, SAFE.host);
  check('database name', settings.database.name, SAFE.dbName);
  if (!Number.isInteger(settings.database.port) || settings.database.port < 1)
    problems.push(`database port: ${settings.database.port}`);
  for (const [what, role] of [
    ['reader', settings.reader],
    ['quota writer', settings.quotaWriter],
  ] as const) {
    check(`${what} role`, role.role, SAFE.role);
    if (!SAFE.password.test(role.password))
      problems.push(`${what} password: 16 to 128 characters of A-Z a-z 0-9 . _ ~ -`);
  }
  check('storage directory', settings.storage.dir, SAFE.path);
  check('storage user', settings.storage.user, SAFE.user);
  for (const [what, id] of [
    ['storage uid', settings.storage.uid],
    ['storage gid', settings.storage.gid],
  ] as const) {
    // Dovecot refuses root for mail access; ids are 32-bit.
    if (!Number.isInteger(id) || id < 1 || id > 0xfffffffe) problems.push(`${what}: ${id}`);
  }
  if (settings.tls !== undefined) {
    check('TLS certificate', settings.tls.cert, SAFE.path);
    check('TLS key', settings.tls.key, SAFE.path);
  }
  check('Postfix directory', settings.installDir.postfix, SAFE.path);
  check('Dovecot directory', settings.installDir.dovecot, SAFE.path);
  if (settings.dovecotConfigFile !== undefined)
    check('dovecot.conf', settings.dovecotConfigFile, SAFE.path);
  check('Postfix queue directory', settings.postfixQueueDir, SAFE.path);
  check('submission listen address', settings.submissionListen, SAFE.listen);
  for (const [what, endpoint] of [
    ['LMTP', settings.lmtp],
    ['SASL', settings.sasl],
  ] as const) {
    if (endpoint.kind === 'unix') check(`${what} socket`, endpoint.path, SAFE.path);
    else {
      check(`${what} host`, endpoint.host, SAFE.host);
      if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535)
        problems.push(`${what} port: ${endpoint.port}`);
    }
  }
  problems.push(...authPolicyProblems(settings.authPolicy));
  problems.push(...filterProblems(settings.filter));
  if (
    settings.dkimSignerSecret !== undefined &&
    !/^[A-Za-z0-9._~-]{32,128}$/.test(settings.dkimSignerSecret)
  )
    problems.push('DKIM signer key: 32 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  if (problems.length > 0) {
    throw new Error(`Cannot render the mail server configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Parses `unix:/path` or `inet:host:port` (a bare absolute path is a UNIX socket). */
export function parseEndpoint(text: string): Endpoint {
  if (text.startsWith('/')) return { kind: 'unix', path: text };
  if (text.startsWith('unix:')) return { kind: 'unix', path: text.slice('unix:'.length) };
  const match = /^inet:(.+):(\d{1,5})$/.exec(text);
  if (match !== null) return { kind: 'inet', host: match[1] as string, port: Number(match[2]) };
  throw new Error(`"${text}" is not unix:/path or inet:host:port`);
}

/** How Postfix names an endpoint: sockets under the queue directory are relative. */
function postfixEndpoint(endpoint: Endpoint, queueDir: string): string {
  if (endpoint.kind === 'inet') return `inet:${endpoint.host}:${endpoint.port}`;
  const prefix = queueDir.endsWith('/') ? queueDir : `${queueDir}/`;
  return endpoint.path.startsWith(prefix) ? endpoint.path.slice(prefix.length) : endpoint.path;
}

function dovecotListener(kind: string, endpoint: Endpoint): string {
  if (endpoint.kind === 'inet') {
    return `  inet_listener ${kind} {
    address = ${endpoint.host}
    port = ${endpoint.port}
  }`;
  }
  return `  unix_listener ${endpoint.path} {
    mode = 0660
    user = postfix
    group = postfix
  }`;
}

/** Letters, digits, the local-part specials Yubin hosts, and the @ between the parts. */
const AUTH_USERNAME_CHARS = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789${HOSTED_LOCAL_PART_SPECIALS}@`;

const HEADER = 'Generated by Yubin (npm run daemon-config). Regenerate rather than edit.';

function postfixLookupFile(
  settings: DaemonConfigSettings,
  name: PostfixLookup,
  purpose: string,
): RenderedFile {
  const { database, reader } = settings;
  return {
    path: `postfix/pgsql/${name}.cf`,
    mode: 0o640,
    content: `# ${HEADER}
# ${purpose}
hosts = inet:${database.host}:${database.port}
dbname = ${database.name}
user = ${reader.role}
password = ${reader.password}
query = ${POSTFIX_LOOKUPS[name]}
`,
  };
}

const LOOKUP_PURPOSES: Record<PostfixLookup, string> = {
  'virtual-mailbox-domains':
    'Domains and alias domains hosted here, active or not (virtual_mailbox_domains).',
  'virtual-mailbox-maps': 'Mailboxes that can receive (virtual_mailbox_maps).',
  'virtual-alias-maps':
    'Aliases, forwardings, catch-alls, and every mailbox mapped to itself (virtual_alias_maps).',
  'alias-domain-maps': 'user@alias-domain to user@target, for existing users (virtual_alias_maps).',
  'alias-domain-catchall-maps':
    "An alias domain shares its target's catch-all (virtual_alias_maps).",
  'sender-login-maps': 'Who may send as an address (smtpd_sender_login_maps).',
  'alias-domain-sender-login-maps':
    'Who may send as an address in an alias domain (smtpd_sender_login_maps).',
  'sender-access-overrides':
    'A sender a domain or mailbox allows: Rspamd decides per recipient (smtpd_sender_restrictions).',
  'client-access-overrides':
    'A client address a domain or mailbox allows: Rspamd decides per recipient (smtpd_sender_restrictions).',
  'sender-access-blocks':
    'A sender a global block refuses for every recipient (smtpd_sender_restrictions).',
  'client-access-blocks':
    'A client address a global block refuses for every recipient (smtpd_sender_restrictions).',
};

function postfixMainCf(settings: DaemonConfigSettings): string {
  const table = (name: PostfixLookup) =>
    `proxy:pgsql:${settings.installDir.postfix}/pgsql/${name}.cf`;
  return `# ${HEADER}
# Append to main.cf (a later setting replaces an earlier one), or make it the whole
# main.cf: it works on Debian's "Internet Site" main.cf and without one. Mail for these
# domains is delivered to Dovecot over LMTP; a virtual domain must not also be in
# mydestination.

# Without a main.cf Postfix runs at compatibility level 0, where smtpd refuses every
# connection until relaying is restricted; Debian's own main.cf says 3.6 too.
compatibility_level = 3.6
# Port 25 relays for nobody: it takes mail for the domains here (and the host's own
# names); only this host and SMTP AUTH users may send elsewhere.
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
# No local alias database: addresses are Yubin's, and without a main.cf Debian's
# /etc/aliases has never been compiled, which would defer mail to the host's names.
alias_maps =
alias_database =
${postfixTls(settings)}
virtual_mailbox_domains = ${table('virtual-mailbox-domains')}
virtual_mailbox_maps = ${table('virtual-mailbox-maps')}
# Postfix looks up the full address in every table before it tries @domain, so an
# exact address always beats a catch-all.
virtual_alias_maps =
  ${table('virtual-alias-maps')},
  ${table('alias-domain-maps')},
  ${table('alias-domain-catchall-maps')}
smtpd_sender_login_maps =
  ${table('sender-login-maps')},
  ${table('alias-domain-sender-login-maps')}
# Port 25 (submission has its own): what the global sender policy refuses for every
# recipient, at RCPT time (ADR 0013). A sender or client that a domain or mailbox allows
# ends this list first (OK ends only this list; relay and recipient checks still apply)
# and Rspamd decides per recipient. Put any sender checks of your own before these.
smtpd_sender_restrictions =
  check_sender_access ${table('sender-access-overrides')},
  check_client_access ${table('client-access-overrides')},
  check_sender_access ${table('sender-access-blocks')},
  check_client_access ${table('client-access-blocks')}
virtual_transport = lmtp:${settings.lmtp.kind === 'unix' ? 'unix:' : ''}${postfixEndpoint(settings.lmtp, settings.postfixQueueDir)}
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${postfixEndpoint(settings.sasl, settings.postfixQueueDir)}
# Unknown recipients are refused during the SMTP dialogue (550), not bounced later.
smtpd_reject_unlisted_recipient = yes
# Local parts are letters, digits and . _ - + ' (ADR 0010). % and ! never route to another
# host: port 25 refuses them (554, allow_untrusted_routing = no), submission knows no such
# user (550).
allow_percent_hack = no
swap_bangpath = no
# user+tag@ reaches user@ unless user+tag@ exists (the exact address is looked up first);
# Dovecot gets the address the lookup resolved, without the tag.
recipient_delimiter = +
propagate_unmatched_extensions = canonical
# Submission (master.cf): a user may send only as an address Yubin gives them, and
# never with the empty sender, which no login owns and the ownership check skips.
yubin_submission_sender_restrictions =
  reject_sender_login_mismatch,
  check_sender_access inline:{ { <> = 553 5.7.1 The empty sender is for bounces, not for mail apps } }
${postfixMilterCf(settings.filter)}`;
}

function postfixTls(settings: DaemonConfigSettings): string {
  if (settings.tls === undefined) return '';
  return `# The certificate submission needs (it refuses AUTH without TLS); port 25 offers it.
smtpd_tls_cert_file = ${settings.tls.cert}
smtpd_tls_key_file = ${settings.tls.key}
smtpd_tls_security_level = may
`;
}

function postfixMasterCf(settings: DaemonConfigSettings): string {
  return `# ${HEADER}
# Append to master.cf: mail submission with SMTP AUTH (checked by Dovecot against
# Yubin), over TLS only. A user may send only as an address that
# smtpd_sender_login_maps gives them (their own and their aliases'): 553 otherwise.
${settings.submissionListen} inet n       -       -       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=$yubin_submission_sender_restrictions
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
  -o milter_macro_daemon_name=ORIGINATING
`;
}

function dovecotConf(settings: DaemonConfigSettings): string {
  const dir = settings.installDir.dovecot;
  return `# ${HEADER}
# Include at the end of dovecot.conf:
#   !include ${dir}/yubin.conf
# Users, passwords, protocol switches and quotas come from Yubin's database; Dovecot
# writes each mailbox's usage back, and Yubin shows it as usedBytes.

# Yubin decides each login with the web sign-in's throttle (ADR 0005); the key is in the
# included file, which only root and the dovecot group may read.
!include ${dir}/yubin-auth-policy.conf.ext
# That throttle replaces Dovecot's per-address penalty, which delayed every login from
# an address (up to 15 s) after failures there, correct passwords too: behind an
# office's address, a correct SMTP AUTH waited until Postfix gave up with 454.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

auth_mechanisms = plain login
# Addresses are stored in lowercase.
auth_username_format = %Lu
# Every character of Yubin's local parts (ADR 0010): Dovecot's default set plus ' and +.
auth_username_chars = ${AUTH_USERNAME_CHARS}
# Postfix resolves sub-addresses; LMTP delivers to exactly the address it is given, so a
# mailbox a+b@ gets its own mail, not a@'s.
recipient_delimiter =
# No credential cache: a password reset, a deactivation or a protocol switch applies
# to the next login. Without a cache, Dovecot verifies every password in its single
# auth process, whatever the next setting says (ADR 0006 and the benchmark).
auth_cache_size = 0
# If you enable a cache (changes then wait up to auth_cache_ttl), this verifies cached
# credentials in the auth worker processes, in parallel across cores.
auth_cache_verify_password_with_worker = ${settings.verifyInAuthWorkers ? 'yes' : 'no'}

# One passdb answers both an app password (the only kind that works once the
# mailbox has 2FA) and the mailbox's own password (withheld while 2FA is on).
passdb {
  driver = sql
  args = ${dir}/yubin-sql.conf.ext
}
userdb {
  driver = sql
  args = ${dir}/yubin-sql.conf.ext
}

mail_uid = ${settings.storage.user}
mail_gid = ${settings.storage.user}
# Mail is read and written as the storage user only (Debian's default first_valid_uid
# of 500 would refuse a system user such as vmail, and LMTP would defer every message).
first_valid_uid = ${settings.storage.uid}
last_valid_uid = ${settings.storage.uid}
first_valid_gid = ${settings.storage.gid}
last_valid_gid = ${settings.storage.gid}
mail_location = maildir:~/Maildir
mail_plugins = $mail_plugins quota quota_clone

protocol imap {
  mail_plugins = $mail_plugins imap_quota
}

# Refuse a delivery at RCPT when the mailbox is already full (552 to Postfix).
lmtp_rcpt_check_quota = yes

plugin {
  quota = count:Mailbox
  quota_vsizes = yes
  quota_clone_dict = proxy::yubin-quota
}

dict {
  yubin-quota = pgsql:${dir}/yubin-dict-sql.conf.ext
}

${dovecotQuotaWarningConf(dir, settings.storage.user)}
service lmtp {
${dovecotListener('lmtp', settings.lmtp)}
}

service auth {
${dovecotListener('postfix-sasl', settings.sasl)}
}

${dovecotSieveConf(dir)}`;
}

function dovecotConnect(settings: DaemonConfigSettings, role: { role: string; password: string }) {
  const { database } = settings;
  return `host=${database.host} port=${database.port} dbname=${database.name} user=${role.role} password=${role.password}`;
}

function dovecotSqlConf(settings: DaemonConfigSettings): string {
  const queries = dovecotQueries(settings.storage.dir);
  return `# ${HEADER}
# passdb and userdb for Yubin. The queries read the mailserver lookup tables only and
# take only Dovecot's escaped %u (user), %s (service: imap, pop3 or smtp) and the
# SHA-256 of the typed password, which Dovecot computes.
driver = pgsql
connect = ${dovecotConnect(settings, settings.reader)}

# An app password, found by the SHA-256 of the typed password, else the mailbox's own
# password; each for the protocols it may use (imapEnabled, pop3Enabled, smtpEnabled,
# and the app password's own list). Then its argon2id hash is verified.
password_query = ${queries.password_query}

# Home is the mailbox's own directory; quota_rule is its limit, capped by what the
# domain's shared pool has left.
user_query = ${queries.user_query}

iterate_query = ${queries.iterate_query}
`;
}

function dovecotDictConf(settings: DaemonConfigSettings): string {
  return `# ${HEADER}
# quota_clone writes each mailbox's usage here; Yubin copies it to usedBytes.
connect = ${dovecotConnect(settings, settings.quotaWriter)}

map {
  pattern = priv/quota/storage
  table = mailserver.quota_usage
  username_field = username
  value_field = bytes
  value_type = uint
}

map {
  pattern = priv/quota/messages
  table = mailserver.quota_usage
  username_field = username
  value_field = messages
  value_type = uint
}
`;
}

export function renderDaemonConfig(settings: DaemonConfigSettings): RenderedFile[] {
  assertRenderable(settings);
  const lookups = (Object.keys(POSTFIX_LOOKUPS) as PostfixLookup[]).map((name) =>
    postfixLookupFile(settings, name, LOOKUP_PURPOSES[name]),
  );
  return [
    { path: 'postfix/main.cf.yubin', content: postfixMainCf(settings), mode: 0o644 },
    { path: 'postfix/master.cf.yubin', content: postfixMasterCf(settings), mode: 0o644 },
    ...lookups,
    { path: 'dovecot/yubin.conf', content: dovecotConf(settings), mode: 0o644 },
    { path: 'dovecot/yubin-sql.conf.ext', content: dovecotSqlConf(settings), mode: 0o640 },
    { path: 'dovecot/yubin-dict-sql.conf.ext', content: dovecotDictConf(settings), mode: 0o640 },
    {
      path: 'dovecot/yubin-auth-policy.conf.ext',
      content: dovecotAuthPolicyConf(settings.authPolicy, HEADER),
      mode: 0o640,
    },
    {
      path: `dovecot/${QUOTA_WARNING_PROGRAM}`,
      content: quotaWarningProgram(
        settings.authPolicy,
        settings.dovecotConfigFile ?? DEBIAN_DOVECOT_CONF,
        HEADER,
      ),
      mode: 0o700,
    },
    // Rspamd reaches Yubin where Dovecot does, with the same key (ADR 0013). The key is
    // in the map URLs: 0640, for group _rspamd.
    ...rspamdMapFiles(
      {
        apiBaseUrl: new URL(settings.authPolicy.url).origin,
        secret: settings.authPolicy.secret,
        signerSecret: settings.dkimSignerSecret,
      },
      HEADER,
    ).map((file) => ({ path: `rspamd/${file.file}`, content: file.content, mode: 0o640 })),
    ...sieveFiles(settings.filter, HEADER).map((file) => ({
      ...file,
      path: `dovecot/${file.path}`,
    })),
    ...rspamdFiles(settings.filter, HEADER).map((file) => ({
      ...file,
      path: `rspamd/${file.path}`,
    })),
  ];
}
