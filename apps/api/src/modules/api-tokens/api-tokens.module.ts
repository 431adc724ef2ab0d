import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';

@Module({
  imports: [AuditModule, IdentitiesModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensRepository, ApiTokensService],
  exports: [ApiTokensService],
})
export class ApiTokensModule {}
