import type { MailboxEntity } from './mailbox.entity.js';
import type { MailboxResponseDto } from './dto/mailbox-response.dto.js';
import { domainOf } from '../../common/validators/address.js';

export function toMailboxResponse(mailbox: MailboxEntity): MailboxResponseDto {
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
    createdAt: mailbox.createdAt.toISOString(),
    updatedAt: mailbox.updatedAt.toISOString(),
    deletedAt: mailbox.deletedAt?.toISOString() ?? null,
  };
}
