import { promises as dns } from 'node:dns';
import type { DnsRecordStatus } from '#contracts';
import { absolute, txtStrings, type DesiredRecord } from './dns-records.js';

export interface LookupResult {
  status: Exclude<DnsRecordStatus, 'unverified'>;
  /** What the resolver answered at the name and type, in the records' presentation form. */
  found: string[];
}

/** The resolver could not be asked (down, refusing, timing out): no record can be judged. */
export class ResolverUnavailable extends Error {}

/** Answers that say "nothing there", as opposed to "could not ask". */
const ABSENT: ReadonlySet<string> = new Set<string>([dns.NOTFOUND, dns.NODATA]);

/** TXT records share a name (SPF at the apex beside site verifications): compare like with like. */
function txtTag(text: string): string | undefined {
  return /^(v=[A-Za-z0-9]+)/.exec(text)?.[1]?.toLowerCase();
}

function unquote(value: string): string {
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)]
    .map((match) => (match[1] ?? '').replace(/\\(.)/g, '$1'))
    .join('');
}

async function answers(resolver: dns.Resolver, record: DesiredRecord): Promise<string[]> {
  const name = record.name.replace(/\.$/, '');
  switch (record.type) {
    case 'MX':
      return (await resolver.resolveMx(name)).map(
        (mx) => `${mx.priority} ${absolute(mx.exchange)}`,
      );
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((strings) => txtStrings(strings.join('')));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map(
        (srv) =>
          `${srv.priority} ${srv.weight} ${srv.port} ${srv.name === '' ? '.' : absolute(srv.name)}`,
      );
    case 'CNAME':
      return (await resolver.resolveCname(name)).map((target) => absolute(target));
    case 'CAA':
      return (await resolver.resolveCaa(name)).flatMap((caa) =>
        caa.issue === undefined ? [] : [`${caa.critical} issue "${caa.issue}"`],
      );
  }
}

/**
 * Looks one record up. `ok` when an answer equals it; `mismatch` when the name has
 * answers of its kind but none equals it (for TXT, answers with the same `v=` tag);
 * `missing` when there are none.
 */
export async function lookUp(resolver: dns.Resolver, record: DesiredRecord): Promise<LookupResult> {
  let all: string[];
  try {
    all = await answers(resolver, record);
  } catch (error) {
    if (ABSENT.has((error as { code?: string }).code ?? ''))
      return { status: 'missing', found: [] };
    throw new ResolverUnavailable(String(error));
  }
  const tag = record.type === 'TXT' ? txtTag(unquote(record.value)) : undefined;
  const found = tag === undefined ? all : all.filter((value) => txtTag(unquote(value)) === tag);
  const wanted = record.type === 'TXT' ? unquote(record.value) : record.value.toLowerCase();
  const same = (value: string): boolean =>
    record.type === 'TXT' ? unquote(value) === wanted : value.toLowerCase() === wanted;
  if (found.some(same)) return { status: 'ok', found };
  return { status: found.length === 0 ? 'missing' : 'mismatch', found };
}

/** A resolver for DNS_RESOLVER (or the system's), quick to give up: a page waits on it. */
export function createResolver(server: string | undefined): dns.Resolver {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  if (server !== undefined) resolver.setServers([server]);
  return resolver;
}
