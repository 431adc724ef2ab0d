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

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      (typeof parsed[1] === 'string' || typeof parsed[1] === 'number') &&
      typeof parsed[2] === 'string'
    ) {
      return { sort, value: parsed[1], id: parsed[2] };
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
