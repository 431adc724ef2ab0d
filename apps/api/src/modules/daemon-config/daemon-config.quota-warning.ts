import { QUOTA_WARNING_PERCENTS } from '#contracts';
import type { AuthPolicySettings } from './daemon-config.auth-policy.js';

/** The route the script reports to (modules/quota-warnings), under the API prefix. */
export const QUOTA_WARNING_PATH = '/api/v1/internal/dovecot/quota-warning';
export const QUOTA_WARNING_PROGRAM = 'yubin-quota-warning';
/** The programs the script runs; a test swaps the LDA for one that keeps what it gets. */
export interface QuotaWarningTools {
  curl: string;
  dovecotLda: string;
}

/** Debian's curl and dovecot-core (the LDA) put them here. */
const TOOLS: QuotaWarningTools = {
  curl: '/usr/bin/curl',
  dovecotLda: '/usr/lib/dovecot/dovecot-lda',
};

/**
 * Dovecot's quota_warning (Dovecot 2.3 quota plugin): as a delivery or an IMAP save
 * takes a mailbox past a threshold, the process that saved runs the quota-warning
 * service with the percentage and the user. Thresholds go highest first: Dovecot runs
 * only the first one crossed.
 */
export function dovecotQuotaWarningConf(dir: string, storageUser: string): string {
  const warnings = QUOTA_WARNING_PERCENTS.map(
    (percent, index) =>
      `  quota_warning${index === 0 ? '' : index + 1} = storage=${percent}%% quota-warning ${percent} %u`,
  ).join('\n');
  return `# Quota warnings: the user gets a message at ${QUOTA_WARNING_PERCENTS.slice()
    .reverse()
    .join('% and ')}% (in their language, from Yubin), and
# Yubin records it (audit log, dashboard).
plugin {
${warnings}
}
# Root, like LMTP, so that dovecot-lda can read the configuration (its included files are
# for group dovecot) and then deliver as the storage user. Only the processes that save
# mail, which run as the storage user, may connect.
service quota-warning {
  executable = script ${dir}/${QUOTA_WARNING_PROGRAM}
  user = root
  unix_listener quota-warning {
    user = ${storageUser}
    mode = 0600
  }
}
`;
}

/**
 * The script: it tells Yubin, which records the warning and answers the message in the
 * mailbox's language; if Yubin cannot be reached, the user still gets an English one.
 * The message is delivered past the quota (noenforcing) so a nearly full mailbox still
 * gets it. The key is in this file, so it is 0700, for root only.
 */
export function quotaWarningProgram(
  policy: AuthPolicySettings,
  dovecotConf: string,
  header: string,
  tools: QuotaWarningTools = TOOLS,
): string {
  const url = `${new URL(policy.url).origin}${QUOTA_WARNING_PATH}`;
  return `#!/bin/sh
# ${header}
# Dovecot's quota-warning service runs this as root with the percentage and the user.
set -u
percent=$1
user=$2
# Dovecot's %u is an address Yubin stored: nothing here needs quoting in JSON.
case "$percent$user" in
  *[!A-Za-z0-9.@_+\\'-]*) echo "quota-warning: unexpected arguments" >&2; exit 64 ;;
esac
domain=\${user##*@}
message=$(${tools.curl} --silent --show-error --fail --max-time 10 \\
  --header 'X-Yubin-Mail-Server-Key: ${policy.secret}' \\
  --header 'Content-Type: application/json' \\
  --data "{\\"address\\":\\"$user\\",\\"percent\\":$percent}" \\
  '${url}') || message="From: Mail server <postmaster@$domain>
To: <$user>
Subject: Your mailbox is $percent% full
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Your mailbox $user has used $percent% of its space.

When it is full, new mail is refused and goes back to its senders.
Delete mail you no longer need (and empty the Trash), or ask your
administrator for more space.

This message was sent automatically by your mail server."
printf '%s\\n' "$message" |
  exec ${tools.dovecotLda} -c ${dovecotConf} -d "$user" -o "plugin/quota=count:Mailbox:noenforcing"
`;
}
