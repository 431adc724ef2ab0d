import type { DnsPublishAction, DnsRecordType } from '#contracts';
import type { DesiredRecord } from '../dns-records.js';
import type { UpdateOperation } from './dns-wire.js';
import type { PublishedRrset } from './dns-publishing.repository.js';

export interface PlannedRecord {
  type: DnsRecordType;
  name: string;
  value: string;
  action: DnsPublishAction;
}

export interface PublishPlan {
  operations: UpdateOperation[];
  records: PlannedRecord[];
  /** What will have been published once the UPDATE succeeds. */
  published: PublishedRrset[];
}

/**
 * The apex is shared: its TXT RRset holds site verifications beside SPF, and its CAA
 * RRset may name other issuers for the web site. There Yubin only adds and removes its
 * own values. Every other RRset Yubin generates (MX, and names under the apex it invents:
 * `_dmarc`, `_mta-sts`, selectors, SRV, host names) is Yubin's, replaced as a whole, so
 * that a stale record from before (an old MX, a second DMARC) does not stay beside it.
 */
function isShared(type: DnsRecordType, name: string, apex: string): boolean {
  return name === apex && (type === 'TXT' || type === 'CAA');
}

const keyOf = (type: string, name: string): string => `${type}\0${name}`;

/** The UPDATE that makes the zone hold `desired`, given what Yubin published before. */
export function planPublish(
  domain: string,
  desired: readonly DesiredRecord[],
  previous: readonly PublishedRrset[],
): PublishPlan {
  const apex = `${domain.toLowerCase().replace(/\.$/, '')}.`;
  const groups = new Map<string, { type: DnsRecordType; name: string; records: DesiredRecord[] }>();
  for (const record of desired) {
    const key = keyOf(record.type, record.name);
    const group = groups.get(key) ?? { type: record.type, name: record.name, records: [] };
    group.records.push(record);
    groups.set(key, group);
  }
  const before = new Map(previous.map((rrset) => [keyOf(rrset.type, rrset.name), rrset]));
  const operations: UpdateOperation[] = [];
  const records: PlannedRecord[] = [];
  const published: PublishedRrset[] = [];

  for (const [key, group] of groups) {
    const { type, name } = group;
    const values = group.records.map((record) => record.value);
    if (isShared(type, name, apex)) {
      for (const old of before.get(key)?.values ?? []) {
        if (values.includes(old)) continue;
        operations.push({ op: 'delete', name, type, value: old });
        records.push({ type, name, value: old, action: 'withdrawn' });
      }
    } else {
      operations.push({ op: 'delete-rrset', name, type });
    }
    for (const record of group.records) {
      operations.push({ op: 'add', name, type, ttl: record.ttl, value: record.value });
      records.push({ type, name, value: record.value, action: 'published' });
    }
    published.push({ type, name, values });
  }

  for (const [key, rrset] of before) {
    if (groups.has(key)) continue;
    const { type, name } = rrset;
    if (isShared(type, name, apex)) {
      for (const value of rrset.values) operations.push({ op: 'delete', name, type, value });
    } else {
      operations.push({ op: 'delete-rrset', name, type });
    }
    for (const value of rrset.values) records.push({ type, name, value, action: 'withdrawn' });
  }
  return { operations, records, published };
}
