import { isTimestamp } from './timestamp.js';

describe('isTimestamp', () => {
  it.each(['0001-01-01T00:00:00.000Z', '2026-12-02T10:00:00.000Z', '9999-12-31T23:59:59.999Z'])(
    'accepts %s',
    (time) => {
      expect(isTimestamp(new Date(time))).toBe(true);
    },
  );

  it.each([
    ['before year 1 (PostgreSQL ends at 4713 BC)', new Date('-271821-04-20T00:00:00.000Z')],
    ['a year with more than four digits', new Date('+275760-09-13T00:00:00.000Z')],
    ['just before year 1', new Date('0000-12-31T23:59:59.999Z')],
    ['an invalid date', new Date('yesterday')],
    ['a string', '2026-12-02T10:00:00.000Z'],
    ['a number', 0],
    ['null', null],
  ])('refuses %s', (_reason, value) => {
    expect(isTimestamp(value)).toBe(false);
  });
});
