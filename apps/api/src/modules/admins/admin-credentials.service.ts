import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { ConflictError } from '../../common/errors/app-error.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { CredentialsService } from '../identities/credentials.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TwoFactorService } from '../two-factor/two-factor.service.js';
import type { AdminRow } from './admins.repository.js';
import { AdminsService } from './admins.service.js';

/**
 * Resets for standalone admin accounts. An admin who signs in with a mailbox is
 * reset through the mailbox, so there is one place per credential.
 */
@Injectable()
export class AdminCredentialsService {
  constructor(
    private readonly db: Database,
    private readonly admins: AdminsService,
    private readonly twoFactor: TwoFactorService,
    private readonly sessions: SessionsService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
  ) {}

  async resetPassword(
    ctx: RequestContext,
    id: string,
  ): Promise<{ temporaryPassword: string; mustChangePassword: boolean }> {
    const { passwordHash, temporaryPassword } = await this.credentials.temporary();
    return this.db.transaction(async () => {
      const admin = await this.standalone(ctx, id);
      await this.credentials.set({ kind: 'admin', id: admin.id }, passwordHash, true);
      const endedSessions = await this.sessions.endAll({ kind: 'admin', id });
      await this.audit.record(ctx, {
        ...this.admins.target('password-reset', admin),
        after: { endedSessions },
      });
      return { temporaryPassword, mustChangePassword: true };
    });
  }

  async resetTwoFactor(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const admin = await this.standalone(ctx, id);
      const hadTwoFactor = await this.twoFactor.disable({ kind: 'admin', id });
      const endedSessions = await this.sessions.endAll({ kind: 'admin', id });
      await this.audit.record(ctx, {
        ...this.admins.target('2fa-reset', admin),
        after: { hadTwoFactor, endedSessions },
      });
    });
  }

  private async standalone(ctx: RequestContext, id: string): Promise<AdminRow> {
    const admin = await this.admins.require(ctx, id);
    if (admin.mailboxId !== null) {
      throw new ConflictError(
        'ADMIN_USES_MAILBOX_CREDENTIALS',
        `${admin.email} signs in with its mailbox: reset the mailbox's password or 2FA instead.`,
      );
    }
    return admin;
  }
}
