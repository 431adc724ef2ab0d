/**
 * Internationalised names for display: Yubin stores domains as punycode (`xn--r8jz45g.jp`)
 * and people read them in Unicode (`例え.jp`). The browser has no punycode decoder, so this
 * is RFC 3492's, and nothing else: the API validates names (IDNA2008) on the way in, and
 * whatever does not decode cleanly is shown exactly as stored.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAX_INT = 0x7fffffff;

/** Controls and bidi overrides would let a stored name disguise itself: such a label stays as is. */
const UNSAFE = /[\p{Cc}\p{Cs}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0–9 are 26–35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return -1;
}

/** RFC 3492 §6.2: the code points a punycode string encodes, or undefined if it is not one. */
export function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = delimiter > 0 ? delimiter + 1 : 0; at < input.length;) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return undefined;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit < 0 || digit > Math.floor((MAX_INT - i) / w)) return undefined;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) return undefined;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    if (Math.floor(i / length) > MAX_INT - n) return undefined;
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function unicodeLabel(label: string): string | undefined {
  if (!/^xn--/i.test(label)) return label;
  const decoded = decodePunycode(label.slice(4).toLowerCase());
  // An A-label encodes something beyond ASCII; anything else is not one.
  if (decoded === undefined || !/[^\0-\x7f]/.test(decoded) || UNSAFE.test(decoded)) {
    return undefined;
  }
  return decoded;
}

/** `xn--r8jz45g.jp` → `例え.jp`; a name with any label that does not decode stays as it is. */
export function toUnicodeDomain(name: string): string {
  if (!/(^|\.)xn--/i.test(name)) return name;
  const labels = name.split('.').map(unicodeLabel);
  return labels.every((label) => label !== undefined) ? labels.join('.') : name;
}

/**
 * A domain, an address (`alice@xn--r8jz45g.jp`) or a catch-all (`@xn--r8jz45g.jp`) with its
 * domain in Unicode; the local part is never touched.
 */
export function toUnicodeName(value: string): string {
  const at = value.lastIndexOf('@');
  return at < 0
    ? toUnicodeDomain(value)
    : `${value.slice(0, at + 1)}${toUnicodeDomain(value.slice(at + 1))}`;
}
