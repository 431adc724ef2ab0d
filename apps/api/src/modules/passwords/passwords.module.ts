import { Module } from '@nestjs/common';
import { PasswordPolicyService } from './password-policy.service.js';
import { PasswordStrengthEstimator } from './password-strength.estimator.js';

@Module({
  providers: [PasswordPolicyService, PasswordStrengthEstimator],
  exports: [PasswordPolicyService],
})
export class PasswordsModule {}
