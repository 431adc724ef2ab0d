import { SPAM_POLICY_DEFAULTS } from '#contracts';

/**
 * Rspamd's side of the wiring (Debian bookworm's Rspamd 3.4): the files that go into
 * /etc/rspamd/local.d, the milter lines for Postfix, and the junk signal that Dovecot's
 * Sieve obeys. Pure functions of the settings.
 */

/** host:port. */
export interface HostPort {
  host: string;
  port: number;
}

export interface FilterSettings {
  /** Rspamd's proxy worker in milter mode: Postfix hands it every message. */
  milter: HostPort;
  /** Rspamd's normal worker, which scans what the milter (and rspamc) hands it. */
  worker: HostPort;
  /**
   * Rspamd's controller: learning and statistics, behind the password. `passwordHash` is
   * `rspamadm pw`'s hash of it (`$2$…`, Catena); with it, Rspamd's own file holds no
   * clear password (the learning programs, which send it, still do).
   */
  controller: HostPort & { password: string; passwordHash?: string };
  /** The Redis that holds Bayes statistics (and the other modules' state). */
  redis: HostPort;
  /** The only resolvers Rspamd asks (host:port), never /etc/resolv.conf's. */
  dns: HostPort[];
  /** clamd: a UNIX socket path, or host:port. */
  clamav: { kind: 'unix'; path: string } | ({ kind: 'inet' } & HostPort);
}

/**
 * The custom Rspamd action between add_header and reject: the message is accepted with
 * X-Yubin-Action: junk, and the Sieve script run before the user's own files it into Junk.
 */
export const JUNK_ACTION = 'junk';
export const JUNK_HEADER = 'X-Yubin-Action';
/** The symbol a settings rule inserts for a recipient whose virusAction is junk. */
export const VIRUS_JUNK_SYMBOL = 'YUBIN_VIRUS_JUNK';
/** The folder the junk script files into (special-use \Junk, created on first login). */
export const JUNK_FOLDER = 'Junk';

const SAFE_HOST = /^[A-Za-z0-9.:_-]{1,253}$/;
const SAFE_PATH = /^\/[A-Za-z0-9._/-]{0,200}$/;
const SAFE_SECRET = /^[A-Za-z0-9._~-]{16,128}$/;
/** `rspamadm pw`: `$2$` (Catena), then salt and hash in Rspamd's base32. */
export const RSPAMD_PASSWORD_HASH = /^\$2\$[a-z0-9]{16,64}\$[a-z0-9]{32,128}$/;

