import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensModule } from '../api-tokens/api-tokens.module.js';
import { IdentitiesModule } from '../identities/identities.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { TwoFactorModule } from '../two-factor/two-factor.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthenticationService } from './authentication.service.js';
import { LoginChallengeCleanupService } from './login-challenge-cleanup.service.js';
import { LoginChallengesRepository } from './login-challenges.repository.js';
import { LoginService } from './login.service.js';

@Module({
  imports: [ApiTokensModule, IdentitiesModule, SessionsModule, ThrottleModule, TwoFactorModule],
  controllers: [AuthController],
  providers: [
    LoginChallengesRepository,
    LoginChallengeCleanupService,
    LoginService,
    AuthenticationService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
