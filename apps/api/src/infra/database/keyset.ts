import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorPosition } from '../../common/pagination/cursor.js';

export interface SortColumn {
  /** SQL expression, e.g. `m.address`. */
  column: string;
  /** A unique column needs no id tie-breaker. */
  unique: boolean;
  /** Casts the cursor's value back for comparison, e.g. `timestamptz`. */
  cast?: string;
}

export interface KeysetSort {
  name: string;
  spec: SortColumn;
  descending: boolean;
}

/** `-createdAt` → createdAt, descending. The name must be one of `columns`. */
export function resolveSort(sort: string, columns: Record<string, SortColumn>): KeysetSort {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const spec = columns[name];
  if (spec === undefined) throw new Error(`unknown sort ${sort}`);
  return { name: sort, spec, descending };
}

/**
 * Orders by the sort column (and id) and continues after the cursor's row. Each
 * (column, id) pair is backed by an index, so any page is one range scan.
 */
export function applyKeyset<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  idColumn: string,
  sort: KeysetSort,
  after: CursorPosition | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const direction = sort.descending ? 'DESC' : 'ASC';
  const comparison = sort.descending ? '<' : '>';
  const { column, unique, cast } = sort.spec;
  const value = cast === undefined ? ':cursorValue' : `CAST(:cursorValue AS ${cast})`;
  if (after !== undefined) {
    query.andWhere(
      unique
        ? `${column} ${comparison} ${value}`
        : `(${column}, ${idColumn}) ${comparison} (${value}, :cursorId)`,
      { cursorValue: after.value, cursorId: after.id },
    );
  }
  query.orderBy(column, direction);
  if (!unique) query.addOrderBy(idColumn, direction);
  return query.limit(limit + 1);
}
