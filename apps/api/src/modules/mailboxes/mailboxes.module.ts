import { Module } from '@nestjs/common';
import { AddressesModule } from '../addresses/addresses.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { PasswordsModule } from '../passwords/passwords.module.js';
import { MailboxPasswordsService } from './mailbox-passwords.service.js';
import { MailboxRetentionService } from './mailbox-retention.service.js';
import { MailboxesController } from './mailboxes.controller.js';
import { MailboxesRepository } from './mailboxes.repository.js';
import { MailboxesService } from './mailboxes.service.js';

@Module({
  imports: [AuditModule, DomainsModule, AddressesModule, PasswordsModule],
  controllers: [MailboxesController],
  providers: [
    MailboxesRepository,
    MailboxesService,
    MailboxPasswordsService,
    MailboxRetentionService,
  ],
  exports: [MailboxesService],
})
export class MailboxesModule {}
