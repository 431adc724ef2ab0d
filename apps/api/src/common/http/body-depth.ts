import type { NextFunction, Request, Response } from 'express';

/** Deeper than any body the API takes (three levels at most) and shallow enough for any walk. */
export const MAX_BODY_DEPTH = 32;

/** A parsed body nested deeper than MAX_BODY_DEPTH; answered as 400 MALFORMED_REQUEST. */
export class BodyTooDeepError extends Error {
  readonly status = 400;
  constructor() {
    super(`The request body is nested deeper than ${MAX_BODY_DEPTH} levels.`);
  }
}

/**
 * How deep objects and arrays nest in a JSON value (a scalar is 0, `{}` is 1), without
 * recursion, and giving up as soon as it passes `limit`: the value may be a million deep.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses deep bodies right after parsing, before anything walks them recursively
 * (the control-character check, class-transformer, class-validator), which a body of
 * a few thousand brackets would send into a stack overflow.
 */
export function bodyDepthMiddleware(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  next(jsonDepthExceeds(request.body, MAX_BODY_DEPTH) ? new BodyTooDeepError() : undefined);
}
