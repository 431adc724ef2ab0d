import { NotFoundError } from '../../common/errors/app-error.js';

/** No live mailbox at the address within the caller's reach (or none at all). */
export function mailboxNotFound(address: string): NotFoundError {
  return new NotFoundError('MAILBOX_NOT_FOUND', `No mailbox ${address}.`);
}
