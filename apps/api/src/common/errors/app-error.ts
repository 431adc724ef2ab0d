import type { ErrorCode, ProblemExtensions, ProblemFieldError } from '#contracts';

/**
 * The typed errors services throw. The problem-details filter turns each into an
 * RFC 9457 response; the `code` is the stable contract, the detail is for people.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors?: ProblemFieldError[],
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 422;
  constructor(fieldErrors: ProblemFieldError[], detail = 'The request has invalid fields.') {
    super('VALIDATION_FAILED', detail, fieldErrors);
  }

  static field(field: string, code: string, message: string): ValidationError {
    return new ValidationError([{ field, code, message }], message);
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor(
    code: ErrorCode = 'UNAUTHENTICATED',
    detail = 'Authentication is required.',
    extensions: ProblemExtensions = {},
  ) {
    super(code, detail, undefined, extensions);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(code: ErrorCode = 'FORBIDDEN', detail = 'You are not allowed to do this.') {
    super(code, detail);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
}

export class ConflictError extends AppError {
  readonly status = 409;
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  constructor(detail = 'The resource has changed since you read it; fetch it again.') {
    super('PRECONDITION_FAILED', detail);
  }
}

export class UnprocessableError extends AppError {
  readonly status = 422;
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', detail);
  }
}

/** A service the request depends on (not the database) did not answer. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
}
