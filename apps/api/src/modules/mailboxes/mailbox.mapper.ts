import { domainOf } from '../../common/validators/address.js';
import type { MailboxResponseDto } from './dto/mailbox-response.dto.js';
import type { MailboxStatus } from './mailbox-status.repository.js';
import type { MailboxEntity } from './mailbox.entity.js';

const NO_STATUS: MailboxStatus = { twoFactorEnabled: false, lockedUntil: null };

export function toMailboxResponse(
  mailbox: MailboxEntity,
  status: MailboxStatus = NO_STATUS,
): MailboxResponseDto {
  return {
    address: mailbox.address,
    localPart: mailbox.localPart,
    domain: domainOf(mailbox.address),
    displayName: mailbox.displayName,
    quotaBytes: Number(mailbox.quotaBytes),
    usedBytes: Number(mailbox.usedBytes),
    active: mailbox.active,
    imapEnabled: mailbox.imapEnabled,
    pop3Enabled: mailbox.pop3Enabled,
    smtpEnabled: mailbox.smtpEnabled,
    mustChangePassword: mailbox.mustChangePassword,
    forwardTo: mailbox.forwardTo,
    keepCopy: mailbox.keepCopy,
    language: mailbox.language,
    twoFactorEnabled: status.twoFactorEnabled,
    lockedUntil: status.lockedUntil?.toISOString() ?? null,
    createdAt: mailbox.createdAt.toISOString(),
    updatedAt: mailbox.updatedAt.toISOString(),
    deletedAt: mailbox.deletedAt?.toISOString() ?? null,
  };
}
