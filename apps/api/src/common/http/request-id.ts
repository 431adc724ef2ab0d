import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

interface WithRequestId {
  yubinRequestId?: string;
}

/** Keeps a well-formed incoming X-Request-Id (from a proxy) or makes one, and echoes it. */
export function requestIdMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const incoming = request.header(HEADER);
  const id = incoming !== undefined && SAFE_ID.test(incoming) ? incoming : randomUUID();
  (request as Request & WithRequestId).yubinRequestId = id;
  response.setHeader('X-Request-Id', id);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as Request & WithRequestId).yubinRequestId ?? randomUUID();
}
