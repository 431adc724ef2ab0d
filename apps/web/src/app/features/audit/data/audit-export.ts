import type { AuditEventResponseDto } from '@yubin/api-client';
import { firstValueFrom } from 'rxjs';
import type { AuditApi, AuditFilters } from './audit-api';
import { toCsv } from './csv';

export const EXPORT_MAX_ROWS = 50_000;

const HEADER = [
  'occurredAt',
  'actor',
  'via',
  'action',
  'targetType',
  'target',
  'domain',
  'ip',
  'requestId',
  'before',
  'after',
];

export function auditRow(event: AuditEventResponseDto): unknown[] {
  return [
    event.occurredAt,
    event.actor.label,
    event.actor.via,
    event.action,
    event.targetType,
    event.target,
    event.domain,
    event.ip,
    event.requestId,
    event.before,
    event.after,
  ];
}

/**
 * Every event matching the filters, page by page (200 at a time, at most EXPORT_MAX_ROWS),
 * as CSV. `progress` gets the number of rows read so far; `signal` stops the export.
 */
export async function exportAuditCsv(
  api: AuditApi,
  filters: AuditFilters,
  progress: (rows: number) => void,
  signal?: AbortSignal,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const rows: unknown[][] = [];
  let cursor: string | undefined;
  do {
    if (signal?.aborted === true) throw new DOMException('Export cancelled', 'AbortError');
    const page = await firstValueFrom(api.list(filters, cursor, 200));
    rows.push(...page.items.map(auditRow));
    progress(rows.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && rows.length < EXPORT_MAX_ROWS);
  return {
    csv: toCsv(HEADER, rows.slice(0, EXPORT_MAX_ROWS)),
    rows: Math.min(rows.length, EXPORT_MAX_ROWS),
    truncated: cursor !== undefined,
  };
}
