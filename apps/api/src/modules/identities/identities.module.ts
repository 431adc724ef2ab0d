import { Module } from '@nestjs/common';
import { IdentitiesRepository } from './identities.repository.js';
import { UserProfilesService } from './user-profiles.service.js';

@Module({
  providers: [IdentitiesRepository, UserProfilesService],
  exports: [IdentitiesRepository, UserProfilesService],
})
export class IdentitiesModule {}
