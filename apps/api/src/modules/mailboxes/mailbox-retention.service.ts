import { Inject, Injectable } from '@nestjs/common';
import { ScheduledJob } from '../../common/jobs/scheduled-job.js';
import { ScheduledJobsRepository } from '../../common/jobs/scheduled-jobs.repository.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { MailboxesRepository } from './mailboxes.repository.js';
import { domainOf } from '../../common/validators/address.js';

/**
 * Removes soft-deleted mailboxes for good once MAILBOX_RETENTION_DAYS have passed, hourly
 * by one of the API processes.
 */
@Injectable()
export class MailboxRetentionService extends ScheduledJob {
  protected readonly jobName = 'mailbox-purge';
  protected readonly everyMs = 60 * 60 * 1000;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly mailboxes: MailboxesRepository,
    private readonly audit: AuditService,
    protected readonly jobs: ScheduledJobsRepository,
  ) {
    super();
  }

  async run(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.mailboxRetentionDays * 86_400_000);
    return this.db.transaction(async () => {
      const purged = await this.mailboxes.purgeDeletedBefore(cutoff);
      for (const mailbox of purged) {
        await this.audit.recordSystem({
          action: 'mailbox.purge',
          targetType: 'mailbox',
          targetId: mailbox.address,
          domain: { id: mailbox.domainId, name: domainOf(mailbox.address) },
        });
      }
      if (purged.length > 0) this.logger.log(`Purged ${purged.length} mailbox(es) past retention.`);
      return purged.length;
    });
  }
}
