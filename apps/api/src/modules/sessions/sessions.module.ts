import { Module } from '@nestjs/common';
import { SessionCleanupService } from './session-cleanup.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

@Module({
  providers: [SessionsRepository, SessionsService, SessionCleanupService],
  exports: [SessionsService],
})
export class SessionsModule {}
