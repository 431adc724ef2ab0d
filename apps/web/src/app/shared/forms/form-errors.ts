/** A translation key and the values its placeholders need. */
export interface FieldMessage {
  key: string;
  params?: Readonly<Record<string, number | string>>;
}

/**
 * How one form words the API's field errors. `fields` names, per API field, the codes whose
 * message depends on the form: its units (GB, not bytes), its bounds, its words. Every
 * other code reads `errors.fields.<code>`.
 *
 * The form-errors spec checks, against `x-field-error-codes` in openapi.json, that every
 * code each sent field can carry has a message in every language, with all its
 * placeholders filled.
 */
export interface FormErrors<Body = object> {
  /** The request body's schema in openapi.json. */
  schema: string;
  /** The API fields the form sends (dotted for nested objects: `match.sender`). */
  sends: readonly (keyof Body & string)[] | readonly string[];
  fields: Readonly<Record<string, Readonly<Record<string, FieldMessage>>>>;
}

export function defineFormErrors<Body extends object>(
  schema: string,
  sends: readonly (keyof Body & string)[] | readonly string[],
  fields: FormErrors<Body>['fields'] = {},
): FormErrors<Body> {
  return { schema, sends, fields };
}

/** The API field a (possibly item) path belongs to: `destinations.1` → `destinations`. */
export function apiFieldOf(path: string): string {
  return path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');
}

/** The message for a field error: the form's own, else the shared one for the code. */
export function fieldMessage(
  errors: FormErrors | undefined,
  path: string,
  code: string,
): FieldMessage {
  return errors?.fields[apiFieldOf(path)]?.[code] ?? { key: `errors.fields.${code}` };
}

const GIB = 1024 ** 3;

/** The largest quota the API stores exactly (Number.MAX_SAFE_INTEGER bytes), in whole GB. */
export const QUOTA_GB_MAX = Math.floor(Number.MAX_SAFE_INTEGER / GIB);

/** The messages of a quota field edited in GB. */
export function quotaGbMessages(
  extra: Readonly<Record<string, FieldMessage>> = {},
): Readonly<Record<string, FieldMessage>> {
  return {
    isQuotaBytes: { key: 'errors.fields.quotaGbRange', params: { max: QUOTA_GB_MAX } },
    ...extra,
  };
}

/** `maxLength`/`minLength` of a text field, in characters. */
export function lengthMessages(bounds: {
  min?: number;
  max?: number;
}): Readonly<Record<string, FieldMessage>> {
  return {
    ...(bounds.max === undefined
      ? {}
      : { maxLength: { key: 'errors.fields.maxLength', params: { max: bounds.max } } }),
    ...(bounds.min === undefined
      ? {}
      : { minLength: { key: 'errors.fields.minLength', params: { min: bounds.min } } }),
  };
}

/** `min`/`max` of a number field, with the form's unit word (`errors.units.*`). */
export function rangeMessages(
  min: number,
  max: number,
  unit: 'count' | 'days' | 'score' | 'characters',
): Readonly<Record<string, FieldMessage>> {
  const range = { key: `errors.fields.range.${unit}`, params: { min, max } };
  return { min: range, max: range, isInt: range, isNumber: range };
}

/** `arrayMinSize`/`arrayMaxSize` of a list field. */
export function countMessages(bounds: {
  min?: number;
  max?: number;
}): Readonly<Record<string, FieldMessage>> {
  return {
    ...(bounds.max === undefined
      ? {}
      : { arrayMaxSize: { key: 'errors.fields.arrayMaxSize', params: { max: bounds.max } } }),
    ...(bounds.min === undefined
      ? {}
      : { arrayMinSize: { key: 'errors.fields.arrayMinSize', params: { min: bounds.min } } }),
  };
}
