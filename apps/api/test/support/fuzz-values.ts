import type { Prng } from './prng.js';

/** Values an attacker tries first: controls, odd unicode, injections, near-valid names. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  'two\r\nlines',
  '\t',
  '\u007f',
  '\u0085',
  '\u2028\u2029',
  '\u200b',
  '\u202egnp.exe',
  '\ufeffbom',
  '\ud800',
  'x\udfffy',
  'ÿ',
  'Ａｌｉｃｅ',
  '😀',
  '👩‍👩‍👧‍👦',
  'İstanbul',
  'straße',
  'ﬁ',
  'Z̤͔ͧ̑̓ä͖̭̈̇l͖͎g̞̥͈ͮ͌o̮̚',
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '"; DROP TABLE domain; --',
  '%00',
  '%',
  '%zz',
  '../../etc/passwd',
  '\\',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-0',
  '1e309',
  'xn--',
  'xn--zz',
  'xn--80ak6aa92e.com',
  'пример.испытание',
  'a@b@c',
  '@',
  'a@',
  '@b',
  '.',
  '..',
  '-a-.example',
  `${'a'.repeat(64)}@example.com`,
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.example`,
  'root@yubin.test',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffg',
  '9223372036854775808',
  '-1',
  '0x10',
  '2020-13-45T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
];

/** Code points from every awkward range: C0/C1 controls, surrogates, private use, astral. */
const RANGES: readonly [number, number][] = [
  [0x00, 0x1f],
  [0x20, 0x7e],
  [0x7f, 0x9f],
  [0xa0, 0x2fff],
  [0xd800, 0xdfff],
  [0xe000, 0xf8ff],
  [0xfff0, 0xffff],
  [0x1f300, 0x1faff],
  [0xe0000, 0xe007f],
];

function randomCodePoints(rng: Prng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const [low, high] = rng.pick(RANGES);
    const code = rng.int(low, high);
    // A lone surrogate is a UTF-16 unit of its own; JSON.stringify escapes it.
    text +=
      code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
  }
  return text;
}

export function hostileString(rng: Prng): string {
  switch (rng.int(0, 3)) {
    case 0:
    case 1:
      return rng.pick(HOSTILE_STRINGS);
    case 2:
      return randomCodePoints(rng, rng.int(1, 40));
    default:
      return `${rng.pick(HOSTILE_STRINGS)}${randomCodePoints(rng, rng.int(1, 8))}@${rng.pick(HOSTILE_STRINGS)}`;
  }
}

/** Long strings: past every column's limit, some past the 1 MB body limit. */
export function hugeString(rng: Prng): string {
  const length = rng.pick([256, 1_000, 70_000, 400_000, 1_100_000]);
  return rng.chance(0.5) ? 'a'.repeat(length) : '😀'.repeat(Math.ceil(length / 4));
}

/** Any JSON value of a type other than the schema's. */
export function wrongValue(rng: Prng, type: unknown): unknown {
  const candidates: unknown[] = [
    0,
    -1,
    1.5,
    2 ** 53 + 1,
    1e308,
    -1e308,
    true,
    false,
    null,
    [],
    {},
    [null],
    [[]],
    { a: 1 },
    [hostileString(rng)],
    { $ne: null },
    hostileString(rng),
  ];
  const wrong = candidates.filter((value) => {
    if (type === 'string') return typeof value !== 'string';
    if (type === 'number' || type === 'integer') return typeof value !== 'number';
    if (type === 'boolean') return typeof value !== 'boolean';
    if (type === 'array') return !Array.isArray(value);
    return true;
  });
  return rng.pick(wrong);
}

/** Numbers JSON.parse turns into Infinity, -0, 0 or an imprecise integer. */
export const EXTREME_NUMBER_TEXTS: readonly string[] = [
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '9007199254740993',
  '0.1e1',
  '1E2',
];

/** Nested JSON text, 2,000 to 20,000 levels deep, well under 1 MB. */
export function deepJson(rng: Prng): string {
  const depth = rng.int(2_000, 20_000);
  switch (rng.int(0, 2)) {
    case 0:
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 1:
      return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    default:
      return `${'[{"a":'.repeat(depth / 2)}null${'}]'.repeat(depth / 2)}`;
  }
}

