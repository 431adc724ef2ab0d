import { isIP } from 'node:net';
import { ValidationError } from '../../common/errors/app-error.js';

/**
 * A request of Dovecot's auth policy client (Dovecot 2.3, src/auth/auth-policy.c): a JSON
 * object built from `auth_policy_request_attributes` (Yubin renders
 * `login=%{requested_username} remote=%{rip} protocol=%s`, every value a string), plus
 * `tls`, and on `?command=report` the outcome, `success` and `policy_reject`. Attributes
 * an operator adds are ignored, so they cannot turn every login into a refusal.
 */
export type DovecotPolicyRequest =
  | { command: 'allow'; login: string; remote: string | undefined }
  | {
      command: 'report';
      login: string;
      remote: string | undefined;
      success: boolean;
      policyReject: boolean;
    };

function invalid(field: string, message: string): ValidationError {
  return ValidationError.field(field, 'invalid', message);
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
  return value;
}

function flag(body: Record<string, unknown>, field: string): boolean {
  const value = body[field];
  if (typeof value !== 'boolean') throw invalid(field, `${field} must be true or false`);
  return value;
}

export function parseDovecotPolicyRequest(command: unknown, body: unknown): DovecotPolicyRequest {
  if (command !== 'allow' && command !== 'report')
    throw invalid('command', 'command must be allow or report');
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', 'The body must be a JSON object');
  const fields = body as Record<string, unknown>;
  const login = optionalString(fields, 'login');
  if (login === undefined) throw invalid('login', 'login must be a string');
  const rip = optionalString(fields, 'remote');
  // Dovecot sends an empty string when it does not know the client.
  const remote = rip !== undefined && isIP(rip) !== 0 ? rip : undefined;
  if (command === 'allow') return { command, login, remote };
  return {
    command,
    login,
    remote,
    success: flag(fields, 'success'),
    policyReject: flag(fields, 'policy_reject'),
  };
}
