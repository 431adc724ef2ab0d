import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './request-id.js';

const logger = new Logger('HTTP');

/** What one request line says: never the raw URL, query, headers, cookies or body. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  /** The route's pattern (`/api/v1/domains/:name`), never the path with its values. */
  route: string;
  status: number;
  durationMs: number;
}

function routeOf(request: Request): string {
  const pattern = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${request.baseUrl}${pattern}`;
  return request.path.startsWith('/api/') ? '(no route)' : '(web UI)';
}

/**
 * One line per finished request. In JSON logs it is an object a collector can index; in
 * text logs it is debug detail (LOG_LEVEL=debug).
 */
export function requestLogMiddleware(json: boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const entry: RequestLogEntry = {
        requestId: requestIdOf(request),
        method: request.method,
        route: routeOf(request),
        status: response.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      };
      if (json) logger.log(entry);
      else
        logger.debug(
          `${entry.method} ${entry.route} ${entry.status} ${entry.durationMs} ms [${entry.requestId}]`,
        );
    });
    next();
  };
}
