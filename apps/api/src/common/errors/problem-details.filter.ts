import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ErrorCode, Problem } from '#contracts';
import { describeQueryError, isConcurrentWriteConflict } from '../../infra/database/pg-errors.js';
import { AppError, TooManyRequestsError } from './app-error.js';

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'MALFORMED_REQUEST',
  415: 'MALFORMED_REQUEST',
};

export function problemTypeFor(code: ErrorCode): string {
  return `urn:yubin:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Connection-level failures from pg, which mean the database is unreachable. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' &&
      ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '57P01', '57P03'].includes(code)) ||
    (error instanceof Error && /Connection terminated|connection timeout/i.test(error.message))
  );
}

/**
 * Where an unhandled error came from. A database error's own message is replaced by its
 * redacted description: pg quotes the offending value in it.
 */
function stackOf(exception: unknown): string {
  if (!(exception instanceof Error)) return String(exception);
  const frames = (exception.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const isDatabaseError = (exception as { driverError?: unknown }).driverError !== undefined;
  const head = isDatabaseError
    ? `${exception.name}: ${describeQueryError(exception)}`
    : `${exception.name}: ${exception.message}`;
  return [head, ...frames].join('\n');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (exception instanceof TooManyRequestsError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): Problem {
    const instance = request.originalUrl.split('?')[0];
    if (exception instanceof AppError) {
      return {
        type: problemTypeFor(exception.code),
        title: TITLES[exception.status] ?? 'Error',
        status: exception.status,
        detail: exception.detail,
        instance,
        code: exception.code,
        ...(exception.fieldErrors ? { errors: exception.fieldErrors } : {}),
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code =
        HTTP_EXCEPTION_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST');
      const detail =
        status === (HttpStatus.NOT_FOUND as number)
          ? `No route ${request.method} ${instance}.`
          : exception.message;
      return {
        type: problemTypeFor(code),
        title: TITLES[status] ?? 'Error',
        status,
        detail,
        instance,
        code,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.error(`database unavailable: ${(exception as Error).message}`);
      return {
        type: problemTypeFor('DATABASE_UNAVAILABLE'),
        title: TITLES[503] ?? 'Service Unavailable',
        status: 503,
        detail: 'The database is unavailable. Try again shortly.',
        instance,
        code: 'DATABASE_UNAVAILABLE',
      };
    }
    if (isConcurrentWriteConflict(exception)) {
      // A race the service did not foresee; the write was rolled back and may be retried.
      this.logger.warn(
        `concurrent write on ${request.method} ${instance}: ${describeQueryError(exception)}`,
      );
      return {
        type: problemTypeFor('CONFLICT'),
        title: TITLES[409] ?? 'Conflict',
        status: 409,
        detail: 'A concurrent request changed the same data. Fetch it again and retry.',
        instance,
        code: 'CONFLICT',
      };
    }
    this.logger.error(`unhandled error on ${request.method} ${instance}`, stackOf(exception));
    return {
      type: problemTypeFor('INTERNAL_ERROR'),
      title: TITLES[500] ?? 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. It has been logged.',
      instance,
      code: 'INTERNAL_ERROR',
    };
  }
}
