import { Module } from '@nestjs/common';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { DovecotAuthPolicyController } from './dovecot-auth-policy.controller.js';
import { MailAuthPolicyService } from './mail-auth-policy.service.js';

/** Mail logins under the web sign-in's throttle: Yubin as Dovecot's auth policy server. */
@Module({
  imports: [ThrottleModule],
  controllers: [DovecotAuthPolicyController],
  providers: [MailAuthPolicyService],
})
export class MailAuthPolicyModule {}
