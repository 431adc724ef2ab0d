import { BadRequestError, PreconditionFailedError } from '../errors/app-error.js';

/** Strong validator from a row version. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * Reads an If-Match header: undefined when absent (the write is unconditional), the
 * expected version otherwise. `*` means "any current version". A tag that was never
 * ours cannot match, so it fails the precondition rather than the syntax.
 */
export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
  if (match === null) {
    if (ifMatch.includes(',')) {
      throw new BadRequestError('MALFORMED_REQUEST', 'If-Match takes a single entity tag.');
    }
    throw new PreconditionFailedError();
  }
  return Number(match[1]);
}

export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) throw new PreconditionFailedError();
}

/** A single resource with the version its ETag is made from. */
export interface Versioned<T> {
  body: T;
  version: number;
}

interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
}

/** Sets the ETag of a versioned result and returns its body. */
export function withEtag<T>(response: HeaderTarget, result: Versioned<T>): T {
  response.setHeader('ETag', etagFor(result.version));
  return result.body;
}

/** A 201 answer: where the new resource lives, and its ETag. */
export function created<T>(
  response: HeaderTarget,
  location: (body: T) => string,
  result: Versioned<T>,
): T {
  response.setHeader('Location', location(result.body));
  return withEtag(response, result);
}
