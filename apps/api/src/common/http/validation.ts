import { ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ProblemFieldError } from '#contracts';
import { ValidationError } from '../errors/app-error.js';
import { ITEM_CHECKS } from '../validators/decorators.js';
import { hasForbiddenCharacters } from '../validators/text.js';

function fieldErrors(
  field: string,
  constraint: string,
  message: string,
  value: unknown,
): ProblemFieldError[] {
  if (constraint === 'whitelistValidation') {
    return [{ field, code: 'unknownField', message: `${field} is not a known field` }];
  }
  const item = ITEM_CHECKS.get(constraint);
  if (item !== undefined && Array.isArray(value) && message.startsWith('each value in ')) {
    // Name each failing item, not the list.
    const property = field.slice(field.lastIndexOf('.') + 1);
    const rest = message.slice('each value in '.length + property.length);
    return value.flatMap((element, index) =>
      item.check(element)
        ? []
        : [explained(`${field}.${index}`, constraint, `${field}.${index}${rest}`, element)],
    );
  }
  return [explained(field, constraint, message, value)];
}

/** The precise reason where the check can tell it (a domain name's IDNA2008 rule). */
function explained(
  field: string,
  constraint: string,
  message: string,
  value: unknown,
): ProblemFieldError {
  const reason = ITEM_CHECKS.get(constraint)?.explain?.(value);
  return reason === undefined
    ? { field, code: constraint, message }
    : { field, code: reason.code, message: `${field} ${reason.message}` };
}

function flatten(errors: ClassValidatorError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).flatMap(([constraint, message]) =>
      fieldErrors(field, constraint, message, error.value),
    );
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields refused, types coerced, failures as per-field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // Values are kept for naming failing list items; they never reach the response.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationError(flatten(errors)),
  });
}

function findForbiddenCharacters(value: unknown, path: string, found: ProblemFieldError[]): void {
  if (typeof value === 'string') {
    if (hasForbiddenCharacters(path, value)) {
      found.push({
        field: path,
        code: 'controlCharacters',
        message: `${path} must not contain control characters`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findForbiddenCharacters(item, `${path}.${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      findForbiddenCharacters(item, path === '' ? key : `${path}.${key}`, found);
    }
  }
}

/** Control characters are refused in every body, query and path value, before anything else. */
export class RejectControlCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found: ProblemFieldError[] = [];
    findForbiddenCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''), found);
    if (found.length > 0) throw new ValidationError(found);
    return value;
  }
}
