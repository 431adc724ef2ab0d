import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { DkimController } from './dkim.controller.js';
import { ScheduledJobsRepository } from '../../common/jobs/scheduled-jobs.repository.js';
import { DkimKeysService } from './dkim-keys.service.js';
import { DkimPublishing } from './dkim-publishing.js';
import { DkimRotationJob } from './dkim-rotation.job.js';
import { DkimRotationService } from './dkim-rotation.service.js';
import { DkimSettingsController } from './dkim-settings.controller.js';
import { DkimSettingsService } from './dkim-settings.service.js';
import { DkimSignerController } from './dkim-signer.controller.js';
import { DkimSignerService } from './dkim-signer.service.js';
import { DkimRepository } from './dkim.repository.js';

/** DKIM keys, their records and the signer's maps (ADR 0016). */
@Module({
  imports: [AuditModule, DomainsModule],
  controllers: [DkimController, DkimSettingsController, DkimSignerController],
  providers: [
    DkimRepository,
    DkimKeysService,
    DkimSignerService,
    DkimRotationService,
    DkimRotationJob,
    DkimPublishing,
    DkimSettingsService,
    ScheduledJobsRepository,
  ],
  /** DkimPublishing: the DNS module registers its RFC 2136 publisher there (ADR 0018). */
  exports: [DkimKeysService, DkimRotationJob, DkimPublishing],
})
export class DkimModule {}
