import { isQuotaBytes } from './quota.js';

describe('isQuotaBytes', () => {
  it.each([0, 1, 5_368_709_120, Number.MAX_SAFE_INTEGER])('accepts %d', (value) => {
    expect(isQuotaBytes(value)).toBe(true);
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['beyond exact integers', Number.MAX_SAFE_INTEGER + 1],
    ['a numeric string', '1024'],
    ['NaN', Number.NaN],
    ['null', null],
  ])('refuses %s', (_reason, value) => {
    expect(isQuotaBytes(value)).toBe(false);
  });
});
