import { Module } from '@nestjs/common';
import { DnsModule } from '../dns/dns.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { SpamModule } from '../spam/spam.module.js';
import { DiagnosticsController } from './diagnostics.controller.js';
import { DiagnosticsRepository } from './diagnostics.repository.js';
import { DiagnosticsService } from './diagnostics.service.js';
import { DnsStateService } from './dns-state.service.js';
import { PostfixLookupsRepository } from './postfix-lookups.repository.js';
import { SendCheckService } from './send-check.service.js';

/** Troubleshooting a mailbox: read-only checks over what the other modules own. */
@Module({
  imports: [DnsModule, IdentitiesModule, MailboxesModule, SpamModule],
  controllers: [DiagnosticsController],
  providers: [
    DiagnosticsRepository,
    DiagnosticsService,
    DnsStateService,
    PostfixLookupsRepository,
    SendCheckService,
  ],
})
export class DiagnosticsModule {}
