import { Module } from '@nestjs/common';
import { AddressesRepository } from './addresses.repository.js';

@Module({
  providers: [AddressesRepository],
  exports: [AddressesRepository],
})
export class AddressesModule {}
