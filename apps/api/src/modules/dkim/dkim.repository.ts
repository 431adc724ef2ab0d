import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { DkimAlgorithm, DkimKeyState } from '#contracts';
import { Database } from '../../infra/database/database.js';
import { DkimKeyEntity } from './dkim-key.entity.js';
import { DkimSettingsEntity } from './dkim-settings.entity.js';

/** States whose record is in DNS. */
export const PUBLISHED_STATES: readonly DkimKeyState[] = ['published', 'active', 'retiring'];

/** A key waiting to be seen in DNS before it signs. */
export interface WaitingKeyRow {
  id: string;
  domainId: string;
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm;
  publicKey: string;
  /** The domain's overlap in days; null: the default. */
  overlapDays: number | null;
}

/** A domain's own DKIM schedule; null uses the default. */
export interface DkimSchedule {
  rotationDays: number | null;
  overlapDays: number | null;
}

/** A domain whose signing key is older than its schedule allows, with no rotation under way. */
export interface DueRotationRow {
  domainId: string;
  domain: string;
  algorithm: DkimAlgorithm;
}

/** One line of Rspamd's signing tables: a domain's active key, still sealed. */
export interface SigningKeyRow {
  id: string;
  domainId: string;
  domain: string;
  selector: string;
  privateKeySealed: string;
}

@Injectable()
export class DkimRepository {
  constructor(private readonly db: Database) {}

  /** The domain's keys, newest first. */
  findKeys(domainId: string): Promise<DkimKeyEntity[]> {
    return this.db.manager.find(DkimKeyEntity, {
      where: { domainId },
      order: { createdAt: 'DESC', selector: 'DESC' },
    });
  }

  /** The keys in DNS of each of these domains, in selector order. */
  async findPublished(domainIds: readonly string[]): Promise<DkimKeyEntity[]> {
    if (domainIds.length === 0) return [];
    return this.db.manager.find(DkimKeyEntity, {
      where: { domainId: In([...domainIds]), state: In([...PUBLISHED_STATES]) },
      order: { selector: 'ASC' },
    });
  }

  findKey(domainId: string, selector: string): Promise<DkimKeyEntity | null> {
    return this.db.manager.findOneBy(DkimKeyEntity, { domainId, selector });
  }

  async selectors(domainId: string): Promise<Set<string>> {
    const rows = await this.db.manager.find(DkimKeyEntity, {
      select: { selector: true },
      where: { domainId },
    });
    return new Set(rows.map((row) => row.selector));
  }

  async hasActive(domainId: string): Promise<boolean> {
    return this.db.manager.existsBy(DkimKeyEntity, { domainId, state: 'active' });
  }

  insert(key: Omit<DkimKeyEntity, 'id' | 'domain'>): Promise<DkimKeyEntity> {
    return this.db.manager.save(DkimKeyEntity, this.db.manager.create(DkimKeyEntity, key));
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(DkimKeyEntity, { id });
  }

  /** Every active domain's signing key, sealed, in domain order: the signer's map. */
  signingKeys(): Promise<SigningKeyRow[]> {
    return this.db.manager.query(
      `SELECT k.id, k.domain_id AS "domainId", d.name AS domain, k.selector, k.private_key_sealed AS "privateKeySealed"
         FROM dkim_key k JOIN domain d ON d.id = k.domain_id
        WHERE k.state = 'active' AND d.active
        ORDER BY d.name`,
    );
  }

  findActive(domainId: string): Promise<DkimKeyEntity | null> {
    return this.db.manager.findOneBy(DkimKeyEntity, { domainId, state: 'active' });
  }

  async hasPublished(domainId: string): Promise<boolean> {
    return this.db.manager.existsBy(DkimKeyEntity, { domainId, state: 'published' });
  }

  /** Each active domain's newest key waiting to sign, for the rotation to look up. */
  waitingKeys(): Promise<WaitingKeyRow[]> {
    return this.db.manager.query(
      `SELECT DISTINCT ON (k.domain_id) k.id, k.domain_id AS "domainId", d.name AS domain,
              k.selector, k.algorithm, k.public_key AS "publicKey", s.overlap_days AS "overlapDays"
         FROM dkim_key k JOIN domain d ON d.id = k.domain_id
         LEFT JOIN dkim_settings s ON s.domain_id = k.domain_id
        WHERE k.state = 'published' AND d.active
        ORDER BY k.domain_id, k.created_at DESC`,
    );
  }

