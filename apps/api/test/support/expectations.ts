import type { ApiResponse } from './api-client.js';

/** A problem+json answer with this status and code. */
export function expectProblem(response: ApiResponse, status: number, code: string): void {
  expect(
    { status: response.status, code: response.body?.code },
    JSON.stringify(response.body),
  ).toEqual({
    status,
    code,
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

/** The per-field errors of a problem, as `field:code`. */
export function fieldErrors(response: ApiResponse): string[] {
  return ((response.body?.errors ?? []) as { field: string; code: string }[]).map(
    (e) => `${e.field}:${e.code}`,
  );
}

export function setCookie(response: ApiResponse, name: string): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

export function cookieValue(response: ApiResponse, name: string): string | undefined {
  return setCookie(response, name)
    ?.slice(name.length + 1)
    .split(';')[0];
}
