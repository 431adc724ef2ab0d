/**
 * CSV for spreadsheets. A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
 * return, which some spreadsheets skip before evaluating) is prefixed with `'` so it is
 * shown as text and never run as a formula (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}

/** Rows joined with CRLF (RFC 4180), with a BOM so spreadsheets read UTF-8 (Japanese names). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[csvRow(header), ...rows.map(csvRow)].join('\r\n')}\r\n`;
}
