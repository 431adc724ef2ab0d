/**
 * The IDNA2008 derived property of a code point (RFC 5892 §3) and the CONTEXTO rules
 * (RFC 5892 Appendix A.3–A.9), computed from the Unicode character database that ships
 * with the runtime (ECMAScript property escapes). UTS #46 alone accepts emoji and symbols;
 * registries refuse them because IDNA2008 marks them DISALLOWED.
 */
export type Idna2008Property = 'PVALID' | 'CONTEXTJ' | 'CONTEXTO' | 'DISALLOWED' | 'UNASSIGNED';

/** RFC 5892 §2.6: properties assigned by hand, before any rule. */
const EXCEPTIONS = new Map<number, Idna2008Property>([
  ...[0x00df, 0x03c2, 0x06fd, 0x06fe, 0x0f0b, 0x3007].map((cp) => [cp, 'PVALID'] as const),
  ...[0x00b7, 0x0375, 0x05f3, 0x05f4, 0x30fb].map((cp) => [cp, 'CONTEXTO'] as const),
  ...range(0x0660, 0x0669).map((cp) => [cp, 'CONTEXTO'] as const),
  ...range(0x06f0, 0x06f9).map((cp) => [cp, 'CONTEXTO'] as const),
  ...[0x0640, 0x07fa, 0x302e, 0x302f, ...range(0x3031, 0x3035), 0x303b].map(
    (cp) => [cp, 'DISALLOWED'] as const,
  ),
]);

/** §2.10 IgnorableBlocks and §2.9 OldHangulJamo (Hangul_Syllable_Type L, V and T). */
const DISALLOWED_RANGES: readonly (readonly [number, number])[] = [
  [0x20d0, 0x20ff], // Combining Diacritical Marks for Symbols
  [0x1d100, 0x1d1ff], // Musical Symbols
  [0x1d200, 0x1d24f], // Ancient Greek Musical Notation
  [0x1100, 0x11ff], // Hangul Jamo: L, V and T
  [0xa960, 0xa97c], // Hangul Jamo Extended-A: L
  [0xd7b0, 0xd7c6], // Hangul Jamo Extended-B: V
  [0xd7cb, 0xd7fb], // Hangul Jamo Extended-B: T
];

const NONCHARACTER = /^\p{Noncharacter_Code_Point}$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const LDH = /^[a-z0-9-]$/;
/** §2.3 Unstable: changes under NFKC and case folding. */
const UNSTABLE = /^\p{Changes_When_NFKC_Casefolded}$/u;
/** §2.4 IgnorableProperties. */
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Noncharacter_Code_Point}]$/u;
/** §2.1 LetterDigits. */
const LETTER_DIGITS = /^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

export function idna2008Property(character: string): Idna2008Property {
  const cp = character.codePointAt(0) ?? 0;
  const exception = EXCEPTIONS.get(cp);
  if (exception !== undefined) return exception;
  if (UNASSIGNED.test(character) && !NONCHARACTER.test(character)) return 'UNASSIGNED';
  if (LDH.test(character)) return 'PVALID';
  if (cp === 0x200c || cp === 0x200d) return 'CONTEXTJ';
  if (UNSTABLE.test(character) || IGNORABLE.test(character)) return 'DISALLOWED';
  if (DISALLOWED_RANGES.some(([from, to]) => cp >= from && cp <= to)) return 'DISALLOWED';
  return LETTER_DIGITS.test(character) ? 'PVALID' : 'DISALLOWED';
}

const GREEK = /^\p{Script=Greek}$/u;
const HEBREW = /^\p{Script=Hebrew}$/u;
const KANA_OR_HAN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/u;
const EXTENDED_ARABIC_INDIC_DIGIT = /[\u06f0-\u06f9]/u;

/** RFC 5892 Appendix A.3–A.9: whether a CONTEXTO character at `index` is in its context. */
export function contextOAllowed(codePoints: readonly string[], index: number): boolean {
  const character = codePoints[index] ?? '';
  const before = codePoints[index - 1] ?? '';
  const after = codePoints[index + 1] ?? '';
  const label = codePoints.join('');
  switch (character) {
    case '\u00b7': // MIDDLE DOT: only in "l·l" (Catalan)
      return before === 'l' && after === 'l';
    case '\u0375': // GREEK LOWER NUMERAL SIGN: before a Greek character
      return GREEK.test(after);
    case '\u05f3': // HEBREW PUNCTUATION GERESH and GERSHAYIM: after a Hebrew character
    case '\u05f4':
      return HEBREW.test(before);
    case '\u30fb': // KATAKANA MIDDLE DOT: in a label with Hiragana, Katakana or Han
      return KANA_OR_HAN.test(label.replaceAll('\u30fb', ''));
    default:
      if (ARABIC_INDIC_DIGIT.test(character)) return !EXTENDED_ARABIC_INDIC_DIGIT.test(label);
      if (EXTENDED_ARABIC_INDIC_DIGIT.test(character)) return !ARABIC_INDIC_DIGIT.test(label);
      return false;
  }
}
