import { HttpErrorResponse } from '@angular/common/http';
import { describe, expect, it } from 'vitest';
import { toProblem } from './problem';

describe(toProblem.name, () => {
  const body = { type: 'urn:x', title: 'x', status: 422, code: 'INVALID_CURRENT_PASSWORD' };

  it('reads problem+json as an object', () => {
    expect(toProblem(new HttpErrorResponse({ status: 422, error: body })).code).toBe(
      'INVALID_CURRENT_PASSWORD',
    );
  });

  it('reads it as text too, as calls expecting no content receive it', () => {
    expect(
      toProblem(new HttpErrorResponse({ status: 422, error: JSON.stringify(body) })).code,
    ).toBe('INVALID_CURRENT_PASSWORD');
  });

  it('names what is not a problem by its status', () => {
    expect(toProblem(new HttpErrorResponse({ status: 502, error: '<html>' })).code).toBe(
      'UNEXPECTED_RESPONSE',
    );
    expect(toProblem(new HttpErrorResponse({ status: 0 })).code).toBe('NETWORK_ERROR');
  });
});
