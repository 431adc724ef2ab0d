import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { domainOf } from '../../common/validators/address.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainsService } from '../domains/domains.service.js';
import { CredentialsService } from '../identities/credentials.service.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { accountKey } from '../throttle/throttle-policy.js';
import { ThrottleService } from '../throttle/throttle.service.js';
import type { PasswordResetResponseDto } from './dto/mailbox-response.dto.js';
import type { PasswordResetDto } from './dto/password-reset.dto.js';
import { MailboxesService } from './mailboxes.service.js';

/** What helpdesk staff do for a user: reset the password, lift a sign-in lock. */
@Injectable()
export class MailboxPasswordsService {
  constructor(
    private readonly db: Database,
    private readonly mailboxes: MailboxesService,
    private readonly domains: DomainsService,
    private readonly policy: PasswordPolicyService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly throttle: ThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sets the given password, or generates a temporary one that is returned once and
   * must be changed at the next sign-in. Takes effect for IMAP/POP3/SMTP at once and
   * ends the user's web sessions.
   */
  async reset(
    ctx: RequestContext,
    address: string,
    dto: PasswordResetDto,
  ): Promise<PasswordResetResponseDto> {
    // Hashing is the slow part: done before the mailbox row is locked.
    const found = await this.mailboxes.require(ctx, address);
    const domain = await this.domains.require(ctx, domainOf(found.address));
    const credential = await this.credentials.fromInput(
      ctx,
      { password: dto.password },
      { address, displayName: found.displayName },
      this.policy.policyFor(domain),
    );
    const mustChangePassword = credential.temporaryPassword !== undefined;
    return this.db.transaction(async () => {
      const mailbox = await this.mailboxes.requireForUpdate(ctx, address);
      await this.credentials.set(
        { kind: 'mailbox', id: mailbox.id },
        credential.passwordHash,
        mustChangePassword,
      );
      const endedSessions = await this.sessions.endAll({ kind: 'mailbox', id: mailbox.id });
      await this.audit.record(ctx, {
        ...this.mailboxes.target('password-reset', mailbox),
        after: { generated: mustChangePassword, mustChangePassword, endedSessions },
      });
      return credential.temporaryPassword === undefined
        ? { mustChangePassword }
        : { temporaryPassword: credential.temporaryPassword, mustChangePassword };
    });
  }

  /** Lifts the lock that failed sign-ins put on the account. */
  async unlock(ctx: RequestContext, address: string): Promise<void> {
    await this.db.transaction(async () => {
      const mailbox = await this.mailboxes.requireForUpdate(ctx, address);
      const wasLocked = await this.throttle.reset(accountKey(mailbox.address));
      await this.audit.record(ctx, {
        ...this.mailboxes.target('unlock', mailbox),
        after: { wasLocked },
      });
    });
  }
}
