/** `--name N` from the command line: a positive integer (`_` allowed as a separator), or the fallback. */
export function positiveIntegerOption(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  const raw = index >= 0 ? argv[index + 1] : undefined;
  const parsed = raw === undefined ? fallback : Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(parsed) || parsed <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return parsed;
}
