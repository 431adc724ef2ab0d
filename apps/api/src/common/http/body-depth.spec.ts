import { jsonDepthExceeds, MAX_BODY_DEPTH } from './body-depth.js';

function nested(depth: number): unknown {
  return JSON.parse('['.repeat(depth) + ']'.repeat(depth));
}

describe(jsonDepthExceeds.name, () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds({}, 0)).toBe(true);
    expect(jsonDepthExceeds({ a: [1, { b: 'x' }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: 'x' }] }, 2)).toBe(true);
  });

  it('takes a body exactly at the bound and refuses one level more', () => {
    expect(jsonDepthExceeds(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
  });

  it('measures a body far deeper than the stack allows without overflowing', () => {
    expect(jsonDepthExceeds(nested(200_000), MAX_BODY_DEPTH)).toBe(true);
  });
});
