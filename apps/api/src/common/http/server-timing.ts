import type { NextFunction, Request, Response } from 'express';

/**
 * Adds `Server-Timing: app;dur=<ms>` to every response: the time from the request's
 * arrival to its headers, so monitoring and the benchmark see server time apart from
 * network time.
 */
export function serverTimingMiddleware(
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const started = process.hrtime.bigint();
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
  response.writeHead = ((...args: unknown[]) => {
    if (!response.headersSent) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      response.setHeader('Server-Timing', `app;dur=${ms.toFixed(2)}`);
    }
    return writeHead(...args);
  }) as Response['writeHead'];
  next();
}
