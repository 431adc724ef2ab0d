import { Module } from '@nestjs/common';
import { AppPasswordsModule } from '../app-passwords/app-passwords.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AutoconfigModule } from '../autoconfig/autoconfig.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { PasswordsModule } from '../passwords/passwords.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

@Module({
  imports: [
    AppPasswordsModule,
    AuditModule,
    AutoconfigModule,
    IdentitiesModule,
    PasswordsModule,
    SessionsModule,
    ThrottleModule,
  ],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}
