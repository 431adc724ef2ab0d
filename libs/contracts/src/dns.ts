/** How receivers treat mail from hosts SPF does not list: `-all` refuses, `~all` marks it. */
export const SPF_POLICIES = ['-all', '~all'] as const;
export type SpfPolicy = (typeof SPF_POLICIES)[number];

/** What DMARC asks receivers to do with mail that fails SPF and DKIM alignment. */
export const DMARC_POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

/** RFC 8461: whether senders must use TLS to the MX hosts (`enforce`) or only report. */
export const MTA_STS_MODES = ['enforce', 'testing', 'none'] as const;
export type MtaStsMode = (typeof MTA_STS_MODES)[number];

export const DNS_RECORD_TYPES = ['MX', 'TXT', 'SRV', 'CNAME', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** `unverified` until a verification looked the record up. */
export const DNS_RECORD_STATUSES = ['unverified', 'ok', 'missing', 'mismatch'] as const;
export type DnsRecordStatus = (typeof DNS_RECORD_STATUSES)[number];

/** Extra SPF `include:` names a domain may add (its mail also leaves through others). */
export const SPF_INCLUDES_MAX = 8;

/** DKIM key types Yubin generates: RSA 2048 (every verifier) and Ed25519 (RFC 8463). */
export const DKIM_ALGORITHMS = ['rsa-2048', 'ed25519'] as const;
export type DkimAlgorithm = (typeof DKIM_ALGORITHMS)[number];

/**
 * A key's place in its life (ADR 0016): `published` (in DNS, not signing yet), `active`
 * (signs the domain's mail; one per domain), `retiring` (no longer signs, still in DNS so
 * mail signed with it verifies), `retired` (withdrawn from DNS).
 */
export const DKIM_KEY_STATES = ['published', 'active', 'retiring', 'retired'] as const;
export type DkimKeyState = (typeof DKIM_KEY_STATES)[number];
/** TSIG algorithms (RFC 8945 §6) accepted for RFC 2136 publishing. */
export const TSIG_ALGORITHMS = ['hmac-sha256', 'hmac-sha384', 'hmac-sha512'] as const;
export type TsigAlgorithm = (typeof TSIG_ALGORITHMS)[number];
/** Named so that a request with one is refused as too weak, not as unknown. */
export const WEAK_TSIG_ALGORITHMS = ['hmac-sha1', 'hmac-md5', 'hmac-md5.sig-alg.reg.int'] as const;

/** What publishing did with one record: sent as desired, or withdrawn (no longer desired). */
export const DNS_PUBLISH_ACTIONS = ['published', 'withdrawn'] as const;
export type DnsPublishAction = (typeof DNS_PUBLISH_ACTIONS)[number];

/** A domain's DKIM schedule (ADR 0018): rotate every 30 days to 2 years. */
export const DKIM_ROTATION_DAYS_MIN = 30;
export const DKIM_ROTATION_DAYS_MAX = 730;
/** How long a replaced key stays in DNS, as DKIM_RETIRE_AFTER_DAYS allows. */
export const DKIM_OVERLAP_DAYS_MIN = 1;
export const DKIM_OVERLAP_DAYS_MAX = 90;
