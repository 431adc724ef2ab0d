import { ValidationError } from '../errors/app-error.js';

/**
 * Keyset pagination. A cursor names the last row of the previous page by its sort
 * value and its id, so pages never skip or repeat rows while rows are inserted, and
 * every page is one index range scan however deep it is.
 */
export interface CursorPosition {
  /** The sort the cursor was made for; a cursor is refused under another sort. */
  sort: string;
  value: string | number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString(
    'base64url',
  );
}

/** What a cursor's sort value is, and so how it is checked before it reaches SQL. */
export type CursorValueKind = 'text' | 'time' | 'number' | 'bigint';

/** `-createdAt` → `createdAt`. */
export type SortKey<Sort extends string> = Sort extends `-${infer Key}` ? Key : Sort;

/**
 * What a list's cursors hold: the kind of value each sort key has, and the kind of the
 * row id that breaks ties. Typed by the list's sorts, so none can be left out.
 */
export interface CursorShape<Sort extends string = string> {
  values: Readonly<Record<SortKey<Sort>, CursorValueKind>>;
  id: 'uuid' | 'bigint';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BIGINT_MAX = 2n ** 63n - 1n;
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Each check accepts exactly what PostgreSQL takes for the column's type, so a forged
 * cursor is a 422 on `cursor` and never a database error.
 */
const VALUE_CHECKS: Record<CursorValueKind, (value: string) => boolean> = {
  text: (value) => value.length <= 254 && !CONTROL.test(value),
  // Only what toISOString() writes, within PostgreSQL's years (no year 0).
  time: (value) => {
    const time = new Date(value);
    return !Number.isNaN(time.getTime()) && time.toISOString() === value && value >= '0001';
  },
  // Only what String(number) writes for a finite float8.
  number: (value) => {
    const number = Number(value);
    return value !== '' && Number.isFinite(number) && String(number) === value;
  },
  bigint: (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX,
};

function isValidPosition(shape: CursorShape, sort: string, value: unknown, id: unknown): boolean {
  const values: Partial<Record<string, CursorValueKind>> = shape.values;
  const kind = values[sort.startsWith('-') ? sort.slice(1) : sort];
  const idCheck = shape.id === 'uuid' ? (v: string) => UUID.test(v) : VALUE_CHECKS.bigint;
  return (
    kind !== undefined &&
    typeof value === 'string' &&
    VALUE_CHECKS[kind](value) &&
    typeof id === 'string' &&
    idCheck(id)
  );
}

/** A cursor is client input: its parts are checked against the list's shape before use. */
export function decodeCursor<Sort extends string>(
  cursor: string,
  sort: Sort,
  shape: CursorShape<Sort>,
): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      isValidPosition(shape, sort, parsed[1], parsed[2])
    ) {
      return { sort, value: parsed[1] as string, id: parsed[2] as string };
    }
  } catch {
    // fall through to the validation error
  }
  throw ValidationError.field(
    'cursor',
    'invalidCursor',
    'cursor is not valid for this list and sort',
  );
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says whether
 * another page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  positionOf: (row: Row) => CursorPosition,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
