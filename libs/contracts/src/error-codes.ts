/** Stable machine-readable codes carried in every problem+json response. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'MAIL_SERVER_ADDRESS_REFUSED',
  'CSRF_TOKEN_INVALID',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'DOMAIN_NOT_FOUND',
  'DOMAIN_EXISTS',
  'DOMAIN_NOT_EMPTY',
  'DOMAIN_MAILBOX_LIMIT_REACHED',
  'DOMAIN_ALIAS_LIMIT_REACHED',
  'DOMAIN_LIMIT_BELOW_USAGE',
  'ALIAS_DOMAIN_NOT_FOUND',
  'ALIAS_DOMAIN_EXISTS',
  'MAILBOX_NOT_FOUND',
  'MAILBOX_EXISTS',
  'MAILBOX_NOT_DELETED',
  'ADDRESS_IN_USE',
  'ADDRESS_IS_MAILBOX',
  'QUOTA_EXCEEDS_DOMAIN_MAX',
  'QUOTA_EXCEEDS_DOMAIN_POOL',
  'QUOTA_UNLIMITED_NOT_ALLOWED',
  'ALIAS_NOT_FOUND',
  'ALIAS_EXISTS',
  'ALIAS_DESTINATION_UNKNOWN',
  'FORWARD_DESTINATION_UNKNOWN',
  'PASSWORD_POLICY_VIOLATION',
  'PASSWORD_HASH_TOO_COSTLY',
  'API_TOKEN_NOT_FOUND',
  'SCOPE_NOT_GRANTABLE',
  'PRECONDITION_FAILED',
  'CONFLICT',
  'INVALID_MFA_CODE',
  'MFA_CHALLENGE_INVALID',
  'PASSWORD_CHANGE_REQUIRED',
  'TWO_FACTOR_ENROLMENT_REQUIRED',
  'TWO_FACTOR_NOT_ENABLED',
  'TWO_FACTOR_ALREADY_ENABLED',
  'TWO_FACTOR_DISABLED_BY_POLICY',
  'TWO_FACTOR_REQUIRED_BY_POLICY',
  'TWO_FACTOR_ENROLMENT_NOT_STARTED',
  'INVALID_TOTP_CODE',
  'INVALID_CURRENT_PASSWORD',
  'SESSION_NOT_FOUND',
  'ADMIN_NOT_FOUND',
  'ADMIN_EXISTS',
  'ROLE_NOT_GRANTABLE',
  'ADDRESS_OUT_OF_REACH',
  'SIGN_IN_ADDRESS_TAKEN',
  'LAST_SUPERADMIN',
  'APP_PASSWORD_NOT_FOUND',
  'APP_PASSWORD_LIMIT_REACHED',
  'NOT_A_MAILBOX_USER',
  'ADMIN_USES_MAILBOX_CREDENTIALS',
  'SPAM_THRESHOLDS_OUT_OF_ORDER',
  'SPAM_THRESHOLD_ABOVE_DOMAIN',
  'SENDER_RULE_NOT_FOUND',
  'SENDER_RULE_EXISTS',
  'SENDER_RULE_LIMIT_REACHED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  'RATE_LIMITED',
  'DNS_RESOLVER_UNAVAILABLE',
  'DKIM_KEY_NOT_FOUND',
  'DKIM_SELECTOR_TAKEN',
  'DKIM_KEY_SIGNING',
  'DNS_PUBLISHING_NOT_CONFIGURED',
  'DNS_SERVER_UNREACHABLE',
  'DNS_UPDATE_NOT_AUTHORITATIVE',
  'DNS_UPDATE_REFUSED',
  'DNS_TSIG_KEY_UNKNOWN',
  'DNS_TSIG_SIGNATURE_INVALID',
  'DNS_TSIG_TIME_INVALID',
  'DNS_UPDATE_FAILED',
  'DKIM_ROTATION_IN_PROGRESS',
  'HANDOVER_PASSWORD_NOT_CURRENT',
  'OUTBOUND_MAIL_NOT_CONFIGURED',
  'HANDOVER_MAIL_FAILED',
  'DATABASE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProblemFieldError {
  /** Dotted path of the offending field in the request body or query, e.g. `destinations.1`. */
  field: string;
  /** Stable reason, e.g. `isFqdn`, `maxLength`, `tooWeak`. */
  code: string;
  message: string;
}

/** Extension members (RFC 9457 §3.2) some problems carry, always numbers a client can act on. */
export interface ProblemExtensions {
  /** INVALID_MFA_CODE at sign-in: codes this challenge still accepts; 0 means enter the password again. */
  attemptsRemaining?: number;
  /** ADDRESS_IS_MAILBOX: the mailbox whose forwarding (forwardTo, keepCopy) to set instead. */
  forwarding?: string;
  /**
   * ALIAS_DESTINATION_UNKNOWN, FORWARD_DESTINATION_UNKNOWN: the destinations (or forwarding
   * addresses) in domains Yubin hosts (and the caller reaches) with no mailbox, alias or
   * catch-all; send `confirmUnknownDestinations: true`.
   */
  unknownDestinations?: string[];
}

export interface Problem extends ProblemExtensions {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  errors?: ProblemFieldError[];
}
