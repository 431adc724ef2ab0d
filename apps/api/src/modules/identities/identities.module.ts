import { Module } from '@nestjs/common';
import { PasswordsModule } from '../passwords/passwords.module.js';
import { CredentialsService } from './credentials.service.js';
import { IdentitiesRepository } from './identities.repository.js';
import { UserProfilesService } from './user-profiles.service.js';

@Module({
  imports: [PasswordsModule],
  providers: [IdentitiesRepository, UserProfilesService, CredentialsService],
  exports: [IdentitiesRepository, UserProfilesService, CredentialsService],
})
export class IdentitiesModule {}
