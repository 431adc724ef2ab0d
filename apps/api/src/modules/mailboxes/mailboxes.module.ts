import { Module } from '@nestjs/common';
import { ScheduledJobsRepository } from '../../common/jobs/scheduled-jobs.repository.js';
import { AddressesModule } from '../addresses/addresses.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { PasswordsModule } from '../passwords/passwords.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { MailboxStatusRepository } from './mailbox-status.repository.js';
import { MailboxPasswordsService } from './mailbox-passwords.service.js';
import { MailboxRetentionService } from './mailbox-retention.service.js';
import { MailboxesController } from './mailboxes.controller.js';
import { MailboxesRepository } from './mailboxes.repository.js';
import { MailboxesService } from './mailboxes.service.js';

@Module({
  imports: [
    AuditModule,
    DomainsModule,
    IdentitiesModule,
    AddressesModule,
    PasswordsModule,
    SessionsModule,
    ThrottleModule,
  ],
  controllers: [MailboxesController],
  providers: [
    MailboxesRepository,
    MailboxStatusRepository,
    MailboxesService,
    MailboxPasswordsService,
    MailboxRetentionService,
    ScheduledJobsRepository,
  ],
  exports: [MailboxesService],
})
export class MailboxesModule {}
