/** Destinations are typed one per line (or separated by commas or spaces). */
export function parseDestinations(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

export function formatDestinations(destinations: readonly string[]): string {
  return destinations.join('\n');
}
