import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiProperty,
  ApiResponse,
  getSchemaPath,
  type ContentObject,
} from '@nestjs/swagger';
import type { ErrorCode } from '#contracts';
import { problemTypeFor, TITLES } from '../errors/problem-details.filter.js';

export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'quotaBytes' })
  field!: string;

  @ApiProperty({ example: 'isQuotaBytes' })
  code!: string;

  @ApiProperty({ example: 'quotaBytes must be a whole number of bytes, 0 or more' })
  message!: string;
}

export class ProblemDto {
  @ApiProperty({ description: 'A URN naming the problem: `urn:yubin:problem:<code>`.' })
  type!: string;

  @ApiProperty({ description: "The HTTP status's reason phrase." })
  title!: string;

  @ApiProperty()
  status!: number;

  @ApiProperty({ required: false, description: 'What happened, for a person.' })
  detail?: string;

  @ApiProperty({ required: false, description: 'The request path.' })
  instance?: string;

  @ApiProperty({ description: 'Stable machine-readable error code.' })
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

  @ApiProperty({
    type: [String],
    required: false,
    description:
      'ALIAS_DESTINATION_UNKNOWN, FORWARD_DESTINATION_UNKNOWN: the destinations (forwarding addresses) here that no mailbox, alias or catch-all receives; repeat the request with `confirmUnknownDestinations: true` to save anyway.',
    example: ['alice@example.com'],
  })
  unknownDestinations?: string[];
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
  502: 'A server this depends on refused or failed the request',
  503: 'A service this depends on did not answer; try again later',
};

/** An example problem body, as the filter writes it. */
export function problemExample(status: number, code: ErrorCode): Record<string, unknown> {
  return { type: problemTypeFor(code), title: TITLES[status] ?? 'Error', status, code };
}

/** The content of a problem response: one named example per code it can carry. */
export function problemContent(status: number, codes: readonly ErrorCode[]): ContentObject {
  return {
    'application/problem+json': {
      schema: { $ref: getSchemaPath(ProblemDto) },
      ...(codes.length > 0
        ? {
            examples: Object.fromEntries(
              codes.map((code) => [code, { value: problemExample(status, code) }]),
            ),
          }
        : {}),
    },
  };
}

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
        content: problemContent(status, codes),
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

/**
 * Named request examples for a body whose fields exclude each other (either this or
 * that): Swagger UI would otherwise pre-fill every field at once. The first is pre-filled.
 */
export function ApiBodyExamples(
  type: Type,
  examples: Record<string, { summary: string; value: Record<string, unknown> }>,
): MethodDecorator {
  return ApiBody({ type, examples });
}
