import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The times a timestamptz column and a query on one take: years 1 to 9999. JavaScript's
 * Date reaches 271,821 BC, PostgreSQL only 4713 BC, so a Date that parsed is not yet one
 * the database can compare or store.
 */
export const MIN_TIMESTAMP_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const MAX_TIMESTAMP_MS = Date.parse('9999-12-31T23:59:59.999Z');

export function isTimestamp(value: unknown): value is Date {
  if (!(value instanceof Date)) return false;
  const time = value.getTime();
  return time >= MIN_TIMESTAMP_MS && time <= MAX_TIMESTAMP_MS;
}

/**
 * An ISO 8601 time, in a body or a query, turned into a Date within years 1 to 9999.
 * The check keeps class-validator's `isDate` name, so refusals keep their code.
 */
export const IsTimestamp = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(
    Type(() => Date),
    ValidateBy(
      {
        name: 'isDate',
        validator: {
          validate: isTimestamp,
          defaultMessage: () => '$property must be a time (ISO 8601) in the years 1 to 9999',
        },
      },
      options,
    ),
  );
