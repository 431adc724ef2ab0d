import { describeDomainProblem, type DomainNameProblemCode } from '#contracts';
import { checkDomainName, isAsciiFqdn, toAsciiDomain, toUnicodeDomain } from './domain-name.js';
import { contextOAllowed, idna2008Property } from './idna2008.js';

describe('toAsciiDomain', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['  example.com.  ', 'example.com'],
    ['例え.jp', 'xn--r8jz45g.jp'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['BÜCHER.DE', 'xn--bcher-kva.de'],
    ['ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com'],
    ['例え。jp', 'xn--r8jz45g.jp'],
    // Existing punycode that decodes to a valid name keeps working, in any case.
    ['xn--r8jz45g.jp', 'xn--r8jz45g.jp'],
    ['XN--R8JZ45G.JP', 'xn--r8jz45g.jp'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    // Nontransitional processing: the deviation characters are kept, as registries do.
    ['faß.de', 'xn--fa-hia.de'],
    ['ς.gr', 'xn--3xa.gr'],
    ['가.kr', 'xn--o39a.kr'],
    ['x.العربية', 'x.xn--mgbcd4a2b0d2b'],
  ])('normalises %j to %j', (input, expected) => {
    expect(toAsciiDomain(input)).toBe(expected);
  });

  it.each(['', 'a b.com', 'user@example.com', 'http://example.com', 'exa:mple.com'])(
    'refuses %j',
    (input) => {
      expect(toAsciiDomain(input)).toBeUndefined();
    },
  );
});

