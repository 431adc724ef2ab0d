import { ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ProblemFieldError } from '#contracts';
import { ValidationError } from '../errors/app-error.js';
import { hasForbiddenCharacters } from '../validators/text.js';

function flatten(errors: ClassValidatorError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: constraint === 'whitelistValidation' ? 'unknownField' : constraint,
      message: constraint === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
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
    validationError: { target: false, value: false },
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
