import { Injectable } from '@nestjs/common';
import type { QuotaWarningPercent } from '#contracts';
import { Clock } from '../../infra/clock/clock.js';
import { mailboxNotFound } from '../addresses/address-errors.js';
import { AuditService } from '../audit/audit.service.js';
import { quotaWarningMessage } from './quota-warning-message.js';
import { QuotaWarningsRepository } from './quota-warnings.repository.js';

@Injectable()
export class QuotaWarningsService {
  constructor(
    private readonly repository: QuotaWarningsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records that the mailbox crossed `percent` of its quota and answers the warning for
   * its user. Dovecot reports a threshold once, as a delivery crosses it, so each report
   * is one event. In the mailbox's language, else its domain's, else English.
   */
  async warn(address: string, percent: QuotaWarningPercent): Promise<string> {
    const mailbox = await this.repository.findMailbox(address.trim().toLowerCase());
    if (mailbox === undefined) throw mailboxNotFound(address);
    await this.audit.recordSystem({
      action: 'mailbox.quota-warning',
      targetType: 'mailbox',
      targetId: mailbox.address,
      domain: mailbox.domain,
      before: null,
      after: { percent, usedBytes: mailbox.usedBytes, quotaBytes: mailbox.quotaBytes },
    });
    return quotaWarningMessage({
      address: mailbox.address,
      percent,
      quotaBytes: mailbox.quotaBytes,
      language: mailbox.language,
      date: this.clock.now(),
    });
  }
}
