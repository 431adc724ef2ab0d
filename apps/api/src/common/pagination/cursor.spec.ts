import { ValidationError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor, toPage } from './cursor.js';

const ID = '0b9d6c52-0c6f-4c1e-9d1f-2f3b7f1f8a10';

describe('cursors', () => {
  it('round-trips a position for its sort', () => {
    const cursor = encodeCursor({ sort: 'address', value: 'alice@example.com', id: ID });
    expect(decodeCursor(cursor, 'address')).toEqual({
      sort: 'address',
      value: 'alice@example.com',
      id: ID,
    });
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor({ sort: 'address', value: 'alice@example.com', id: ID });
    expect(() => decodeCursor(cursor, '-address')).toThrow(ValidationError);
  });

  it.each([
    ['garbage', 'not-base64-json'],
    [
      'a non-UUID id',
      Buffer.from(JSON.stringify(['address', 'a@b.example', 'x'])).toString('base64url'),
    ],
    [
      'a non-time createdAt',
      Buffer.from(JSON.stringify(['createdAt', 'yesterday', ID])).toString('base64url'),
    ],
    [
      'a non-numeric audit id',
      Buffer.from(JSON.stringify(['id', 'abc', '12'])).toString('base64url'),
    ],
  ])('refuses %s', (_reason, cursor) => {
    const sort =
      cursor.length > 20
        ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as string[])[0]
        : 'address';
    expect(() => decodeCursor(cursor, sort as string)).toThrow(ValidationError);
  });

  it('accepts a createdAt cursor with milliseconds', () => {
    const value = '2026-11-29T01:02:03.456Z';
    const cursor = encodeCursor({ sort: '-createdAt', value, id: ID });
    expect(decodeCursor(cursor, '-createdAt').value).toBe(value);
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
    expect(decodeCursor(page.nextCursor as string, 'id')).toEqual({
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