describe('checkDomainName', () => {
  const refusal = (input: string): { code: DomainNameProblemCode; character?: string } => {
    const check = checkDomainName(input);
    if (check.ok) throw new Error(`${input} was accepted as ${check.ascii}`);
    return check.problem;
  };

  it.each([
    // Emoji and symbols: valid in UTS #46, DISALLOWED in IDNA2008.
    ['😀.jp', '😀', 'U+1F600'],
    ['xn--e28h.jp', '😀', 'U+1F600'],
    ['xn--ls8h.la', '💩', 'U+1F4A9'],
    ['☃.net', '☃', 'U+2603'],
    ['i❤.ws', '❤', 'U+2764'],
    ['a©b.com', '©', 'U+00A9'],
    ['⒈.com', '⒈', 'U+2488'],
    ['a_b.com', '_', 'U+005F'],
    ['a$b.com', '$', 'U+0024'],
    // RFC 5892 §2.6 exceptions: ARABIC TATWEEL and the Japanese repeat marks.
    ['a\u0640b.com', '\u0640', 'U+0640'],
    ['あ\u3031.jp', '\u3031', 'U+3031'],
    // §2.9 old Hangul jamo and §2.10 ignorable blocks.
    ['\u1100.kr', '\u1100', 'U+1100'],
    ['a\u{1d165}.com', '\u{1d165}', 'U+1D165'],
    // Unassigned in Unicode.
    ['a\u{e0080}.com', '\u{e0080}', 'U+E0080'],
  ])('refuses %j for the IDNA2008-disallowed %j (%s)', (input, character, codePoint) => {
    expect(checkDomainName(input)).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'domainDisallowedCharacter', character, codePoint }),
    });
  });

  it.each([
    ['a single label', 'localhost', 'domainSingleLabel'],
    ['an empty label', 'a..com', 'domainEmptyLabel'],
    ['a leading hyphen', '-bad.com', 'domainHyphen'],
    ['a trailing hyphen', 'bad-.com', 'domainHyphen'],
    ['"--" in the third and fourth place', 'ab--c.com', 'domainHyphen'],
    ['a label starting with a combining mark', '\u0301a.com', 'domainCombiningMark'],
    ['a 64-octet label', `${'a'.repeat(64)}.com`, 'domainLabelTooLong'],
    [
      'a Unicode label over 63 octets as punycode',
      '東京都渋谷区神宮前一丁目二番地三号室大阪府北海道沖縄県福岡市名古屋.jp',
      'domainLabelTooLong',
    ],
    ['over 253 octets', `${'a.'.repeat(127)}com`, 'domainTooLong'],
    ['a numeric top-level label', 'example.123', 'domainNumericTld'],
    ['spaces', 'a b.com', 'isDomainName'],
    ['an address', 'user@example.com', 'isDomainName'],
    ['a URL', 'http://example.com', 'isDomainName'],
    ['nothing', '   ', 'isDomainName'],
  ])('refuses %s', (_reason, input, code) => {
    expect(refusal(input).code).toBe(code);
  });

  describe('A-labels', () => {
    it.each([
      ['not punycode', 'xn--a.com'],
      ['punycode with a trailing hyphen', 'xn--abc-.com'],
      ['punycode of ASCII only', 'xn--abc-.com'],
      ['a fake A-label of a plain ASCII name', 'xn--example-.com'],
      ['non-ASCII after the prefix', 'xn--bücher.de'],
      ['punycode of a non-NFC label', 'xn--u-ccb.com'],
    ])('refuses %s (%s)', (_reason, input) => {
      expect(refusal(input).code).toBe('domainInvalidPunycode');
    });

    it('checks the decoded label against the same rules', () => {
      expect(refusal('xn--e28h.jp').code).toBe('domainDisallowedCharacter');
    });
  });

  describe('CONTEXTJ: zero-width joiners (RFC 5892 A.1, A.2)', () => {
    it('allows ZWNJ and ZWJ after a virama', () => {
      expect(checkDomainName('क्\u200dष.in').ok).toBe(true);
      expect(checkDomainName('क्\u200cष.in').ok).toBe(true);
    });

    it('allows ZWNJ between joining Arabic letters (Persian)', () => {
      // نامه‌ای: "letter" with ZWNJ, between a dual-joining and a right-joining letter.
      expect(checkDomainName('\u0646\u0627\u0645\u0647\u200c\u0627\u06cc.ir').ok).toBe(true);
    });

    it.each([
      ['ZWJ between Latin letters', 'a\u200db.com', '\u200d'],
      ['ZWNJ between Latin letters', 'a\u200cb.com', '\u200c'],
      ['ZWJ at the start of a label', '\u200dab.com', '\u200d'],
    ])('refuses %s', (_reason, input, character) => {
      expect(refusal(input)).toMatchObject({ code: 'domainContextRule', character });
    });
  });

  describe('CONTEXTO (RFC 5892 A.3–A.9)', () => {
    it.each([
      ['the Catalan middle dot between two l', 'l·l.cat'],
      ['Greek keraia before a Greek letter', '\u0375\u03b1.gr'],
      ['Hebrew geresh after a Hebrew letter', '\u05d0\u05f3.il'],
      ['the katakana middle dot with katakana', 'ア・イ.jp'],
      ['the katakana middle dot with kanji', '東・京.jp'],
      ['Arabic-Indic digits alone', '\u0628\u0661\u0662.com'],
      ['extended Arabic-Indic digits alone', '\u0628\u06f1\u06f2.com'],
    ])('allows %s', (_reason, input) => {
      expect(checkDomainName(input).ok).toBe(true);
    });

    it.each([
      ['a middle dot outside "l·l"', 'a·b.cat', '·'],
      ['a middle dot at the end', 'l·.cat', '·'],
      ['Greek keraia before a Latin letter', '\u0375a.gr', '\u0375'],
      ['Hebrew geresh after a Latin letter', 'a\u05f3.com', '\u05f3'],
      ['the katakana middle dot with Latin only', 'a・b.jp', '・'],
      ['both kinds of Arabic-Indic digits', '\u0628\u0661\u06f2.com', '\u0661'],
    ])('refuses %s', (_reason, input, character) => {
      expect(refusal(input)).toMatchObject({ code: 'domainContextRule', character });
    });
  });

  describe('Bidi (RFC 5893)', () => {
    it.each([
      ['an Arabic name', 'x.العربية'],
      ['a Hebrew label ending in a digit', '\u05d1\u0031.com'],
      ['a Hebrew name', '\u05e2\u05d1\u05e8\u05d9\u05ea.il'],
    ])('allows %s', (_reason, input) => {
      expect(checkDomainName(input).ok).toBe(true);
    });

    it.each([
      ['a label mixing Hebrew and Latin', '\u05d0a.com'],
      ['a label starting with a digit in a Bidi domain', '1a.\u05d0\u05d1'],
      ['Arabic-Indic and European digits in one RTL label', '\u0628\u0661\u0031.com'],
    ])('refuses %s', (_reason, input) => {
      expect(refusal(input).code).toBe('domainBidi');
    });
  });

  it('gives both forms of a valid name', () => {
    expect(checkDomainName('例え.JP')).toEqual({
      ok: true,
      ascii: 'xn--r8jz45g.jp',
      unicode: '例え.jp',
    });
  });

  it('has an English message for every refusal, naming the character', () => {
    expect(describeDomainProblem(refusal('😀.jp'))).toContain('"😀" (U+1F600)');
    expect(describeDomainProblem(refusal(`${'a'.repeat(64)}.com`))).toContain('63');
  });
});

