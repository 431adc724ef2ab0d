import { ValidationError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor, toPage, type CursorShape } from './cursor.js';

const ID = '0b9d6c52-0c6f-4c1e-9d1f-2f3b7f1f8a10';
const SHAPE: CursorShape<'address' | '-address' | 'createdAt' | 'usedRatio'> = {
  values: { address: 'text', createdAt: 'time', usedRatio: 'number' },
  id: 'uuid',
};
const AUDIT: CursorShape<'id'> = { values: { id: 'bigint' }, id: 'bigint' };

function forged(...parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

describe('cursors', () => {
  it('round-trips a position for its sort', () => {
    const cursor = encodeCursor({ sort: 'address', value: 'alice@example.com', id: ID });
    expect(decodeCursor(cursor, 'address', SHAPE)).toEqual({
      sort: 'address',
      value: 'alice@example.com',
      id: ID,
    });
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor({ sort: 'address', value: 'alice@example.com', id: ID });
    expect(() => decodeCursor(cursor, '-address', SHAPE)).toThrow(ValidationError);
  });

  it.each([
    ['garbage', 'address', 'not-base64-json'],
    ['a number for a row id', 'address', forged('address', 'a', 1)],
    ['digits for a uuid row id', 'address', forged('address', 'a', '1')],
    ['an uppercase or short uuid', 'address', forged('address', 'a', ID.toUpperCase().slice(1))],
    ['a number for an address', 'address', forged('address', 7, ID)],
    ['a NUL in an address', 'address', forged('address', 'a\u0000b', ID)],
    ['an address longer than any', 'address', forged('address', 'a'.repeat(255), ID)],
    ['a non-time createdAt', 'createdAt', forged('createdAt', 'yesterday', ID)],
    ['an impossible date', 'createdAt', forged('createdAt', '2026-02-30T00:00:00.000Z', ID)],
    ['year 0', 'createdAt', forged('createdAt', '0000-01-01T00:00:00.000Z', ID)],
    ['a ratio out of float8 range', 'usedRatio', forged('usedRatio', '1e999', ID)],
    ['a ratio that underflows', 'usedRatio', forged('usedRatio', '1e-400', ID)],
    ['a ratio that is not a number', 'usedRatio', forged('usedRatio', 'NaN', ID)],
    ['a non-numeric audit id', 'id', forged('id', 'abc', '12')],
    ['an audit id past bigint', 'id', forged('id', '9223372036854775808', '9223372036854775808')],
    ['extra parts', 'address', forged('address', 'a', ID, 'more')],
  ])('refuses %s', (_reason, sort, cursor) => {
    const shape = (sort === 'id' ? AUDIT : SHAPE) as CursorShape;
    expect(() => decodeCursor(cursor, sort, shape)).toThrow(ValidationError);
  });

  it('names the cursor field in the error', () => {
    try {
      decodeCursor(forged('address', 'a', '1'), 'address', SHAPE);
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual([
        expect.objectContaining({ field: 'cursor', code: 'invalidCursor' }),
      ]);
    }
  });

  it('accepts what the lists write', () => {
    const time = '2026-11-29T01:02:03.456Z';
    expect(decodeCursor(forged('createdAt', time, ID), 'createdAt', SHAPE).value).toBe(time);
    const ratio = String(0.1 + 0.7);
    expect(decodeCursor(forged('usedRatio', ratio, ID), 'usedRatio', SHAPE).value).toBe(ratio);
    expect(decodeCursor(forged('usedRatio', '1e-7', ID), 'usedRatio', SHAPE).value).toBe('1e-7');
    const id = '9223372036854775807';
    expect(decodeCursor(forged('id', id, id), 'id', AUDIT).value).toBe(id);
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3].map((n) => ({ n, id: `${n}` }));
  const position = (row: { n: number; id: string }) => ({
    sort: 'id',
    value: String(row.n),
    id: row.id,
  });

  it('gives a cursor when the extra row shows there is more', () => {
    const page = toPage(rows, 2, (row) => row.n, position);
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor as string, 'id', AUDIT)).toEqual({
      sort: 'id',
      value: '2',
      id: '2',
    });
  });

  it('ends with a null cursor', () => {
    expect(toPage(rows, 3, (row) => row.n, position)).toEqual({
      items: [1, 2, 3],
      nextCursor: null,
    });
  });
});
