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

const ROW_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,19})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor is client input: its parts are checked before they reach SQL. */
function isValidPosition(sort: string, value: unknown, id: unknown): boolean {
  if (typeof id !== 'string' || !ROW_ID.test(id)) return false;
  if (sort.endsWith('createdAt'))
    return typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
  if (sort.endsWith('usedRatio'))
    return typeof value === 'string' && /^\d+(\.\d+)?(e-?\d+)?$/.test(value);
  if (sort === 'id') return typeof value === 'string' && /^\d{1,19}$/.test(value);
  return typeof value === 'string' && value.length <= 254;
}

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      isValidPosition(sort, parsed[1], parsed[2])
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
