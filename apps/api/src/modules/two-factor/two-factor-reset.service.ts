import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TwoFactorService } from './two-factor.service.js';

/** An admin removing a user's 2FA (lost phone, no recovery codes): audited, and every session ends. */
@Injectable()
export class TwoFactorResetService {
  constructor(
    private readonly db: Database,
    private readonly mailboxes: MailboxesService,
    private readonly twoFactor: TwoFactorService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async resetMailbox(ctx: RequestContext, address: string): Promise<void> {
    await this.db.transaction(async () => {
      const mailbox = await this.mailboxes.requireForUpdate(ctx, address);
      const subject = { kind: 'mailbox' as const, id: mailbox.id };
      const hadTwoFactor = await this.twoFactor.disable(subject);
      const endedSessions = await this.sessions.endAll(subject);
      await this.audit.record(ctx, {
        ...this.mailboxes.target('2fa-reset', mailbox),
        after: { hadTwoFactor, endedSessions },
      });
    });
  }
}
