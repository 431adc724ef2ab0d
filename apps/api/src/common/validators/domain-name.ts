import { domainToUnicode } from 'node:url';
import tr46, { type Uts46Options } from 'tr46';
import { DOMAIN_MAX_OCTETS, type DomainNameProblem } from '#contracts';
import { contextOAllowed, idna2008Property } from './idna2008.js';

const LABEL_MAX_OCTETS = 63;

/**
 * UTS #46 as registries apply it: nontransitional processing (ß, ς, ZWJ and ZWNJ are kept),
 * STD3 ASCII rules, CheckHyphens, CheckBidi and CheckJoiners. tr46 does the mapping and the
 * joiner and Bidi rules with its Unicode tables; the IDNA2008 derived property comes on top.
 */
const STRICT: Uts46Options = {
  useSTD3ASCIIRules: true,
  transitionalProcessing: false,
  checkHyphens: true,
  checkBidi: true,
  checkJoiners: true,
};
const MAP_ONLY: Uts46Options = { useSTD3ASCIIRules: true, transitionalProcessing: false };

export type DomainNameCheck =
  { ok: true; ascii: string; unicode: string } | { ok: false; problem: DomainNameProblem };

const refuse = (problem: DomainNameProblem): DomainNameCheck => ({ ok: false, problem });
const codePointOf = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Checks a domain as a user typed it (Unicode or punycode, any case, one trailing dot
 * allowed) against IDNA2008 and DNS host-name rules. Returns its lowercase ASCII
 * (punycode) and Unicode forms, or the first rule it breaks.
 */
export function checkDomainName(input: string): DomainNameCheck {
  const trimmed = input.trim();
  if (trimmed === '' || /[\s/\\@:]/u.test(trimmed)) return refuse({ code: 'isDomainName' });
  const punycodeProblem = findInvalidALabel(trimmed);
  if (punycodeProblem !== undefined) return refuse(punycodeProblem);

  const mapped = tr46.toUnicode(trimmed, MAP_ONLY).domain.replace(/\.$/, '');
  const labels = mapped.split('.');
  if (labels.some((label) => label === '')) return refuse({ code: 'domainEmptyLabel' });
  if (labels.length < 2) return refuse({ code: 'domainSingleLabel' });
  for (const label of labels) {
    const problem = labelProblem(label);
    if (problem !== undefined) return refuse(problem);
  }
  const bidiLabel = labels.find((label) => !satisfiesBidiRule(label));
  if (bidiLabel !== undefined && tr46.toUnicode(mapped, STRICT).error) {
    return refuse({ code: 'domainBidi', label: bidiLabel });
  }

  const ascii = tr46.toASCII(mapped, STRICT);
  // The runtime's Unicode data may know a code point tr46's tables do not yet.
  if (ascii === null) return refuse({ code: 'isDomainName' });
  const asciiLabels = ascii.split('.');
  const longIndex = asciiLabels.findIndex((label) => label.length > LABEL_MAX_OCTETS);
  if (longIndex >= 0) return refuse({ code: 'domainLabelTooLong', label: labels[longIndex] });
  if (ascii.length > DOMAIN_MAX_OCTETS) return refuse({ code: 'domainTooLong' });
  if (/^[0-9]+$/.test(asciiLabels[asciiLabels.length - 1] ?? '')) {
    return refuse({ code: 'domainNumericTld' });
  }
  return { ok: true, ascii, unicode: mapped };
}

/** An `xn--` label must be the punycode of a non-ASCII NFC label, encoded the one canonical way. */
function findInvalidALabel(domain: string): DomainNameProblem | undefined {
  for (const label of domain.split(/[.\u3002\uff0e\uff61]/u)) {
    if (!/^xn--/i.test(label)) continue;
    const decoded = tr46.toUnicode(label, { ...MAP_ONLY, ignoreInvalidPunycode: false });
    const unicode = decoded.domain;
    const valid =
      /^[\x21-\x7e]+$/.test(label) &&
      unicode !== label &&
      /\P{ASCII}/u.test(unicode) &&
      unicode === unicode.normalize('NFC') &&
      tr46.toASCII(unicode, MAP_ONLY) === label.toLowerCase();
    if (!valid) return { code: 'domainInvalidPunycode', label };
  }
  return undefined;
}

function labelProblem(label: string): DomainNameProblem | undefined {
  const codePoints = Array.from(label);
  if (label.startsWith('-') || label.endsWith('-') || label.slice(2, 4) === '--') {
    return { code: 'domainHyphen', label };
  }
  if (/^\p{M}/u.test(label)) return { code: 'domainCombiningMark', label };
  for (const [index, character] of codePoints.entries()) {
    const property = idna2008Property(character);
    if (property === 'DISALLOWED' || property === 'UNASSIGNED') {
      return {
        code: 'domainDisallowedCharacter',
        label,
        character,
        codePoint: codePointOf(character),
      };
    }
    const outOfContext =
      property === 'CONTEXTO'
        ? !contextOAllowed(codePoints, index)
        : property === 'CONTEXTJ' && tr46.toUnicode(label, { checkJoiners: true }).error;
    if (outOfContext) {
      return { code: 'domainContextRule', label, character, codePoint: codePointOf(character) };
    }
  }
  return undefined;
}

/** RFC 5893 for one label, checked as part of a domain that is certainly a Bidi domain. */
function satisfiesBidiRule(label: string): boolean {
  return !tr46.toUnicode(`${label}.\u05d0`, { checkBidi: true }).error;
}

/** Lowercase punycode of a valid domain name, or undefined (see `checkDomainName`). */
export function toAsciiDomain(input: string): string | undefined {
  const check = checkDomainName(input);
  return check.ok ? check.ascii : undefined;
}

/** Whether a name is a valid domain in the normalised form Yubin stores: lowercase ASCII. */
export function isAsciiFqdn(name: string): boolean {
  return toAsciiDomain(name) === name;
}

export function toUnicodeDomain(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}
