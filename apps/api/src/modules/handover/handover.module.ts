import { Module } from '@nestjs/common';
import { DomainsModule } from '../domains/domains.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { HandoverController } from './handover.controller.js';
import { HandoverService } from './handover.service.js';

/** Handing a mailbox over to its user: the setup sheet. */
@Module({
  imports: [DomainsModule, MailboxesModule],
  controllers: [HandoverController],
  providers: [HandoverService],
})
export class HandoverModule {}
