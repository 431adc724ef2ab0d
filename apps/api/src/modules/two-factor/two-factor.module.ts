import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { SelfServiceTwoFactorService } from './self-service-two-factor.service.js';
import { TwoFactorResetService } from './two-factor-reset.service.js';
import { TwoFactorController } from './two-factor.controller.js';
import { TwoFactorRepository } from './two-factor.repository.js';
import { TwoFactorService } from './two-factor.service.js';

@Module({
  imports: [AuditModule, IdentitiesModule, MailboxesModule, SessionsModule, ThrottleModule],
  controllers: [TwoFactorController],
  providers: [
    TwoFactorRepository,
    TwoFactorService,
    SelfServiceTwoFactorService,
    TwoFactorResetService,
  ],
  exports: [TwoFactorService],
})
export class TwoFactorModule {}
