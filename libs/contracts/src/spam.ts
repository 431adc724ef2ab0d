/**
 * Spam filtering: a policy per domain, overridable per mailbox, and sender rules at three
 * levels. Shared by the API (validation) and the UI (plain words, live checks).
 */

export const VIRUS_ACTIONS = ['reject', 'junk'] as const;
export type VirusAction = (typeof VIRUS_ACTIONS)[number];

/** The three thresholds, in the order they must keep: addHeader ≤ junk ≤ reject. */
export const SPAM_THRESHOLDS = ['addHeaderScore', 'junkScore', 'rejectScore'] as const;
export type SpamThreshold = (typeof SPAM_THRESHOLDS)[number];

export interface SpamPolicyValues {
  /** Whether mail to the domain or mailbox is scored at all. */
  enabled: boolean;
  /** From this score on, the message carries the spam header (X-Spam: Yes). */
  addHeaderScore: number;
  /** From this score on, the message is filed into the junk folder. */
  junkScore: number;
  /** From this score on, the message is refused during the SMTP dialogue. */
  rejectScore: number;
  /** The IMAP folder spam is filed into. */
  junkFolder: string;
  /** What happens to a message with a virus: refused, or filed into the junk folder. */
  virusAction: VirusAction;
}

export type SpamPolicyField = keyof SpamPolicyValues;
export const SPAM_POLICY_FIELDS = [
  'enabled',
  'addHeaderScore',
  'junkScore',
  'rejectScore',
  'junkFolder',
  'virusAction',
] as const satisfies readonly SpamPolicyField[];

/** A policy as stored at one level: null inherits from the level above. */
export type SpamPolicyLayer = { [K in SpamPolicyField]: SpamPolicyValues[K] | null };

/**
 * Where nothing is set. The thresholds follow Rspamd's own action scores: its stock
 * `add_header` action (6) is where mail is filed as spam, its `reject` is 15; the header
 * comes one point earlier, so a message close to the line is marked but still delivered.
 */
export const SPAM_POLICY_DEFAULTS: Readonly<SpamPolicyValues> = {
  enabled: true,
  addHeaderScore: 5,
  junkScore: 6,
  rejectScore: 15,
  junkFolder: 'Junk',
  virusAction: 'reject',
};

export const SPAM_SCORE_MIN = 0;
export const SPAM_SCORE_MAX = 1000;
export const JUNK_FOLDER_MAX_LENGTH = 100;

export type SpamPolicySource = 'mailbox' | 'domain' | 'default';

export interface ResolvedSpamPolicy {
  effective: SpamPolicyValues;
  sources: Record<SpamPolicyField, SpamPolicySource>;
}

/** The effective policy: each field from the most specific level that sets it. */
export function resolveSpamPolicy(
  domain: SpamPolicyLayer | null,
  mailbox: SpamPolicyLayer | null,
): ResolvedSpamPolicy {
  const effective = { ...SPAM_POLICY_DEFAULTS } as Record<SpamPolicyField, unknown>;
  const sources = {} as Record<SpamPolicyField, SpamPolicySource>;
  for (const field of SPAM_POLICY_FIELDS) {
    const fromMailbox = mailbox?.[field] ?? null;
    const fromDomain = domain?.[field] ?? null;
    if (fromMailbox !== null) {
      effective[field] = fromMailbox;
      sources[field] = 'mailbox';
    } else if (fromDomain !== null) {
      effective[field] = fromDomain;
      sources[field] = 'domain';
    } else {
      sources[field] = 'default';
    }
  }
  return { effective: effective as unknown as SpamPolicyValues, sources };
}

/**
 * The thresholds that break addHeader ≤ junk ≤ reject, named by the later of each
 * pair out of order (the one a form would mark).
 */
export function thresholdsOutOfOrder(
  values: Pick<SpamPolicyValues, SpamThreshold>,
): SpamThreshold[] {
  const broken: SpamThreshold[] = [];
  if (values.addHeaderScore > values.junkScore) broken.push('junkScore');
  if (values.junkScore > values.rejectScore) broken.push('rejectScore');
  else if (values.addHeaderScore > values.rejectScore) broken.push('rejectScore');
  return broken;
}

// ---------------------------------------------------------------------------------------
// Sender rules

export const SENDER_RULE_LEVELS = ['global', 'domain', 'mailbox'] as const;
export type SenderRuleLevel = (typeof SENDER_RULE_LEVELS)[number];

export const SENDER_RULE_KINDS = ['allow', 'block'] as const;
export type SenderRuleKind = (typeof SENDER_RULE_KINDS)[number];

export const SENDER_MATCH_TYPES = ['sender', 'senderDomain', 'clientIp'] as const;
export type SenderMatchType = (typeof SENDER_MATCH_TYPES)[number];

/** How many rules one list holds: the global list, one domain's, one mailbox's. */
export const SENDER_RULE_LIMITS: Readonly<Record<SenderRuleLevel, number>> = {
  global: 10_000,
  domain: 5_000,
  mailbox: 1_000,
};

export const SENDER_RULE_NOTE_MAX_LENGTH = 200;
