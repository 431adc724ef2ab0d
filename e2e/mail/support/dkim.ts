import { join } from 'node:path';
import { stack } from './clients.js';
import { run } from './daemons.js';

const VERIFIER = join(import.meta.dirname, 'dkim-verify.py');

/** Puts (or replaces) a TXT record in the suite's Knot zone, as a DNS provider would. */
export async function publish(name: string, value: string): Promise<void> {
  const { socket, zone } = stack().knot;
  const knotc = (...args: string[]) => run('knotc', ['-s', socket, ...args]);
  await knotc('zone-begin', zone);
  try {
    const pieces = [...value.matchAll(/"[^"]*"/g)].map((match) => match[0]);
    await knotc('zone-set', zone, name, '300', 'TXT', ...pieces);
    await knotc('zone-commit', zone);
  } catch (error) {
    await knotc('zone-abort', zone).catch(() => undefined);
    throw error;
  }
}

/** dkimpy's verdict on a message, resolving through the suite's Knot only. */
export async function verdict(message: string): Promise<'pass' | 'fail'> {
  const child = run('/usr/bin/python3', [VERIFIER, String(stack().knot.port)]);
  child.child.stdin?.end(message);
  try {
    return (await child).stdout.trim() as 'pass';
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout?.trim();
    if (stdout === 'fail') return 'fail';
    throw error;
  }
}

/** The tags of the message's first DKIM-Signature (none: an empty map). */
export function signatureTags(raw: string): Map<string, string> {
  const header = /^DKIM-Signature:((?:.*\r?\n[ \t].*)*.*)/im.exec(raw)?.[1] ?? '';
  return new Map(
    header
      .replace(/\s+/g, '')
      .split(';')
      .filter((tag) => tag.includes('='))
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)]),
  );
}
