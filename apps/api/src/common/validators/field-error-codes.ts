import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { ITEM_CHECKS } from './decorators.js';

const SERVICE_CODES = Symbol('yubin:field-error-codes');

/** A DTO class, as class-validator keys its metadata. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator's own key type
export type DtoClass = Function;

/**
 * The field error codes a service may answer for this property, besides its decorators'
 * own: rules that need the database or other fields (`exceedsPool`, `unknownDomain`). The
 * API documentation lists them with the rest, so a client can translate every code.
 */
export const FieldErrors =
  (...codes: string[]): PropertyDecorator =>
  (target, property) => {
    const own =
      (Reflect.getMetadata(SERVICE_CODES, target, property) as string[] | undefined) ?? [];
    Reflect.defineMetadata(SERVICE_CODES, [...own, ...codes], target, property);
  };

/** The `code` class-validator reports for a check (its constraint key). */
function constraintCode(metadata: ValidationMetadata): string | undefined {
  switch (metadata.type) {
    case ValidationTypes.CUSTOM_VALIDATION:
      return (
        metadata.name ??
        getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)[0]?.name
      );
    case ValidationTypes.IS_DEFINED:
      return 'isDefined';
    case ValidationTypes.NESTED_VALIDATION:
      return 'nestedValidation';
    default:
      // Conditions (IsOptional, ValidateIf) and the whitelist report no code of a property.
      return undefined;
  }
}

/** Strings, and lists of strings, also meet the pipe that refuses control characters. */
function takesText(codes: ReadonlySet<string>, designType: unknown): boolean {
  return designType === String || codes.has('isString') || codes.has('isMailAddress');
}

/**
 * Every code a request body or query field of `target` can be refused with: its
 * validators' constraint keys, the precise reasons they may name instead (IDNA2008 rules),
 * the control-character check, and what `@FieldErrors` declares for the service.
 */
export function fieldErrorCodes(target: DtoClass): Record<string, string[]> {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false);
  const byProperty = new Map<string, Set<string>>();
  for (const metadata of metadatas) {
    const codes = byProperty.get(metadata.propertyName) ?? new Set<string>();
    byProperty.set(metadata.propertyName, codes);
    const code = constraintCode(metadata);
    if (code === undefined) continue;
    codes.add(code);
    for (const reason of ITEM_CHECKS.get(code)?.reasons ?? []) codes.add(reason);
  }
  const result: Record<string, string[]> = {};
  for (const [property, codes] of byProperty) {
    const designType: unknown = Reflect.getMetadata(
      'design:type',
      target.prototype as object,
      property,
    );
    if (takesText(codes, designType)) codes.add('controlCharacters');
    const declared = Reflect.getMetadata(SERVICE_CODES, target.prototype as object, property) as
      string[] | undefined;
    for (const code of declared ?? []) codes.add(code);
    if (codes.size > 0) result[property] = [...codes].sort();
  }
  return result;
}

/**
 * The classes that carry validation metadata, by name (their OpenAPI schema names): those
 * decorated themselves, and `others` (request bodies that only inherit their validators).
 */
export function validatedClasses(others: readonly DtoClass[] = []): Map<string, DtoClass> {
  // class-validator keeps its registry private; its keys are the decorated classes.
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<DtoClass, ValidationMetadata[]>;
  };
  const classes = [...storage.validationMetadatas.keys(), ...others];
  return new Map(classes.map((target) => [target.name, target]));
}

/** The OpenAPI keyword of each bound a built-in validator enforces. */
const LIMIT_KEYWORDS: Readonly<Record<string, string>> = {
  min: 'minimum',
  max: 'maximum',
  minLength: 'minLength',
  maxLength: 'maxLength',
  arrayMinSize: 'minItems',
  arrayMaxSize: 'maxItems',
};

/**
 * The bounds the validators enforce, as OpenAPI keywords (`maximum: 100000000`), so that
 * the documentation states the numbers a `max` or `maxLength` error refers to. Checks of
 * each list item are left out: their bound is not the list's.
 */
export function fieldLimits(target: DtoClass): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(
    target,
    '',
    false,
    false,
  )) {
    const code = constraintCode(metadata);
    const keyword = code === undefined ? undefined : LIMIT_KEYWORDS[code];
    // Typed as always present, but validators without arguments (IsString …) leave it unset.
    const bound: unknown = Array.isArray(metadata.constraints)
      ? metadata.constraints[0]
      : undefined;
    if (keyword === undefined || metadata.each || typeof bound !== 'number') continue;
    result[metadata.propertyName] = { ...result[metadata.propertyName], [keyword]: bound };
  }
  return result;
}
