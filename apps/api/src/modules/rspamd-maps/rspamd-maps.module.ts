import { Module } from '@nestjs/common';
import { RspamdMapsController } from './rspamd-maps.controller.js';
import { RspamdMapsRepository } from './rspamd-maps.repository.js';
import { RspamdMapsService } from './rspamd-maps.service.js';

/** Sender rules and spam thresholds as Rspamd's maps (ADR 0013). */
@Module({
  controllers: [RspamdMapsController],
  providers: [RspamdMapsRepository, RspamdMapsService],
})
export class RspamdMapsModule {}
