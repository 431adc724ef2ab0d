import { ConflictError } from '../../common/errors/app-error.js';

/**
 * The database's guard of the sign-in namespace (migration SignInAddress): one row per
 * address, claimed by a live mailbox or a standalone admin account, never both.
 */
const SIGN_IN_ADDRESS_KEY = 'pk_sign_in_address';

/** A write lost the address to the other kind of identity, whatever the order of requests. */
export function isSignInAddressTaken(error: unknown): boolean {
  const pg = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const { code, constraint } = (pg ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === SIGN_IN_ADDRESS_KEY;
}

/** One answer whichever kind holds the address, so it tells no more than that it is taken. */
export function signInAddressTaken(address: string): ConflictError {
  return new ConflictError(
    'SIGN_IN_ADDRESS_TAKEN',
    `${address} already signs in as a mailbox or an admin account. An address is one or the other: grant a role to the mailbox, or choose another address.`,
  );
}
