import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensModule } from '../api-tokens/api-tokens.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AdminAccountsRepository } from './admin-accounts.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AuthenticationService } from './authentication.service.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { SessionCleanupService } from './session-cleanup.service.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [ApiTokensModule, AuditModule],
  controllers: [AuthController],
  providers: [
    AdminAccountsRepository,
    SessionsRepository,
    AuthService,
    AuthenticationService,
    BootstrapAdminService,
    SessionCleanupService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
