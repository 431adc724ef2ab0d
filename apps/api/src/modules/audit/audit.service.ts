import { Injectable } from '@nestjs/common';
import { reachOf, type RequestContext } from '../../common/auth/principal.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventResponseDto } from './dto/audit-event-response.dto.js';
import { AUDIT_CURSOR, type ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto.js';

export interface AuditTarget {
  action: string;
  targetType: string;
  targetId: string;
  domain?: { id: string; name: string } | undefined;
  before?: object | null | undefined;
  after?: object | null | undefined;
}

const SECRET_KEY = /password|hash|secret|token|recovery|private/i;

/** Removes anything that looks like a secret, however deep, before it is stored. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, item]) => [key, redactSecrets(item)]),
    );
  }
  return value;
}

function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  return value == null ? null : (redactSecrets(value) as Record<string, unknown>);
}

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Call inside the transaction of the change it records. */
  async record(ctx: RequestContext, target: AuditTarget): Promise<void> {
    const { principal } = ctx;
    await this.audit.insert({
      actorType: principal.subject.kind,
      actorId: principal.subject.id,
      actorLabel: principal.email,
      via: principal.via,
      tokenId: principal.tokenId ?? null,
      action: target.action,
      targetType: target.targetType,
      targetId: target.targetId,
      domainId: target.domain?.id ?? null,
      domainName: target.domain?.name ?? null,
      before: snapshot(target.before),
      after: snapshot(target.after),
      ip: ctx.ip ?? null,
      requestId: ctx.requestId,
    });
  }

  /** For changes Yubin makes itself (first start, retention purge). */
  async recordSystem(target: AuditTarget): Promise<void> {
    await this.audit.insert({
      actorType: 'system',
      actorId: null,
      actorLabel: 'yubin',
      via: 'system',
      tokenId: null,
      action: target.action,
      targetType: target.targetType,
      targetId: target.targetId,
      domainId: target.domain?.id ?? null,
      domainName: target.domain?.name ?? null,
      before: snapshot(target.before),
      after: snapshot(target.after),
      ip: null,
      requestId: null,
    });
  }

  async list(
    ctx: RequestContext,
    query: ListAuditEventsQueryDto,
  ): Promise<Page<AuditEventResponseDto>> {
    const rows = await this.audit.list(reachOf(ctx.principal), {
      action: query.action,
      targetType: query.targetType,
      targetId: query.target,
      actorId: query.actorId,
      domainName: query.domain,
      from: query.from,
      to: query.to,
      beforeId:
        query.cursor === undefined
          ? undefined
          : String(decodeCursor(query.cursor, 'id', AUDIT_CURSOR).value),
      limit: query.limit,
    });
    return toPage(rows, query.limit, toAuditEventResponse, (row) => ({
      sort: 'id',
      value: row.id,
      id: row.id,
    }));
  }
}

export function toAuditEventResponse(row: AuditEventEntity): AuditEventResponseDto {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: {
      type: row.actorType,
      id: row.actorId,
      label: row.actorLabel,
      via: row.via,
      tokenId: row.tokenId,
    },
    action: row.action,
    targetType: row.targetType,
    target: row.targetId,
    domain: row.domainName,
    before: row.before,
    after: row.after,
    ip: row.ip,
    requestId: row.requestId,
  };
}
