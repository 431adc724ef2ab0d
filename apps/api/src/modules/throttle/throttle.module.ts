import { Module } from '@nestjs/common';
import { KnownAddressCleanupService } from './known-address-cleanup.service.js';
import { ThrottleRepository } from './throttle.repository.js';
import { ThrottleService } from './throttle.service.js';

@Module({
  providers: [ThrottleRepository, ThrottleService, KnownAddressCleanupService],
  exports: [ThrottleService],
})
export class ThrottleModule {}
