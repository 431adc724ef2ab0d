/** The headers (unfolded, by lowercase name) and the decoded text of a single-part message. */
export function readTextMessage(raw: string | Buffer): {
  headers: Map<string, string>;
  text: string;
} {
  const source = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  const whole = source.toString('latin1').replaceAll('\r\n', '\n');
  const split = whole.indexOf('\n\n');
  const head = whole.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = whole.slice(split + 2);
  const headers = new Map<string, string>();
  for (const line of head.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\n/g, '')
              .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          )
        : Buffer.from(body, 'latin1');
  return { headers, text: bytes.toString('utf8').replaceAll('\r\n', '\n') };
}
