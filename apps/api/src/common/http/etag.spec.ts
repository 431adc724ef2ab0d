import { BadRequestError, PreconditionFailedError } from '../errors/app-error.js';
import { assertVersion, etagFor, expectedVersion } from './etag.js';

describe('ETags', () => {
  it('makes a strong tag from a version and reads it back, weak or not', () => {
    expect(etagFor(7)).toBe('"7"');
    expect(expectedVersion('"7"')).toBe(7);
    expect(expectedVersion('W/"7"')).toBe(7);
  });

  it('treats an absent header and * as unconditional', () => {
    expect(expectedVersion(undefined)).toBeUndefined();
    expect(expectedVersion('*')).toBeUndefined();
  });

  it('fails the precondition for a tag that was never ours, and the syntax for a list', () => {
    expect(() => expectedVersion('"abc"')).toThrow(PreconditionFailedError);
    expect(() => expectedVersion('"1", "2"')).toThrow(BadRequestError);
  });

  it('compares versions', () => {
    expect(() => assertVersion(undefined, 3)).not.toThrow();
    expect(() => assertVersion(3, 3)).not.toThrow();
    expect(() => assertVersion(2, 3)).toThrow(PreconditionFailedError);
  });
});
