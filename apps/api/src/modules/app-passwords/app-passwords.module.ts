import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { AppPasswordsController } from './app-passwords.controller.js';
import { AppPasswordsRepository } from './app-passwords.repository.js';
import { AppPasswordsService } from './app-passwords.service.js';

@Module({
  imports: [AuditModule, IdentitiesModule, MailboxesModule],
  controllers: [AppPasswordsController],
  providers: [AppPasswordsRepository, AppPasswordsService],
  exports: [AppPasswordsService],
})
export class AppPasswordsModule {}
