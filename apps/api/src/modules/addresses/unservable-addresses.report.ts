import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HOSTED_LOCAL_PART_SQL_PATTERN } from '../../common/validators/local-part.js';
import { AddressesRepository } from './addresses.repository.js';

/**
 * At each start, says how many stored addresses the mail server cannot serve: local parts
 * accepted before the alphabet of ADR 0010. They are kept (renaming is their owners'
 * decision), so an operator must hear of them.
 */
@Injectable()
export class UnservableAddressesReport implements OnApplicationBootstrap {
  private readonly logger = new Logger('Addresses');

  constructor(private readonly addresses: AddressesRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    const { mailboxes, aliases, admins } = await this.addresses.countOutsideAlphabet(
      HOSTED_LOCAL_PART_SQL_PATTERN,
    );
    if (mailboxes + aliases + admins === 0) return;
    this.logger.warn(
      `${mailboxes} mailboxes, ${aliases} aliases and ${admins} admin sign-in addresses in hosted domains have a local part outside letters, digits and . _ - + ': mail cannot reach them or log in with them. They are kept; give their owners new addresses (docs/adr/0010-local-part-alphabet.md lists them).`,
    );
  }
}
