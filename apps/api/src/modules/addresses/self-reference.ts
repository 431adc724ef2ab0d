import { ValidationError } from '../../common/errors/app-error.js';

/** Mail sent on to its own address would loop: refuse the list item that names it. */
export function assertNotSelf(address: string, list: string[], field: string, hint: string): void {
  const index = list.indexOf(address);
  if (index >= 0) throw ValidationError.field(`${field}.${index}`, 'selfReference', hint);
}
