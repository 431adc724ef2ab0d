/**
 * Why a domain name is refused: one stable code per rule of IDNA2008 (RFC 5890–5893) and
 * of DNS host names (RFC 1035), so that a client can say what is wrong in its own words.
 * The API sends the code as a field error's `code`; `describeDomainProblem` is its English
 * message.
 */
export const DOMAIN_NAME_PROBLEM_CODES = [
  /** Not a host name at all: empty, or with spaces, `@`, `/` or `:`. */
  'isDomainName',
  /** Fewer than two labels (`localhost`). */
  'domainSingleLabel',
  /** Two dots in a row (`a..com`). */
  'domainEmptyLabel',
  /** Over 253 octets in its ASCII (punycode) form. */
  'domainTooLong',
  /** A label over 63 octets in its ASCII (punycode) form. */
  'domainLabelTooLong',
  /** A top-level label of digits only (`example.123`). */
  'domainNumericTld',
  /** A label that starts or ends with `-`, or has `--` in its third and fourth place. */
  'domainHyphen',
  /** A character IDNA2008 leaves out of domain names (emoji, symbols, punctuation, `_`). */
  'domainDisallowedCharacter',
  /** A label that starts with a combining mark. */
  'domainCombiningMark',
  /** A joiner (ZWJ, ZWNJ) or a contextual character (middle dot, keraia, …) out of its context. */
  'domainContextRule',
  /** Right-to-left and left-to-right text mixed against the Bidi rule (RFC 5893). */
  'domainBidi',
  /** An `xn--` label that is not the punycode of a valid internationalised label. */
  'domainInvalidPunycode',
] as const;

export type DomainNameProblemCode = (typeof DOMAIN_NAME_PROBLEM_CODES)[number];

export interface DomainNameProblem {
  code: DomainNameProblemCode;
  /** The offending label, as Unicode, where one label is at fault. */
  label?: string;
  /** The offending character and its code point (`U+1F600`), for character rules. */
  character?: string;
  codePoint?: string;
}

/** The English message for a problem, to follow the field's name ("name …"). */
export function describeDomainProblem(problem: DomainNameProblem): string {
  const label = problem.label === undefined ? 'a label' : `the label "${problem.label}"`;
  const character =
    problem.character === undefined
      ? 'a character'
      : `"${problem.character}" (${problem.codePoint})`;
  switch (problem.code) {
    case 'isDomainName':
      return 'must be a fully qualified domain name such as example.com';
    case 'domainSingleLabel':
      return 'must have at least two labels, such as example.com';
    case 'domainEmptyLabel':
      return 'must not have an empty label (two dots in a row)';
    case 'domainTooLong':
      return 'must be at most 253 characters long in its ASCII form';
    case 'domainLabelTooLong':
      return `must not have labels longer than 63 characters in ASCII form: ${label} is longer`;
    case 'domainNumericTld':
      return 'must not end in a label of digits only';
    case 'domainHyphen':
      return `must not have labels that start or end with a hyphen or have "--" in the third and fourth place: ${label} does`;
    case 'domainDisallowedCharacter':
      return `must not contain ${character}: domain names allow letters, digits and hyphens (IDNA2008), no emoji, symbols or punctuation`;
    case 'domainCombiningMark':
      return `must not have labels that start with a combining mark: ${label} does`;
    case 'domainContextRule':
      return `must use ${character} only where IDNA2008 allows it (RFC 5892), which ${label} does not`;
    case 'domainBidi':
      return `must not mix right-to-left and left-to-right text against the Bidi rule (RFC 5893): ${label} does`;
    case 'domainInvalidPunycode':
      return `must not have an "xn--" label that is not valid punycode: ${label} is not`;
  }
}
