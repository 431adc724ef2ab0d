import { Injectable } from '@nestjs/common';
import { DNS_RECORDS, type DnsRecord, type DnsRecordState } from './diagnostic-checks.js';

/**
 * What DNS verification last found for a domain's records. Yubin does not verify DNS
 * yet, so every record is `unknown` (the checks say so as a warning); verification
 * replaces this one method with its stored results.
 */
@Injectable()
export class DnsStateService {
  forDomains(
    domainIds: readonly string[],
  ): Promise<Map<string, Record<DnsRecord, DnsRecordState>>> {
    const unknown = Object.fromEntries(DNS_RECORDS.map((record) => [record, 'unknown'])) as Record<
      DnsRecord,
      DnsRecordState
    >;
    return Promise.resolve(new Map(domainIds.map((id) => [id, { ...unknown }])));
  }
}
