import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { PasswordsModule } from '../passwords/passwords.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TwoFactorModule } from '../two-factor/two-factor.module.js';
import { AdminCredentialsService } from './admin-credentials.service.js';
import { AdminsController } from './admins.controller.js';
import { AdminsRepository } from './admins.repository.js';
import { AdminsService } from './admins.service.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';

@Module({
  imports: [AuditModule, IdentitiesModule, PasswordsModule, SessionsModule, TwoFactorModule],
  controllers: [AdminsController],
  providers: [AdminsRepository, AdminsService, AdminCredentialsService, BootstrapAdminService],
})
export class AdminsModule {}
