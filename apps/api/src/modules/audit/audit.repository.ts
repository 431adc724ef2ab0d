import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { Database } from '../../infra/database/database.js';
import type { Reach } from '../../common/auth/principal.js';
import { applyReach } from '../../infra/database/reach.js';
import { AuditEventEntity } from './audit-event.entity.js';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'occurredAt'>;

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  domainName?: string;
  from?: Date;
  to?: Date;
  /** Newest first: only events with a smaller id. */
  beforeId?: string;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(event: NewAuditEvent): Promise<void> {
    await this.db.manager.insert(
      AuditEventEntity,
      event as QueryDeepPartialEntity<AuditEventEntity>,
    );
  }

  /**
   * Newest first by id. Scoped principals see only the events of their domains, and
   * none about an address out of their reach (a superadmin's mailbox in their domain);
   * events without a domain (tokens, admins) belong to the unrestricted scope.
   */
  list(reach: Reach, filter: AuditFilter): Promise<AuditEventEntity[]> {
    const query = this.db.manager
      .createQueryBuilder(AuditEventEntity, 'e')
      .orderBy('e.id', 'DESC')
      .limit(filter.limit + 1);
    applyReach(query, reach, { domainId: 'e.domain_id', address: 'e.target_id' });
    if (filter.action !== undefined) {
      // `mailbox` matches every mailbox.* action; `mailbox.create` matches exactly.
      if (filter.action.includes('.'))
        query.andWhere('e.action = :action', { action: filter.action });
      else query.andWhere('e.action LIKE :prefix', { prefix: `${filter.action}.%` });
    }
    if (filter.targetType !== undefined)
      query.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId !== undefined)
      query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    if (filter.actorId !== undefined)
      query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.domainName !== undefined) {
      query.andWhere('e.domain_name = :domainName', { domainName: filter.domainName });
    }
    if (filter.from !== undefined) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('e.occurred_at < :to', { to: filter.to });
    if (filter.beforeId !== undefined)
      query.andWhere('e.id < :beforeId', { beforeId: filter.beforeId });
    return query.getMany();
  }
}
