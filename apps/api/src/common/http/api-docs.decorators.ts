import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ErrorCode } from '#contracts';
import { problemTypeFor } from '../errors/problem-details.filter.js';

export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'quotaBytes' })
  field!: string;

  @ApiProperty({ example: 'isQuotaBytes' })
  code!: string;

  @ApiProperty({ example: 'quotaBytes must be a whole number of bytes, 0 or more' })
  message!: string;
}

export class ProblemDto {
  @ApiProperty({ example: problemTypeFor('MAILBOX_NOT_FOUND') })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ required: false, example: 'No mailbox alice@example.com.' })
  detail?: string;

  @ApiProperty({ required: false, example: '/api/v1/mailboxes/alice@example.com' })
  instance?: string;

  @ApiProperty({ description: 'Stable machine-readable error code.', example: 'MAILBOX_NOT_FOUND' })
  code!: ErrorCode;

  @ApiProperty({ type: [ProblemFieldErrorDto], required: false })
  errors?: ProblemFieldErrorDto[];

  @ApiProperty({
    required: false,
    minimum: 0,
    description:
      'INVALID_MFA_CODE at sign-in: codes this challenge still accepts; 0 means enter the password again.',
    example: 4,
  })
  attemptsRemaining?: number;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Not authenticated',
  403: 'Authenticated, but not allowed',
  404: 'Not found, or outside your domains',
  409: 'Conflict',
  412: 'If-Match did not match the current ETag',
  422: 'Validation failed; see `errors`',
  429: 'Too many attempts; see Retry-After',
};

/**
 * Documents the problem+json responses of a route, with the codes it can return.
 * 401 and 403 are added for every non-public route by the document builder.
 */
export function ApiProblems(
  ...problems: [status: number, ...codes: ErrorCode[]][]
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...problems.map(([status, ...codes]) =>
      ApiResponse({
        status,
        description: `${DESCRIPTIONS[status] ?? 'Error'}${codes.length ? ` (${codes.map((c) => `\`${c}\``).join(', ')})` : ''}`,
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(ProblemDto) },
            ...(codes[0]
              ? { example: { type: problemTypeFor(codes[0]), status, code: codes[0] } }
              : {}),
          },
        },
      }),
    ),
  );
}

/** A page of `item`, as every list returns it. */
export function PageOf<T>(
  item: Type<T>,
  name: string,
): Type<{ items: T[]; nextCursor: string | null }> {
  class PageDto {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` to get the next page; null on the last page.',
      example: null,
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