  /** Locks the domain's keys for a change of signer. */
  async lockKeys(domainId: string): Promise<DkimKeyEntity[]> {
    return this.db.manager
      .createQueryBuilder(DkimKeyEntity, 'k')
      .where('k.domainId = :domainId', { domainId })
      .setLock('pessimistic_write')
      .getMany();
  }

  async update(
    id: string,
    change: Partial<Pick<DkimKeyEntity, 'state' | 'activatedAt' | 'retiringAt' | 'retireAfter'>>,
  ): Promise<void> {
    await this.db.manager.update(DkimKeyEntity, { id }, change);
  }

  /** Retiring keys whose overlap ended by `now`, with their domains. */
  async retireDue(
    now: Date,
  ): Promise<{ id: string; domainId: string; domain: string; selector: string }[]> {
    const [rows]: [{ id: string; domainId: string; domain: string; selector: string }[], number] =
      await this.db.manager.query(
        `UPDATE dkim_key k SET state = 'retired', retired_at = $1
           FROM domain d
          WHERE d.id = k.domain_id AND k.state = 'retiring' AND k.retire_after <= $1
          RETURNING k.id, k.domain_id AS "domainId", d.name AS domain, k.selector`,
        [now],
      );
    return rows;
  }

  findSettings(domainId: string): Promise<DkimSettingsEntity | null> {
    return this.db.manager.findOneBy(DkimSettingsEntity, { domainId });
  }

  /** Inserts or replaces the domain's schedule; the version counts the writes. */
  async upsertSettings(domainId: string, own: DkimSchedule): Promise<DkimSettingsEntity> {
    await this.db.manager.query(
      `INSERT INTO dkim_settings (domain_id, rotation_days, overlap_days) VALUES ($1, $2, $3)
       ON CONFLICT (domain_id) DO UPDATE SET
         rotation_days = EXCLUDED.rotation_days, overlap_days = EXCLUDED.overlap_days,
         version = dkim_settings.version + 1, updated_at = now()`,
      [domainId, own.rotationDays, own.overlapDays],
    );
    return this.db.manager.findOneByOrFail(DkimSettingsEntity, { domainId });
  }

  /**
   * Active domains whose signing key is at least their `rotation_days` old by `now` and
   * have no key waiting already: the schedule starts a rotation for each.
   */
  dueRotations(now: Date): Promise<DueRotationRow[]> {
    return this.db.manager.query(
      `SELECT k.domain_id AS "domainId", d.name AS domain, k.algorithm
         FROM dkim_key k
         JOIN domain d ON d.id = k.domain_id
         JOIN dkim_settings s ON s.domain_id = k.domain_id
        WHERE k.state = 'active' AND d.active AND s.rotation_days IS NOT NULL
          AND k.created_at + s.rotation_days * interval '1 day' <= $1
          AND NOT EXISTS (SELECT 1 FROM dkim_key w WHERE w.domain_id = k.domain_id AND w.state = 'published')
        ORDER BY d.name`,
      [now],
    );
  }

  /** Locks an active domain's row for a change made by Yubin itself; undefined if it is gone. */
  async lockActiveDomain(id: string): Promise<{ id: string; name: string } | undefined> {
    const rows: { id: string; name: string }[] = await this.db.manager.query(
      `SELECT id, name FROM domain WHERE id = $1 AND active FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  /**
   * Records that the domain's key signed a message, the first time only: Rspamd reports
   * every signed message, so the usual call matches no row and writes nothing.
   */
  async markSigned(domain: string, selector: string, at: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE dkim_key k SET first_signed_at = $3 FROM domain d
        WHERE d.id = k.domain_id AND d.name = $1 AND k.selector = $2 AND k.first_signed_at IS NULL`,
      [domain, selector, at],
    );
  }

  /** When each of these domains (by name) first had a message signed, by any of its keys. */
  async firstSignedAt(domains: readonly string[]): Promise<Map<string, Date>> {
    const rows: { domain: string; at: Date }[] = await this.db.manager.query(
      `SELECT d.name AS domain, min(k.first_signed_at) AS at
         FROM dkim_key k JOIN domain d ON d.id = k.domain_id
        WHERE d.name = ANY($1::text[]) AND k.first_signed_at IS NOT NULL GROUP BY d.name`,
      [domains],
    );
    return new Map(rows.map((row) => [row.domain, row.at]));
  }
}
