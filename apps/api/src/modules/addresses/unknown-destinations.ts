import type { ErrorCode } from '#contracts';
import type { Reach } from '../../common/auth/principal.js';
import { UnprocessableError } from '../../common/errors/app-error.js';
import type { AddressesRepository } from './addresses.repository.js';

/** Where a list of destinations is taken: an alias's `destinations`, a mailbox's `forwardTo`. */
export interface DestinationsField {
  readonly field: string;
  readonly code: Extract<ErrorCode, 'ALIAS_DESTINATION_UNKNOWN' | 'FORWARD_DESTINATION_UNKNOWN'>;
}

/**
 * Mail to an address here that nothing receives bounces: the caller confirms such
 * destinations (a typo, or a mailbox still to come) before they are taken. Only the
 * destinations a change adds to `kept` are asked about, and only in domains within `reach`
 * (whether an address exists elsewhere is not the caller's to learn).
 */
export async function assertDestinationsKnown(
  addresses: AddressesRepository,
  reach: Reach,
  where: DestinationsField,
  destinations: readonly string[],
  kept: readonly string[],
  confirmed: boolean | undefined,
): Promise<void> {
  if (confirmed === true) return;
  const added = destinations.filter((destination) => !kept.includes(destination));
  const unknown = await addresses.unknownHosted(added, reach);
  if (unknown.length === 0) return;
  throw new UnprocessableError(
    where.code,
    `No mailbox or alias receives ${unknown.join(', ')}: mail to it would bounce. Send "confirmUnknownDestinations": true to save anyway.`,
    unknown.map((address) => ({
      field: `${where.field}.${destinations.indexOf(address)}`,
      code: 'destinationUnknown',
      message: `No mailbox or alias receives ${address}.`,
    })),
    { unknownDestinations: unknown },
  );
}