/** Raw bodies that are not one well-formed JSON document. */
export const MALFORMED_BODIES: readonly string[] = [
  '{',
  '{"a":}',
  '[1,]',
  '{"a":1}{"b":2}',
  "{'a':1}",
  '{"a":1,"a":2}',
  '\u0000',
  '\ufeff{}',
  'null',
  'true',
  '"string"',
  '42',
  '[]',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
];

export const CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'application/problem+json',
  'application/xml',
  'application/json;;;',
];

const ID_TYPES = ['00000000-0000-0000-0000-000000000000', '1', '9223372036854775808', 'x'];

/**
 * Cursors for a list: text that is not base64url JSON, and base64url JSON of the right
 * shape with values of the wrong type or range for the sort (a cursor is client input).
 */
export function badCursor(rng: Prng, sort: string): string {
  if (rng.chance(0.3)) {
    return rng.pick([
      '',
      '!!!',
      'eyJ',
      '%00',
      'null',
      Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'),
      'A'.repeat(rng.int(100, 5_000)),
      hostileString(rng),
    ]);
  }
  const value = rng.pick<unknown>([
    1,
    null,
    true,
    {},
    [],
    'a',
    'NaN',
    'Infinity',
    '1e400',
    '-0',
    '2020-02-30T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '275760-09-13T00:00:00.000Z',
    '9223372036854775808',
    'x'.repeat(300),
    'a\u0000b',
    hostileString(rng),
  ]);
  const id = rng.pick<unknown>([...ID_TYPES, 1, null, {}, [], hostileString(rng)]);
  const shape = rng.pick<unknown>([
    [sort, value, id],
    [sort, value, id, 'extra'],
    [sort, value],
    [rng.pick(['name', '-name', 'address', 'createdAt', '-usedRatio', 'id', '']), value, id],
    { sort, value, id },
    value,
  ]);
  return Buffer.from(JSON.stringify(shape)).toString('base64url');
}

/** Query values for a parameter of this schema that the API must refuse or ignore. */
export function badQueryValue(rng: Prng, schema: Record<string, any>): string {
  const type = schema.type as string | undefined;
  if (type === 'number' || type === 'integer') {
    return rng.pick([
      'abc',
      '-1',
      '0',
      '1e999',
      'NaN',
      'Infinity',
      '1.5',
      '201',
      '',
      '0x10',
      ' 5',
      '9'.repeat(400),
    ]);
  }
  if (type === 'boolean') return rng.pick(['maybe', 'TRUE', '1', 'yes', '', 'null', 'true\u0000']);
  if (schema.format === 'date-time') {
    return rng.pick([
      '2020-13-45',
      'yesterday',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '1e20',
      '2020-01-01T00:00:00+99:99',
    ]);
  }
  if (schema.format === 'uuid') return rng.pick([...ID_TYPES, hostileString(rng)]);
  if (Array.isArray(schema.enum) && rng.chance(0.5)) {
    return (
      String(rng.pick(schema.enum as unknown[])).toUpperCase() + rng.pick(['', ' ', '\u0000', 'x'])
    );
  }
  return rng.chance(0.2) ? hugeString(rng).slice(0, 9_000) : hostileString(rng);
}

/** Path segments: unicode, encoded NUL and slash, broken escapes, dot segments, very long. */
export function badPathSegment(rng: Prng): { raw: boolean; value: string } {
  if (rng.chance(0.35)) {
    return {
      raw: true,
      value: rng.pick([
        '%00',
        'a%00b',
        '%',
        '%zz',
        '%2F',
        'a%2Fb',
        '%2e%2e',
        '%C0%AE',
        '%ED%A0%80',
        '%FF',
        '%u0041',
        'x;y=z',
        'x?y',
        'x#y',
      ]),
    };
  }
  if (rng.chance(0.2)) return { raw: false, value: 'a'.repeat(rng.pick([300, 4_000, 12_000])) };
  return { raw: false, value: hostileString(rng) };
}
