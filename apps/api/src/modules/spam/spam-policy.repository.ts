import { Injectable } from '@nestjs/common';
import type { SpamPolicyLayer, SpamPolicyValues, SpamThreshold } from '#contracts';
import { Database } from '../../infra/database/database.js';
import { SpamPolicyEntity } from './spam-policy.entity.js';

/** The row that owns a policy: a domain, or one mailbox. */
export type PolicyOwner = { domainId: string } | { mailboxId: string };

function ownerWhere(owner: PolicyOwner): { domainId: string } | { mailboxId: string } {
  return 'domainId' in owner ? { domainId: owner.domainId } : { mailboxId: owner.mailboxId };
}

@Injectable()
export class SpamPolicyRepository {
  constructor(private readonly db: Database) {}

  find(owner: PolicyOwner): Promise<SpamPolicyEntity | null> {
    return this.db.manager.findOneBy(SpamPolicyEntity, ownerWhere(owner));
  }

  /**
   * Serialises every policy write in a domain (its own and its mailboxes'), so a
   * mailbox's overrides are checked against the domain policy that will stay.
   */
  async lockDomain(domainId: string): Promise<void> {
    await this.db.manager.query(`SELECT 1 FROM domain WHERE id = $1 FOR UPDATE`, [domainId]);
  }

  /** Inserts or replaces the owner's policy; the version counts the writes. */
  async upsert(owner: PolicyOwner, layer: SpamPolicyLayer): Promise<SpamPolicyEntity> {
    const column = 'domainId' in owner ? 'domain_id' : 'mailbox_id';
    const ownerId = 'domainId' in owner ? owner.domainId : owner.mailboxId;
    await this.db.manager.query(
      `INSERT INTO spam_policy (${column}, enabled, add_header_score, junk_score, reject_score, junk_folder, virus_action)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (${column}) DO UPDATE SET
         enabled = EXCLUDED.enabled, add_header_score = EXCLUDED.add_header_score,
         junk_score = EXCLUDED.junk_score, reject_score = EXCLUDED.reject_score,
         junk_folder = EXCLUDED.junk_folder, virus_action = EXCLUDED.virus_action,
         version = spam_policy.version + 1, updated_at = now()`,
      [
        ownerId,
        layer.enabled,
        layer.addHeaderScore,
        layer.junkScore,
        layer.rejectScore,
        layer.junkFolder,
        layer.virusAction,
      ],
    );
    return this.db.manager.findOneByOrFail(SpamPolicyEntity, ownerWhere(owner));
  }

  /**
   * How many mailboxes of a domain have overrides that the domain's new thresholds would
   * put out of order (addHeader ≤ junk ≤ reject, each missing value inherited).
   */
  async countOverridesOutOfOrder(
    domainId: string,
    domain: Pick<SpamPolicyValues, SpamThreshold>,
  ): Promise<number> {
    const rows: { count: string }[] = await this.db.manager.query(
      `SELECT count(*) AS count
         FROM spam_policy p JOIN mailbox m ON m.id = p.mailbox_id
        WHERE m.domain_id = $1
          AND (COALESCE(p.add_header_score, $2) > COALESCE(p.junk_score, $3)
            OR COALESCE(p.junk_score, $3) > COALESCE(p.reject_score, $4)
            OR COALESCE(p.add_header_score, $2) > COALESCE(p.reject_score, $4))`,
      [domainId, domain.addHeaderScore, domain.junkScore, domain.rejectScore],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
