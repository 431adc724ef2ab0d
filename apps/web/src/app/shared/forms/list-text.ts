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

export function formatListText(addresses: readonly string[]): string {
  return addresses.join('\n');
}
