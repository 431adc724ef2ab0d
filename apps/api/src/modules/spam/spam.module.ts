import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { SenderRulesController } from './sender-rules.controller.js';
import { SenderRulesRepository } from './sender-rules.repository.js';
import { SenderRulesService } from './sender-rules.service.js';
import { SpamPolicyController } from './spam-policy.controller.js';
import { SpamPolicyRepository } from './spam-policy.repository.js';
import { SpamPolicyService } from './spam-policy.service.js';

/** Spam filtering: policies and sender rules (ADR 0012). */
@Module({
  imports: [AuditModule, DomainsModule, MailboxesModule, IdentitiesModule],
  controllers: [SpamPolicyController, SenderRulesController],
  providers: [SpamPolicyRepository, SpamPolicyService, SenderRulesRepository, SenderRulesService],
  exports: [SpamPolicyService, SenderRulesService],
})
export class SpamModule {}
