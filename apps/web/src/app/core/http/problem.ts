import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorCode, Problem, ProblemFieldError } from '#contracts';

export type { Problem, ProblemFieldError };

/** Codes the UI adds for failures that never reached the API. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export interface UiProblem extends Omit<Problem, 'code'> {
  code: ErrorCode | ClientErrorCode;
}

/** Normalises anything an HTTP call can throw into an RFC 9457 problem. */
export function toProblem(error: unknown): UiProblem {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return { type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK_ERROR' };
    }
    const body = problemBody(error);
    if (isProblem(body)) return body;
    return {
      type: 'about:blank',
      title: `HTTP ${error.status}`,
      status: error.status,
      code: error.status === 404 ? 'NOT_FOUND' : 'UNEXPECTED_RESPONSE',
    };
  }
  return { type: 'about:blank', title: 'Error', status: 0, code: 'UNEXPECTED_RESPONSE' };
}

/**
 * The parsed body of an error response. Calls that expect no content (204) ask for text,
 * so their problem+json arrives as a string.
 */
export function problemBody(error: HttpErrorResponse): unknown {
  const body: unknown = error.error;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

export function isNotFound(problem: UiProblem): boolean {
  return problem.status === 404;
}
