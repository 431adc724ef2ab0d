import { Module } from '@nestjs/common';
import { OutboundMailModule } from '../../infra/mail/outbound-mail.js';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { HandoverController } from './handover.controller.js';
import { HandoverService } from './handover.service.js';

/** Handing a mailbox over to its user: the setup sheet, printed or sent by mail. */
@Module({
  imports: [
    AuditModule,
    DomainsModule,
    IdentitiesModule,
    MailboxesModule,
    OutboundMailModule,
    ThrottleModule,
  ],
  controllers: [HandoverController],
  providers: [HandoverService],
})
export class HandoverModule {}