export function filterProblems(filter: FilterSettings): string[] {
  const problems: string[] = [];
  const endpoint = (what: string, { host, port }: HostPort) => {
    if (!SAFE_HOST.test(host)) problems.push(`${what} host: "${host}"`);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${what} port: ${port}`);
  };
  endpoint('Rspamd milter', filter.milter);
  endpoint('Rspamd worker', filter.worker);
  endpoint('Rspamd controller', filter.controller);
  endpoint('Redis', filter.redis);
  if (filter.dns.length === 0) problems.push('DNS: at least one resolver');
  for (const resolver of filter.dns) endpoint('DNS resolver', resolver);
  if (filter.clamav.kind === 'unix') {
    if (!SAFE_PATH.test(filter.clamav.path) || filter.clamav.path.includes('..'))
      problems.push(`ClamAV socket: "${filter.clamav.path}"`);
  } else endpoint('ClamAV', filter.clamav);
  const hash = filter.controller.passwordHash;
  if (hash !== undefined && !RSPAMD_PASSWORD_HASH.test(hash))
    problems.push('Rspamd controller password hash: not rspamadm pw output ($2$salt$hash)');
  if (!SAFE_SECRET.test(filter.controller.password))
    problems.push('Rspamd controller password: 16 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  return problems;
}

/** Parses `host:port` or `[v6]:port`. */
export function parseHostPort(text: string, defaultPort?: number): HostPort {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(text);
  if (match === null || (match[2] === undefined && defaultPort === undefined))
    throw new Error(`"${text}" is not host:port`);
  return {
    host: (match[1] as string).replace(/^\[(.*)\]$/, '$1'),
    port: match[2] === undefined ? (defaultPort as number) : Number(match[2]),
  };
}

function hostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Postfix's main.cf lines: every message, SMTP or local, passes Rspamd's milter. */
export function postfixMilterCf(filter: FilterSettings): string {
  return `# Every message passes Rspamd (spam, viruses, Yubin's sender rules) before it is queued.
smtpd_milters = inet:${hostPort(filter.milter)}
non_smtpd_milters = $smtpd_milters
# Without an answer from Rspamd, mail waits (4xx) rather than skipping the virus check.
milter_default_action = tempfail
milter_protocol = 6
milter_mail_macros = i {mail_addr} {client_addr} {client_name} {auth_authen}
`;
}

export interface RspamdFile {
  /** Relative to the rspamd/ folder (local.d/... or override.d/...). */
  path: string;
  content: string;
  mode: number;
}

/** Rspamd's local.d files; the comments say why, Rspamd's docs say what each option is. */
export function rspamdFiles(filter: FilterSettings, header: string): RspamdFile[] {
  const file = (path: string, body: string, mode = 0o644): RspamdFile => ({
    path,
    content: `# ${header}\n${body}`,
    mode,
  });
  const defaults = SPAM_POLICY_DEFAULTS;
  const clamav = filter.clamav.kind === 'unix' ? filter.clamav.path : hostPort(filter.clamav);
  return [
    file(
      'local.d/options.inc',
      `# Rspamd resolves (RBLs, SPF, DKIM, URLs, map hosts) only through these servers.
# Yubin's maps (sender rules, per-domain and per-mailbox thresholds) are polled this
# often, so a change in Yubin applies within seconds; a 304 costs Yubin one lookup.
# Rspamd waits between one and two intervals (its jitter): a change applies within 4 s
# plus the fetch, inside the 10 s the product promises even on a loaded machine.
map_watch_interval = 2s;
dns {
  nameserver = [${filter.dns.map((resolver) => `"${hostPort(resolver)}"`).join(', ')}];
}
`,
    ),
    file(
      'local.d/worker-proxy.inc',
      `# Postfix's milter; the normal worker below does the scanning.
bind_socket = "${hostPort(filter.milter)}";
milter = yes;
timeout = 120s;
upstream "local" {
  default = yes;
  hosts = "${hostPort(filter.worker)}";
}
`,
    ),
    file(
      'local.d/worker-normal.inc',
      `bind_socket = "${hostPort(filter.worker)}";
`,
    ),
    file(
      'local.d/worker-controller.inc',
      `# Learning (Dovecot's IMAPSieve scripts) and statistics. The password is required from
# every address: Debian's secure_ip lets loopback in without it, and is emptied in
# override.d/worker-controller.inc.${filter.controller.passwordHash === undefined ? '' : "\n# The password's hash (rspamadm pw): Rspamd accepts the password it was made from."}
bind_socket = "${hostPort(filter.controller)}";
password = "${filter.controller.passwordHash ?? filter.controller.password}";
enable_password = "${filter.controller.passwordHash ?? filter.controller.password}";
`,
      0o640,
    ),
    file(
      'override.d/worker-controller.inc',
      `secure_ip = [];
`,
    ),
    file(
      'local.d/redis.conf',
      `# Bayes statistics live in Redis (the SQLite backend is gone since Rspamd 2.0).
servers = "${hostPort(filter.redis)}";
`,
    ),
    file(
      'local.d/classifier-bayes.conf',
      `# Bayes learns only from what users file as junk or take out of it (IMAPSieve).
autolearn = false;
`,
    ),
    file(
      'local.d/antivirus.conf',
      `# ClamAV (clamav-daemon) scans every part. The symbol forces no action itself: the
# force_actions rules reject, or file into Junk for recipients whose virusAction is junk.
clamav {
  type = "clamav";
  servers = "${clamav}";
  symbol = "CLAM_VIRUS";
  scan_mime_parts = true;
  scan_text_mime = true;
  scan_image_mime = true;
  max_size = 50000000;
  timeout = 15.0;
  retransmits = 1;
}
`,
    ),
    file(
      'local.d/actions.conf',
      `# The spam policy's defaults; Yubin's settings map sets each domain's and mailbox's own.
# ${JUNK_ACTION} is Yubin's action between add_header and reject (Rspamd >= 1.9 custom action).
greylist = null;
rewrite_subject = null;
add_header = ${defaults.addHeaderScore};
${JUNK_ACTION} = { score = ${defaults.junkScore}; }
reject = ${defaults.rejectScore};
`,
    ),
    file(
      'local.d/force_actions.conf',
      `rules {
  YUBIN_VIRUS_REJECT {
    expression = "CLAM_VIRUS & !${VIRUS_JUNK_SYMBOL}";
    action = "reject";
    # Postfix puts 554 5.7.1 before it.
    message = "Refused: the message contains a virus";
  }
  YUBIN_VIRUS_JUNK {
    expression = "CLAM_VIRUS & ${VIRUS_JUNK_SYMBOL}";
    action = "${JUNK_ACTION}";
  }
}
`,
    ),
    file(
      'local.d/milter_headers.conf',
      `# Mail arrives from the loopback too (local submission, content filters): headers for all.
skip_local = false;
skip_authenticated = true;
use = ["spam-header", "x-spam-status", "x-virus", "yubin-action"];
routines {
  # remove = 0: a sender's own copy of a header is removed before Rspamd's is added.
  spam-header { header = "X-Spam"; value = "Yes"; remove = 0; }
  x-spam-status { remove = 0; }
  x-virus { remove = 0; symbols = ["CLAM_VIRUS"]; }
}
custom {
  # Dovecot's Sieve files a message into Junk on this header only, so a sender's own
  # ${JUNK_HEADER} is always removed, and Rspamd's added for the ${JUNK_ACTION} action.
  yubin-action = <<EOD
return function(task)
  local add = {}
  if task:get_metric_action() == '${JUNK_ACTION}' then add['${JUNK_HEADER}'] = '${JUNK_ACTION}' end
  return nil, add, { ['${JUNK_HEADER}'] = 0 }, {}
end
EOD;
}
`,
    ),
  ];
}
