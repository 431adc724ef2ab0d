import { createHash } from 'node:crypto';
import type { DmarcPolicy, DnsRecordType, MtaStsMode, SpfPolicy } from '#contracts';

/** What a record is for: the key of the sentence that explains it (dns-record-why.ts). */
export type RecordPurpose =
  | 'mx'
  | 'spf'
  | 'dkim'
  | 'dmarc'
  | 'mta-sts'
  | 'mta-sts-host'
  | 'tls-rpt'
  | 'submissions'
  | 'submission-none'
  | 'imaps'
  | 'imap-none'
  | 'pop3s'
  | 'pop3-none'
  | 'autoconfig'
  | 'autodiscover'
  | 'caa';

/**
 * One record a domain needs. `name` is absolute (trailing dot) and `value` is the
 * RFC 1035 presentation form, as a zone file line has it: TXT as quoted strings of at
 * most 255 bytes each, host names absolute.
 */
export interface DesiredRecord {
  type: DnsRecordType;
  name: string;
  value: string;
  ttl: number;
  purpose: RecordPurpose;
}

/** A domain's DNS settings with the configured defaults filled in. */
export interface EffectiveDnsSettings {
  spfPolicy: SpfPolicy;
  spfIncludes: readonly string[];
  dmarcPolicy: DmarcPolicy;
  dmarcReportAddress: string;
  mtaStsMode: MtaStsMode;
}

export interface DomainDnsInput {
  /** Punycode (A-labels), as stored. */
  domain: string;
  /** The domain's own mail server, or null for the global host names. */
  mailHostname: string | null;
  hosts: { imap: string; pop3: string; smtp: string };
  webHostname: string;
  ttl: number;
  caaIssuer: string | undefined;
  mtaStsMaxAgeSeconds: number;
  settings: EffectiveDnsSettings;
  /** Published DKIM selectors with their public key record text (`v=DKIM1; …`). */
  dkim: readonly { selector: string; text: string }[];
}

export function absolute(name: string): string {
  return name.endsWith('.') ? name.toLowerCase() : `${name.toLowerCase()}.`;
}

const TXT_STRING_BYTES = 255;

/**
 * TXT text as character-strings (RFC 1035 §3.3.14): at most 255 bytes each, quoted,
 * with `"` and `\` escaped. Splits fall between characters, never inside one.
 */
export function txtStrings(text: string): string {
  const pieces: string[] = [];
  let current = '';
  for (const char of text) {
    if (Buffer.byteLength(current + char) > TXT_STRING_BYTES) {
      pieces.push(current);
      current = '';
    }
    current += char;
  }
  pieces.push(current);
  return pieces.map((piece) => `"${piece.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ');
}

/** Where incoming mail goes: the domain's own server, or the global SMTP host. */
export function mxHost(input: Pick<DomainDnsInput, 'mailHostname' | 'hosts'>): string {
  return input.mailHostname ?? input.hosts.smtp;
}

/** RFC 8461 §3.2: the policy file, CRLF line endings. */
export function mtaStsPolicy(input: DomainDnsInput): string {
  return [
    'version: STSv1',
    `mode: ${input.settings.mtaStsMode}`,
    `mx: ${mxHost(input).toLowerCase()}`,
    `max_age: ${input.mtaStsMaxAgeSeconds}`,
    '',
  ].join('\r\n');
}

/**
 * The policy id senders compare with what they cached: a digest of the policy, so it
 * changes whenever the policy does, whether the domain's setting, its mail host or the
 * configuration changed it (RFC 8461 §3.1: 1–32 letters and digits).
 */
export function mtaStsPolicyId(policy: string): string {
  return createHash('sha256').update(policy).digest('hex').slice(0, 20);
}

/** Every record the domain needs, in a stable order (the zone fragment keeps it). */
export function desiredRecords(input: DomainDnsInput): DesiredRecord[] {
  const apex = absolute(input.domain);
  const at = (label: string): string => `${label}.${apex}`;
  const host = (name: string): string => absolute(name);
  const ttl = input.ttl;
  const { settings } = input;
  const report = `mailto:${settings.dmarcReportAddress}`;
  const spf = [
    'v=spf1',
    'mx',
    ...settings.spfIncludes.map((name) => `include:${name}`),
    settings.spfPolicy,
  ].join(' ');
  const record = (
    type: DnsRecordType,
    name: string,
    value: string,
    purpose: RecordPurpose,
  ): DesiredRecord => ({ type, name, value, ttl, purpose });
  const records: DesiredRecord[] = [
    record('MX', apex, `10 ${host(mxHost(input))}`, 'mx'),
    record('TXT', apex, txtStrings(spf), 'spf'),
    ...input.dkim.map((key) =>
      record('TXT', at(`${key.selector}._domainkey`), txtStrings(key.text), 'dkim'),
    ),
    record(
      'TXT',
      at('_dmarc'),
      txtStrings(`v=DMARC1; p=${settings.dmarcPolicy}; rua=${report}`),
      'dmarc',
    ),
    record(
      'TXT',
      at('_mta-sts'),
      txtStrings(`v=STSv1; id=${mtaStsPolicyId(mtaStsPolicy(input))}`),
      'mta-sts',
    ),
    record('CNAME', at('mta-sts'), host(input.webHostname), 'mta-sts-host'),
    record('TXT', at('_smtp._tls'), txtStrings(`v=TLSRPTv1; rua=${report}`), 'tls-rpt'),
    record('SRV', at('_submissions._tcp'), `0 1 465 ${host(input.hosts.smtp)}`, 'submissions'),
    record('SRV', at('_submission._tcp'), '0 0 0 .', 'submission-none'),
    record('SRV', at('_imaps._tcp'), `0 1 993 ${host(input.hosts.imap)}`, 'imaps'),
    record('SRV', at('_imap._tcp'), '0 0 0 .', 'imap-none'),
    record('SRV', at('_pop3s._tcp'), `10 1 995 ${host(input.hosts.pop3)}`, 'pop3s'),
    record('SRV', at('_pop3._tcp'), '0 0 0 .', 'pop3-none'),
    record('CNAME', at('autoconfig'), host(input.webHostname), 'autoconfig'),
    record('CNAME', at('autodiscover'), host(input.webHostname), 'autodiscover'),
  ];
  if (input.caaIssuer !== undefined) {
    records.push(record('CAA', apex, `0 issue "${input.caaIssuer}"`, 'caa'));
  }
  return records;
}

/** An RFC 1035 zone file fragment: one line per record, absolute names, class IN. */
export function zoneFragment(domain: string, records: readonly DesiredRecord[]): string {
  const width = Math.max(...records.map((r) => r.name.length));
  return [
    `; Mail records for ${absolute(domain)} generated by Yubin`,
    ...records.map((r) => `${r.name.padEnd(width)} ${r.ttl} IN ${r.type.padEnd(5)} ${r.value}`),
    '',
  ].join('\n');
}
