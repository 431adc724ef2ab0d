import {
  MAIL_PROTOCOLS,
  QUOTA_WARNING_RATIO,
  SPAM_SCORE_TOO_STRICT,
  type DiagnosticAction,
  type DiagnosticCode,
  type DiagnosticStatus,
  type MailProtocol,
  type Permission,
  type SenderRuleLevel,
  type SpamPolicySource,
  type SpamPolicyValues,
} from '#contracts';

export const DNS_RECORDS = ['mx', 'spf', 'dkim', 'dmarc'] as const;
export type DnsRecord = (typeof DNS_RECORDS)[number];

/**
 * What the last DNS verification found for one kind of a domain's records: `ok` when
 * every record of the kind was found as needed; `missing` or `mismatch` for the first
 * one that was not; `unverified` when one has not been looked up since it became what it
 * is (`never` when the domain was never verified); `none` when the domain needs no
 * record of the kind (no DKIM key yet).
 */
export type DnsRecordState =
  | { state: 'ok' | 'none'; name: string }
  | { state: 'unverified'; name: string; never: boolean }
  | { state: 'missing' | 'mismatch'; name: string; expected: string; found: readonly string[] };

/** Everything the checks look at, loaded once. */
export interface MailboxFacts {
  address: string;
  domainName: string;
  active: boolean;
  domainActive: boolean;
  /** 0 = no limit. */
  quotaBytes: number;
  usedBytes: number;
  imapEnabled: boolean;
  pop3Enabled: boolean;
  smtpEnabled: boolean;
  mustChangePassword: boolean;
  forwardTo: readonly string[];
  keepCopy: boolean;
  twoFactorEnabled: boolean;
  /** The protocols an unexpired app password opens. */
  appPasswordProtocols: readonly MailProtocol[];
  lockedUntil: Date | null;
  spam: {
    effective: SpamPolicyValues;
    sources: Record<'junkScore' | 'rejectScore', SpamPolicySource>;
  };
  dns: Record<DnsRecord, DnsRecordState>;
  /** Present when a sender was asked about (`?from=`). */
  sender?: { address: string; verdict: 'allow' | 'block' | 'none'; level: SenderRuleLevel | null };
}

/** Who looks: the mailbox's own user, or an admin with its permissions. */
export type Viewer = { kind: 'self' } | { kind: 'admin'; permissions: ReadonlySet<Permission> };

export type FindingParams = Readonly<Record<string, string | number>>;

export interface Finding {
  status: DiagnosticStatus;
  code: DiagnosticCode;
  /** What the message needs (a domain, a percentage, a list of protocols). */
  params: FindingParams;
  action: DiagnosticAction | null;
}

/** An admin's fix, offered only with the permission it needs; the user's own otherwise. */
function fix(
  viewer: Viewer,
  admin: { action: DiagnosticAction; permission: Permission } | null,
  self: DiagnosticAction | null,
): DiagnosticAction | null {
  if (viewer.kind === 'self') return self;
  return admin !== null && viewer.permissions.has(admin.permission) ? admin.action : null;
}

function finding(
  status: DiagnosticStatus,
  code: DiagnosticCode,
  action: DiagnosticAction | null,
  params: FindingParams = {},
): Finding {
  // A check that passes needs no fixing.
  return { status, code, params, action: status === 'ok' ? null : action };
}

function quota(facts: MailboxFacts, viewer: Viewer): Finding {
  const action = fix(
    viewer,
    { action: 'raise-quota', permission: 'mailboxes:write' },
    'empty-mailbox',
  );
  if (facts.quotaBytes <= 0)
    return finding('ok', 'quota-warning', null, { percent: 0, unlimited: 1 });
  const ratio = facts.usedBytes / facts.quotaBytes;
  const params = { percent: Math.floor(ratio * 100), unlimited: 0 };
  if (ratio >= 1) return finding('fail', 'quota-full', action, params);
  return finding(ratio >= QUOTA_WARNING_RATIO ? 'warn' : 'ok', 'quota-warning', action, params);
}

const PROTOCOL_CODES = {
  imap: 'imap-disabled',
  pop3: 'pop3-disabled',
  smtp: 'smtp-disabled',
} as const satisfies Record<MailProtocol, DiagnosticCode>;

const PROTOCOL_FIELDS = {
  imap: 'imapEnabled',
  pop3: 'pop3Enabled',
  smtp: 'smtpEnabled',
} as const satisfies Record<MailProtocol, keyof MailboxFacts>;

const ENABLE_ACTIONS = {
  imap: 'enable-imap',
  pop3: 'enable-pop3',
  smtp: 'enable-smtp',
} as const satisfies Record<MailProtocol, DiagnosticAction>;

function protocols(facts: MailboxFacts, viewer: Viewer): Finding[] {
  // Switched off on purpose perhaps, so a warning: the mail app using it cannot connect.
  return MAIL_PROTOCOLS.map((protocol) =>
    finding(
      facts[PROTOCOL_FIELDS[protocol]] ? 'ok' : 'warn',
      PROTOCOL_CODES[protocol],
      fix(
        viewer,
        { action: ENABLE_ACTIONS[protocol], permission: 'mailboxes:write' },
        'contact-admin',
      ),
    ),
  );
}

