import type { AuditEventResponseDto } from '@yubin/api-client';
import { formatBytes } from '../../core/i18n/format';
import { toUnicodeName } from './idn';

/**
 * What an event concerns, as people name it: an API token by its name, not its id; a domain
 * or address in Unicode, not punycode.
 */
export function auditTargetLabel(
  event: Pick<AuditEventResponseDto, 'target' | 'targetType' | 'before' | 'after'>,
): string {
  if (event.targetType === 'api-token') {
    for (const data of [event.after, event.before]) {
      const name: unknown = data?.['name'];
      if (typeof name === 'string' && name !== '') return name;
    }
  }
  return toUnicodeName(event.target);
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

/**
 * A value as text: sizes (`…Bytes`) in the reader's units, lists joined, domains and
 * addresses in Unicode, the rest as is.
 */
function show(field: string, value: unknown, locale: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && field.endsWith('Bytes')) return formatBytes(value, locale);
  if (Array.isArray(value)) return value.map((item) => show(field, item, locale)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? toUnicodeName(value) : JSON.stringify(value);
}

/**
 * An event's data as a readable before/after, one line per field in a stable order; a
 * field only one side has shows nothing on the other.
 */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  locale: string,
): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => {
    const old = before === null || !(field in before) ? null : show(field, before[field], locale);
    const now = after === null || !(field in after) ? null : show(field, after[field], locale);
    return { field, before: old, after: now, changed: old !== now };
  });
}
