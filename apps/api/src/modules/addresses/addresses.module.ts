import { Module } from '@nestjs/common';
import { AddressesRepository } from './addresses.repository.js';
import { UnservableAddressesReport } from './unservable-addresses.report.js';

@Module({
  providers: [AddressesRepository, UnservableAddressesReport],
  exports: [AddressesRepository],
})
export class AddressesModule {}
