import { Injectable } from '@nestjs/common';
import type { CheckedDnsRecords } from '../dns/dns-records.service.js';
import { DnsRecordsService } from '../dns/dns-records.service.js';
import { DNS_RECORDS, type DnsRecord, type DnsRecordState } from './diagnostic-checks.js';

/**
 * One state per kind from the records of that kind: a wrong record outweighs an
 * unverified one, which outweighs the right ones; the first wrong one is named.
 */
export function summariseDns(checked: CheckedDnsRecords): Record<DnsRecord, DnsRecordState> {
  const of = (kind: DnsRecord): DnsRecordState => {
    const records = checked.records.filter((record) => record.purpose === kind);
    const first = records[0];
    if (first === undefined) return { state: 'none', name: '' };
    const wrong = records.find((r) => r.status === 'missing' || r.status === 'mismatch');
    if (wrong !== undefined)
      return {
        state: wrong.status as 'missing' | 'mismatch',
        name: wrong.name,
        expected: wrong.value,
        found: wrong.found,
      };
    const unverified = records.find((r) => r.status === 'unverified');
    if (unverified !== undefined)
      return { state: 'unverified', name: unverified.name, never: checked.checkedAt === null };
    return { state: 'ok', name: first.name };
  };
  return Object.fromEntries(DNS_RECORDS.map((kind) => [kind, of(kind)])) as Record<
    DnsRecord,
    DnsRecordState
  >;
}

/** What DNS verification last found for a domain's mail records (ADR 0015). */
@Injectable()
export class DnsStateService {
  constructor(private readonly records: DnsRecordsService) {}

  /** Undefined when the domain is gone. */
  async forDomain(domainId: string): Promise<Record<DnsRecord, DnsRecordState> | undefined> {
    const checked = await this.records.checkedRecords(domainId);
    return checked === undefined ? undefined : summariseDns(checked);
  }
}
