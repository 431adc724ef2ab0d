import { Module } from '@nestjs/common';
import { ThrottleModule } from '../throttle/throttle.module.js';
import { AutoconfigController } from './autoconfig.controller.js';
import { AutoconfigRepository } from './autoconfig.repository.js';
import { AutoconfigService } from './autoconfig.service.js';
import { MailEndpointsService } from './mail-endpoints.service.js';

/** How mail apps find their servers: connection settings and autoconfiguration. */
@Module({
  imports: [ThrottleModule],
  controllers: [AutoconfigController],
  providers: [AutoconfigRepository, AutoconfigService, MailEndpointsService],
  exports: [MailEndpointsService],
})
export class AutoconfigModule {}
