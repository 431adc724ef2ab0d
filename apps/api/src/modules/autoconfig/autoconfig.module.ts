import { Module } from '@nestjs/common';
import { AutoconfigRepository } from './autoconfig.repository.js';
import { MailEndpointsService } from './mail-endpoints.service.js';

/** How mail apps find their servers: connection settings and autoconfiguration. */
@Module({
  providers: [AutoconfigRepository, MailEndpointsService],
  exports: [MailEndpointsService],
})
export class AutoconfigModule {}