describe('idna2008Property', () => {
  // RFC 5892 Appendix B and §2.6 for fixed points; the rest follow from §3's rules.
  it.each([
    ['a', 'PVALID'],
    ['-', 'PVALID'],
    ['7', 'PVALID'],
    ['A', 'DISALLOWED'], // Unstable: case-folds to "a"
    ['ß', 'PVALID'],
    ['ς', 'PVALID'],
    ['\u06fd', 'PVALID'],
    ['\u0f0b', 'PVALID'],
    ['〇', 'PVALID'],
    ['é', 'PVALID'],
    ['例', 'PVALID'],
    ['\u0301', 'PVALID'], // a combining mark (Mn) inside a label
    ['\u00b7', 'CONTEXTO'],
    ['\u0660', 'CONTEXTO'],
    ['\u06f9', 'CONTEXTO'],
    ['\u200c', 'CONTEXTJ'],
    ['\u200d', 'CONTEXTJ'],
    ['\u0640', 'DISALLOWED'],
    ['\u303b', 'DISALLOWED'],
    ['\u00a0', 'DISALLOWED'], // White_Space
    ['\u00ad', 'DISALLOWED'], // Default_Ignorable
    ['\ufdd0', 'DISALLOWED'], // Noncharacter
    ['\u2163', 'DISALLOWED'], // Ⅳ: Unstable under NFKC
    ['\u20d0', 'DISALLOWED'], // Combining Diacritical Marks for Symbols
    ['\u{1d165}', 'DISALLOWED'], // Musical Symbols
    ['\ua960', 'DISALLOWED'], // old Hangul jamo
    ['😀', 'DISALLOWED'],
    ['_', 'DISALLOWED'],
    ['.', 'DISALLOWED'],
    ['\u0378', 'UNASSIGNED'],
    ['\u{10ffff}', 'DISALLOWED'], // a noncharacter, not unassigned
  ])('%j is %s', (character, property) => {
    expect(idna2008Property(character)).toBe(property);
  });
});

describe('contextOAllowed', () => {
  it('is false for a character without a CONTEXTO rule', () => {
    expect(contextOAllowed(['a'], 0)).toBe(false);
  });
});

describe('isAsciiFqdn', () => {
  it.each([
    'example.com',
    'mail.example.co.uk',
    'xn--r8jz45g.jp',
    'a-b.example',
    `${'a'.repeat(63)}.com`,
  ])('accepts %s', (name) => {
    expect(isAsciiFqdn(name)).toBe(true);
  });

  it.each([
    ['a single label', 'localhost'],
    ['a leading hyphen', '-bad.com'],
    ['a trailing hyphen', 'bad-.com'],
    ['an empty label', 'a..com'],
    ['a 64-octet label', `${'a'.repeat(64)}.com`],
    ['a numeric top-level label', 'example.123'],
    ['an underscore', 'ex_ample.com'],
    ['uppercase (not normalised)', 'Example.com'],
    ['Unicode (not normalised)', '例え.jp'],
    ['a trailing dot (not normalised)', 'example.com.'],
    ['over 253 octets', `${'a.'.repeat(127)}com`],
    ['an emoji domain stored before IDNA2008', 'xn--e28h.jp'],
  ])('refuses %s', (_reason, name) => {
    expect(isAsciiFqdn(name)).toBe(false);
  });
});

describe('toUnicodeDomain', () => {
  it('shows punycode as Unicode and leaves ASCII alone', () => {
    expect(toUnicodeDomain('xn--r8jz45g.jp')).toBe('例え.jp');
    expect(toUnicodeDomain('example.com')).toBe('example.com');
  });
});