/** With 2FA on, the mail server takes only app passwords (ADR 0011's passdb_map). */
function appPasswords(facts: MailboxFacts, viewer: Viewer): Finding {
  if (!facts.twoFactorEnabled)
    return finding('ok', 'app-password-needed', null, { twoFactor: 0, missing: '' });
  const missing = MAIL_PROTOCOLS.filter(
    (protocol) =>
      facts[PROTOCOL_FIELDS[protocol]] && !facts.appPasswordProtocols.includes(protocol),
  );
  return finding(
    missing.length === 0 ? 'ok' : 'warn',
    'app-password-needed',
    fix(
      viewer,
      { action: 'issue-app-password', permission: 'mailboxes:credentials' },
      'create-app-password',
    ),
    { twoFactor: 1, missing: missing.join(',') },
  );
}

const DNS_CODES = {
  mx: 'dns-mx',
  spf: 'dns-spf',
  dkim: 'dns-dkim',
  dmarc: 'dns-dmarc',
} as const satisfies Record<DnsRecord, DiagnosticCode>;

/**
 * A wrong record is fixed at the DNS host, then verified again; an unverified one needs
 * only the verification. Either way the admin's button is the verification; the user
 * can only tell someone. No DKIM key yet has no fix here: keys are made elsewhere.
 */
function dns(facts: MailboxFacts, viewer: Viewer): Finding[] {
  return DNS_RECORDS.map((record) => {
    const found = facts.dns[record];
    const params = { domain: facts.domainName, state: found.state, name: found.name };
    const verify = { action: 'verify-dns', permission: 'domains:write' } as const;
    switch (found.state) {
      case 'ok':
        return finding('ok', DNS_CODES[record], null, params);
      case 'none':
        return finding('warn', DNS_CODES[record], null, params);
      case 'unverified':
        return finding('warn', DNS_CODES[record], fix(viewer, verify, null), {
          ...params,
          never: found.never ? 1 : 0,
        });
      case 'missing':
      case 'mismatch':
        return finding('fail', DNS_CODES[record], fix(viewer, verify, 'contact-admin'), {
          ...params,
          expected: found.expected,
          found: found.found.join(' | '),
        });
    }
  });
}

function sender(facts: MailboxFacts, viewer: Viewer): Finding[] {
  if (facts.sender === undefined) return [];
  const { address, verdict, level } = facts.sender;
  // The user edits their own list only; a domain's or the operator's rule is the admin's.
  const self = level === 'mailbox' ? 'edit-sender-rules' : 'contact-admin';
  return [
    finding(
      verdict === 'block' ? 'fail' : 'ok',
      'sender-blocked',
      fix(viewer, { action: 'edit-sender-rules', permission: 'spam:write' }, self),
      { sender: address, level: level ?? 'none', verdict },
    ),
  ];
}

function spamThreshold(facts: MailboxFacts, viewer: Viewer): Finding {
  const { effective, sources } = facts.spam;
  const strict =
    effective.enabled &&
    Math.min(effective.junkScore, effective.rejectScore) <= SPAM_SCORE_TOO_STRICT;
  // A user may only make their own thresholds stricter, so only theirs can they undo.
  const own = sources.junkScore === 'mailbox' || sources.rejectScore === 'mailbox';
  return finding(
    strict ? 'warn' : 'ok',
    'spam-threshold',
    fix(
      viewer,
      { action: 'edit-spam-policy', permission: 'spam:write' },
      own ? 'edit-spam-policy' : 'contact-admin',
    ),
    {
      junkScore: effective.junkScore,
      rejectScore: effective.rejectScore,
      junkFolder: effective.junkFolder,
      enabled: effective.enabled ? 1 : 0,
    },
  );
}

function forwarding(facts: MailboxFacts, viewer: Viewer): Finding {
  const away = facts.forwardTo.length > 0 && !facts.keepCopy;
  return finding(
    away ? 'warn' : 'ok',
    'forwarding-without-copy',
    fix(viewer, { action: 'edit-forwarding', permission: 'mailboxes:write' }, 'contact-admin'),
    { destinations: facts.forwardTo.join(', '), count: facts.forwardTo.length },
  );
}

/**
 * Every check, in the order someone on the phone works through them: can the account
 * work at all, is it full, can each app connect, can it sign in, is the domain set up,
 * and where incoming mail goes.
 */
export function diagnose(facts: MailboxFacts, viewer: Viewer, now: Date): Finding[] {
  const locked = facts.lockedUntil !== null && facts.lockedUntil > now;
  return [
    finding(
      facts.active ? 'ok' : 'fail',
      'mailbox-inactive',
      fix(viewer, { action: 'activate-mailbox', permission: 'mailboxes:write' }, 'contact-admin'),
    ),
    finding(
      facts.domainActive ? 'ok' : 'fail',
      'domain-inactive',
      fix(viewer, { action: 'activate-domain', permission: 'domains:write' }, 'contact-admin'),
      { domain: facts.domainName },
    ),
    quota(facts, viewer),
    ...protocols(facts, viewer),
    appPasswords(facts, viewer),
    finding(
      facts.mustChangePassword ? 'warn' : 'ok',
      'password-change-pending',
      fix(
        viewer,
        { action: 'reset-password', permission: 'mailboxes:credentials' },
        'change-password',
      ),
    ),
    finding(
      locked ? 'fail' : 'ok',
      'account-locked',
      fix(viewer, { action: 'unlock', permission: 'mailboxes:credentials' }, 'contact-admin'),
      { until: locked ? (facts.lockedUntil as Date).toISOString() : '' },
    ),
    ...dns(facts, viewer),
    ...sender(facts, viewer),
    spamThreshold(facts, viewer),
    forwarding(facts, viewer),
  ];
}
