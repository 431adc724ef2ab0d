import { Module } from '@nestjs/common';
import { PasswordPolicyService } from './password-policy.service.js';

@Module({
  providers: [PasswordPolicyService],
  exports: [PasswordPolicyService],
})
export class PasswordsModule {}
