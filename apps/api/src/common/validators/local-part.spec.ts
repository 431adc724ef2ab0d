import {
  checkHostedLocalPart,
  describeHostedLocalPartProblem,
  HOSTED_LOCAL_PART_SQL_PATTERN,
} from './local-part.js';

describe(checkHostedLocalPart.name, () => {
  it.each([
    'alice',
    'Alice.Tanaka',
    "o'neil",
    'first.last',
    'a_b',
    'a-b',
    'a+b',
    '0815',
    "-_+'",
    'a'.repeat(64),
  ])('accepts %s', (localPart) => {
    expect(checkHostedLocalPart(localPart)).toEqual({ ok: true });
  });

  it.each([
    ['%', 'o%x'],
    ['!', 'x!y'],
    ['/', 'a/b'],
    ['=', 'a=b'],
    ['#', '#'],
    ['&', 'r&d'],
    ['*', 'a*'],
    ['?', 'who?'],
    ['^', 'a^b'],
    ['`', 'a`b'],
    ['{', '{a}'],
    ['|', 'a|b'],
    ['~', '~a'],
    ['$', 'a$'],
    [' ', 'has space'],
    ['@', 'x@y'],
    ['"', '"alice"'],
    [',', 'a,b'],
    ['å', 'ålice'],
    ['😀', 'a😀'],
  ])('refuses %j, naming it', (character, localPart) => {
    expect(checkHostedLocalPart(localPart)).toEqual({
      ok: false,
      code: 'unsupportedLocalPartCharacter',
      character,
    });
  });

  it('names the first character outside the alphabet, before any dot rule', () => {
    expect(checkHostedLocalPart('.a%b!c')).toMatchObject({ character: '%' });
  });

  it.each([
    ['empty', ''],
    ['65 octets', 'a'.repeat(65)],
    ['a leading dot', '.alice'],
    ['a trailing dot', 'alice.'],
    ['two dots in a row', 'al..ice'],
  ])('refuses %s as not a local part', (_reason, localPart) => {
    expect(checkHostedLocalPart(localPart)).toEqual({ ok: false, code: 'isLocalPart' });
  });
});

describe(describeHostedLocalPartProblem.name, () => {
  it('names the character and its code point, and lists the alphabet', () => {
    expect(
      describeHostedLocalPartProblem({
        ok: false,
        code: 'unsupportedLocalPartCharacter',
        character: '%',
      }),
    ).toBe(`must not contain "%" (U+0025): addresses here use only letters, digits and . - _ + '`);
    expect(
      describeHostedLocalPartProblem({
        ok: false,
        code: 'unsupportedLocalPartCharacter',
        character: '😀',
      }),
    ).toContain('"😀" (U+1F600)');
  });
});

describe('HOSTED_LOCAL_PART_SQL_PATTERN', () => {
  it('takes the same characters as the check, over stored (lowercase) local parts', () => {
    const pattern = new RegExp(HOSTED_LOCAL_PART_SQL_PATTERN);
    const characters = [
      ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
      'é',
      '😀',
    ];
    for (const character of characters.filter((c) => c === c.toLowerCase())) {
      expect(pattern.test(`a${character}a`), character).toBe(
        checkHostedLocalPart(`a${character}a`).ok,
      );
    }
    expect(pattern.test('')).toBe(true); // the catch-all
  });
});
