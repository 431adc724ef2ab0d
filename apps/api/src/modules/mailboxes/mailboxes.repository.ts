import { Injectable } from '@nestjs/common';
import type { Reach } from '../../common/auth/principal.js';
import type { CursorPosition } from '../../common/pagination/cursor.js';
import { likePrefix } from '../../common/pagination/list-query.dto.js';
import { Database } from '../../infra/database/database.js';
import { applyKeyset, resolveSort, type SortColumn } from '../../infra/database/keyset.js';
import { applyReach } from '../../infra/database/reach.js';
import { MailboxEntity } from './mailbox.entity.js';

const SORT_COLUMNS: Record<string, SortColumn> = {
  address: { column: 'm.address', unique: false },
  createdAt: { column: 'm.created_at', unique: false, cast: 'timestamptz' },
};

/** How full a mailbox is; defined only where it has a quota (quota_bytes > 0). */
const USED_RATIO = '(m.used_bytes::float8 / m.quota_bytes)';

const SEARCH_SORT_COLUMNS: Record<string, SortColumn> = {
  address: { column: 'm.address', unique: true },
  usedRatio: { column: USED_RATIO, unique: false, cast: 'float8' },
};

export interface MailboxSearchOptions {
  limit: number;
  sort: string;
  q?: string | undefined;
  minUsedRatio?: number | undefined;
  after?: CursorPosition | undefined;
}

export function usedRatioOf(mailbox: Pick<MailboxEntity, 'usedBytes' | 'quotaBytes'>): number {
  // The same IEEE division PostgreSQL does for USED_RATIO, so a cursor value is exact.
  return Number(mailbox.usedBytes) / Number(mailbox.quotaBytes);
}

export interface MailboxListOptions {
  deleted: boolean;
  limit: number;
  sort: string;
  q?: string | undefined;
  after?: CursorPosition | undefined;
}

export type MailboxChanges = Partial<
  Pick<
    MailboxEntity,
    | 'displayName'
    | 'passwordHash'
    | 'quotaBytes'
    | 'active'
    | 'imapEnabled'
    | 'pop3Enabled'
    | 'smtpEnabled'
    | 'mustChangePassword'
    | 'passwordChangedAt'
    | 'forwardTo'
    | 'keepCopy'
    | 'language'
  >
>;

@Injectable()
export class MailboxesRepository {
  constructor(private readonly db: Database) {}

  /** Mailboxes the reach may see: within its domains, and not owned by anyone it cannot act on. */
  private reachable(reach: Reach) {
    return applyReach(this.db.manager.createQueryBuilder(MailboxEntity, 'm'), reach, {
      domainId: 'm.domain_id',
      mailboxId: 'm.id',
    });
  }

  /**
   * One domain's mailboxes, live or soft-deleted. `q` is a prefix of the local part
   * or of the display name (case-insensitive); both are index-backed.
   */
  list(reach: Reach, domainId: string, options: MailboxListOptions): Promise<MailboxEntity[]> {
    const query = this.reachable(reach)
      .andWhere('m.domain_id = :domainId', { domainId })
      .andWhere(options.deleted ? 'm.deleted_at IS NOT NULL' : 'm.deleted_at IS NULL');
    if (options.q) {
      query.andWhere(
        "(m.address LIKE :q ESCAPE '\\' OR lower(m.display_name) LIKE :q ESCAPE '\\')",
        {
          q: likePrefix(options.q.toLowerCase()),
        },
      );
    }
    const sort = resolveSort(options.sort, SORT_COLUMNS);
    return applyKeyset(query, 'm.id', sort, options.after, options.limit).getMany();
  }

  /**
   * Live mailboxes across every domain within reach: by address (a prefix in `q`), or
   * fullest first; both index-backed (the unique address index, and one on the ratio).
   */
  search(reach: Reach, options: MailboxSearchOptions): Promise<MailboxEntity[]> {
    const query = this.reachable(reach).andWhere('m.deleted_at IS NULL');
    if (options.q) {
      query.andWhere("m.address LIKE :q ESCAPE '\\'", { q: likePrefix(options.q.toLowerCase()) });
    }
    if (options.sort.endsWith('usedRatio') || options.minUsedRatio !== undefined) {
      query.andWhere('m.quota_bytes > 0');
    }
    if (options.minUsedRatio !== undefined) {
      query.andWhere(`${USED_RATIO} >= :minUsedRatio`, { minUsedRatio: options.minUsedRatio });
    }
    const sort = resolveSort(options.sort, SEARCH_SORT_COLUMNS);
    return applyKeyset(query, 'm.id', sort, options.after, options.limit).getMany();
  }

  findLive(reach: Reach, address: string): Promise<MailboxEntity | null> {
    return this.reachable(reach)
      .andWhere('m.address = :address AND m.deleted_at IS NULL', { address })
      .getOne();
  }

  findLiveForUpdate(reach: Reach, address: string): Promise<MailboxEntity | null> {
    return this.reachable(reach)
      .andWhere('m.address = :address AND m.deleted_at IS NULL', { address })
      .setLock('pessimistic_write', undefined, ['m'])
      .getOne();
  }

  /** The most recently deleted mailbox at an address, if still retained. */
  findDeletedForUpdate(reach: Reach, address: string): Promise<MailboxEntity | null> {
    return this.reachable(reach)
      .andWhere('m.address = :address AND m.deleted_at IS NOT NULL', { address })
      .orderBy('m.deleted_at', 'DESC')
      .limit(1)
      .setLock('pessimistic_write', undefined, ['m'])
      .getOne();
  }

  async insert(
    values: Pick<MailboxEntity, 'domainId' | 'localPart' | 'address' | 'passwordHash'> &
      MailboxChanges,
  ): Promise<MailboxEntity> {
    const result = await this.db.manager.insert(MailboxEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    return this.db.manager.findOneByOrFail(MailboxEntity, { id });
  }

  async update(id: string, changes: MailboxChanges): Promise<MailboxEntity> {
    await this.db.manager
      .createQueryBuilder()
      .update(MailboxEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    return this.db.manager.findOneByOrFail(MailboxEntity, { id });
  }

  async setDeleted(id: string, deletedAt: Date | null): Promise<MailboxEntity> {
    await this.db.manager
      .createQueryBuilder()
      .update(MailboxEntity)
      .set({ deletedAt, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    return this.db.manager.findOneByOrFail(MailboxEntity, { id });
  }

  /** Removes soft-deleted mailboxes whose retention has run out; returns their addresses. */
  async purgeDeletedBefore(cutoff: Date): Promise<{ address: string; domainId: string }[]> {
    const result: [{ address: string; domain_id: string }[], number] = await this.db.manager.query(
      'DELETE FROM mailbox WHERE deleted_at IS NOT NULL AND deleted_at < $1 RETURNING address, domain_id',
      [cutoff],
    );
    return result[0].map((row) => ({ address: row.address, domainId: row.domain_id }));
  }
}
