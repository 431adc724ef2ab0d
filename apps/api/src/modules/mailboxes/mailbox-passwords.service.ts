import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { generateTemporaryPassword } from '../../infra/crypto/random-secrets.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import type { PasswordResetDto } from './dto/password-reset.dto.js';
import type { PasswordResetResponseDto } from './dto/mailbox-response.dto.js';
import { MailboxesRepository } from './mailboxes.repository.js';
import { MailboxesService } from './mailboxes.service.js';

@Injectable()
export class MailboxPasswordsService {
  constructor(
    private readonly db: Database,
    private readonly mailboxes: MailboxesService,
    private readonly repository: MailboxesRepository,
    private readonly policy: PasswordPolicyService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sets the given password, or generates a temporary one that is returned once and
   * must be changed at the next sign-in. Takes effect for IMAP/POP3/SMTP at once.
   */
  async reset(
    ctx: RequestContext,
    address: string,
    dto: PasswordResetDto,
  ): Promise<PasswordResetResponseDto> {
    return this.db.transaction(async () => {
      const mailbox = await this.mailboxes.requireForUpdate(ctx, address);
      const temporaryPassword =
        dto.password === undefined ? generateTemporaryPassword() : undefined;
      if (dto.password !== undefined) {
        this.policy.assertAcceptable(dto.password, { address, displayName: mailbox.displayName });
      }
      const mustChangePassword = temporaryPassword !== undefined;
      await this.repository.update(mailbox.id, {
        passwordHash: await this.hasher.hash(dto.password ?? (temporaryPassword as string)),
        mustChangePassword,
      });
      await this.audit.record(ctx, {
        ...this.mailboxes.target('password-reset', mailbox),
        after: { generated: mustChangePassword, mustChangePassword },
      });
      return temporaryPassword === undefined
        ? { mustChangePassword }
        : { temporaryPassword, mustChangePassword };
    });
  }
}
