import { toUnicodeName } from '../data/idn';

/** A list (addresses, domain names) is typed one per line, or separated by commas or spaces. */
export function parseListText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

/** One per line, internationalised domains in Unicode (the API takes either form back). */
export function formatListText(addresses: readonly string[]): string {
  return addresses.map((address) => toUnicodeName(address)).join('\n');
}
