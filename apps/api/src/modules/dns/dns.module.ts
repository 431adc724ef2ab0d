import { Module } from '@nestjs/common';
import { ScheduledJobsRepository } from '../../common/jobs/scheduled-jobs.repository.js';
import { AuditModule } from '../audit/audit.module.js';
import { DkimModule } from '../dkim/dkim.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { DnsController } from './dns.controller.js';
import { DnsPublishingController } from './dns-publishing.controller.js';
import { DnsStatusController } from './dns-status.controller.js';
import { DnsStatusService } from './dns-status.service.js';
import { DnsRecordsService } from './dns-records.service.js';
import { DnsRepository } from './dns.repository.js';
import { DnsReverificationJob } from './dns-reverification.job.js';
import { DnsVerificationService } from './dns-verification.service.js';
import { MtaStsController } from './mta-sts.controller.js';
import { MtaStsService } from './mta-sts.service.js';
import { DkimRecordsPublisherAdapter } from './publishing/dkim-records-publisher.js';
import { DnsPublishingRepository } from './publishing/dns-publishing.repository.js';
import { DnsPublishingService } from './publishing/dns-publishing.service.js';

/** The DNS records hosted domains need, their verification, publishing and MTA-STS (ADR 0015, 0017). */
@Module({
  imports: [AuditModule, DomainsModule, DkimModule],
  controllers: [DnsController, DnsPublishingController, DnsStatusController, MtaStsController],
  providers: [
    DnsRepository,
    DnsRecordsService,
    MtaStsService,
    DnsVerificationService,
    DnsReverificationJob,
    ScheduledJobsRepository,
    DnsPublishingRepository,
    DnsPublishingService,
    DnsStatusService,
    DkimRecordsPublisherAdapter,
  ],
  exports: [DnsRecordsService, DnsPublishingService],
})
export class DnsModule {}
