import { Module } from '@nestjs/common';
import { AddressesModule } from '../addresses/addresses.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { AliasesController } from './aliases.controller.js';
import { AliasesRepository } from './aliases.repository.js';
import { AliasesService } from './aliases.service.js';

@Module({
  imports: [AuditModule, DomainsModule, AddressesModule],
  controllers: [AliasesController],
  providers: [AliasesRepository, AliasesService],
})
export class AliasesModule {}
