import { createHmac } from 'node:crypto';

/** The route Dovecot asks (modules/mail-auth-policy), under the API prefix. */
export const AUTH_POLICY_PATH = '/api/v1/internal/dovecot/auth-policy';
/** The header that carries MAIL_AUTH_POLICY_SECRET (common/auth/mail-server-key.ts). */
const KEY_HEADER = 'X-Yubin-Mail-Server-Key';

/** Where Dovecot asks Yubin about each login, and the key it proves itself with. */
export interface AuthPolicySettings {
  /** http(s)://host[:port]/api/v1/internal/dovecot/auth-policy, as the mail server reaches Yubin. */
  url: string;
  secret: string;
}

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.:[\]_-]{1,253}\/[A-Za-z0-9._~/-]{0,200}$/;

export function authPolicyProblems(policy: AuthPolicySettings): string[] {
  const problems: string[] = [];
  if (!SAFE_URL.test(policy.url) || !policy.url.endsWith(AUTH_POLICY_PATH))
    problems.push(`auth policy URL: "${policy.url}" (http(s)://host:port${AUTH_POLICY_PATH})`);
  if (!/^[A-Za-z0-9._~-]{32,128}$/.test(policy.secret))
    problems.push('auth policy key: 32 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  return problems;
}

/**
 * Dovecot 2.3's auth policy settings (src/auth/auth-policy.c). It asks before it
 * verifies a password and reports the outcome after; Yubin answers from the web
 * sign-in's throttle (ADR 0005).
 */
export function dovecotAuthPolicyConf(policy: AuthPolicySettings, header: string): string {
  // Dovecot refuses to start without a nonce, though it hashes only for `pwhash`, which
  // is not requested: derived from the key, so rendering again gives the same file.
  const nonce = createHmac('sha256', policy.secret)
    .update('dovecot auth_policy_hash_nonce')
    .digest('hex');
  return `# ${header}
# Yubin is Dovecot's auth policy server: IMAP, POP3 and SMTP AUTH logins obey the web
# sign-in's throttle, with the same account locks (ADR 0005).
auth_policy_server_url = ${policy.url}
auth_policy_server_api_header = ${KEY_HEADER}: ${policy.secret}
# Only what the throttle keys on: the login as typed, the client's address and the
# protocol. No password hash (pwhash): counting failures does not need one.
auth_policy_request_attributes = login=%{requested_username} remote=%{rip} protocol=%s
auth_policy_hash_nonce = ${nonce}
# Ask before the password is verified (Yubin reserves the attempt's place, or refuses a
# locked account), and report the outcome after (a failure counts, a success clears).
auth_policy_check_before_auth = yes
auth_policy_report_after_auth = yes
# Dovecot's second question, after a verified password, is the same as the first.
auth_policy_check_after_auth = no
# No answer from Yubin refuses the login: otherwise slowing Yubin down would switch the
# throttle off. Mail delivery does not depend on it.
auth_policy_reject_on_fail = yes
`;
}
