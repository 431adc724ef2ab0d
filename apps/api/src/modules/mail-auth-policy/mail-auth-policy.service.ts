import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../../common/errors/app-error.js';
import { accountKey } from '../throttle/throttle-policy.js';
import { ThrottleService } from '../throttle/throttle.service.js';
import { parseDovecotPolicyRequest } from './dovecot-policy-request.js';

/** Dovecot's answer format: `status` < 0 refuses, 0 allows, > 0 delays by that many seconds. */
export interface DovecotPolicyVerdict {
  status: number;
  msg: string;
}

const ALLOW: DovecotPolicyVerdict = { status: 0, msg: '' };
/** No address is this long (RFC 5321), and no key may be longer than the column. */
const MAX_LOGIN_LENGTH = 254;

/**
 * Yubin as Dovecot's auth policy server: mail logins (IMAP, POP3, and SMTP AUTH through
 * Dovecot's auth socket) obey the web sign-in's throttle, on the same keys and locks.
 *
 * Dovecot asks `allow` before it verifies a password, and sends the outcome in a later
 * `report`. So `allow` reserves the attempt's place on the account like a web sign-in
 * does, and the report turns a place into a failure, or clears the account on success.
 * Dovecot's second `allow` (after a verified password) looks exactly like the first,
 * so the rendered configuration does not ask for it (auth_policy_check_after_auth = no).
 */
@Injectable()
export class MailAuthPolicyService {
  constructor(private readonly throttle: ThrottleService) {}

  async answer(command: unknown, body: unknown): Promise<DovecotPolicyVerdict> {
    const request = parseDovecotPolicyRequest(command, body);
    const login = request.login.trim();
    if (login === '' || login.length > MAX_LOGIN_LENGTH) {
      return request.command === 'allow' ? { status: -1, msg: 'Authentication failed.' } : ALLOW;
    }
    if (request.command === 'allow') return this.allow(login, request.remote);
    // A refusal of ours was no guess at the password: it counts for nothing.
    if (request.policyReject) return ALLOW;
    if (request.success) await this.throttle.succeeded(login, request.remote);
    else await this.throttle.failReported(login, request.remote);
    return ALLOW;
  }

  private async allow(login: string, remote: string | undefined): Promise<DovecotPolicyVerdict> {
    if (await this.throttle.addressRefuses(login, remote)) {
      return {
        status: -1,
        msg: 'Too many failed attempts from this address. Try again later.',
      };
    }
    try {
      // Settled by the report (or stale after 30 s if none comes).
      await this.throttle.tryReserve([accountKey(login)]);
      return ALLOW;
    } catch (error) {
      if (error instanceof TooManyRequestsError) return { status: -1, msg: error.detail };
      throw error;
    }
  }
}
