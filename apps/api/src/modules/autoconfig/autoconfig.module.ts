import { Module } from '@nestjs/common';
import { AutoconfigController } from './autoconfig.controller.js';
import { AutoconfigRepository } from './autoconfig.repository.js';
import { AutoconfigService } from './autoconfig.service.js';
import { MailEndpointsService } from './mail-endpoints.service.js';

/** How mail apps find their servers: connection settings and autoconfiguration. */
@Module({
  controllers: [AutoconfigController],
  providers: [AutoconfigRepository, AutoconfigService, MailEndpointsService],
  exports: [MailEndpointsService],
})
export class AutoconfigModule {}
