import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { QuotaWarningsController } from './quota-warnings.controller.js';
import { QuotaWarningsRepository } from './quota-warnings.repository.js';
import { QuotaWarningsService } from './quota-warnings.service.js';

/** A nearly full mailbox, as Dovecot reports it: audited, and its user warned. */
@Module({
  imports: [AuditModule],
  controllers: [QuotaWarningsController],
  providers: [QuotaWarningsRepository, QuotaWarningsService],
})
export class QuotaWarningsModule {}
