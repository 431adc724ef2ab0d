import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { AliasDomainsController } from './alias-domains.controller.js';
import { AliasDomainsRepository } from './alias-domains.repository.js';
import { AliasDomainsService } from './alias-domains.service.js';

@Module({
  imports: [AuditModule, DomainsModule],
  controllers: [AliasDomainsController],
  providers: [AliasDomainsRepository, AliasDomainsService],
})
export class AliasDomainsModule {}
