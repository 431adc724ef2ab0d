import { Injectable } from '@nestjs/common';
import type { DnsRecordType, TsigAlgorithm } from '#contracts';
import { Database } from '../../../infra/database/database.js';
import type { DnsDomain } from '../dns.repository.js';
import { DnsPublishedRrsetEntity } from './dns-published-rrset.entity.js';
import { DnsPublishingEntity } from './dns-publishing.entity.js';

export interface PublishingValues {
  server: string;
  zone: string;
  tsigKeyName: string;
  tsigAlgorithm: TsigAlgorithm;
  tsigSecretSealed: string;
}

export interface PublishedRrset {
  name: string;
  type: DnsRecordType;
  values: string[];
}

@Injectable()
export class DnsPublishingRepository {
  constructor(private readonly db: Database) {}

  /** The settings without the sealed secret. */
  find(domainId: string): Promise<DnsPublishingEntity | null> {
    return this.db.manager.findOneBy(DnsPublishingEntity, { domainId });
  }

  /** The sealed secret, read only where a message is signed or the settings are rewritten. */
  async findSealedSecret(domainId: string): Promise<string | undefined> {
    const row = await this.db.manager
      .createQueryBuilder(DnsPublishingEntity, 'p')
      .addSelect('p.tsigSecretSealed')
      .where('p.domain_id = :domainId', { domainId })
      .getOne();
    return row?.tsigSecretSealed;
  }

  /** Inserts or replaces the settings; the version counts the writes. */
  async upsert(domainId: string, values: PublishingValues): Promise<DnsPublishingEntity> {
    await this.db.manager.query(
      `INSERT INTO dns_publishing (domain_id, server, zone, tsig_key_name, tsig_algorithm, tsig_secret_sealed)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (domain_id) DO UPDATE SET
         server = EXCLUDED.server, zone = EXCLUDED.zone, tsig_key_name = EXCLUDED.tsig_key_name,
         tsig_algorithm = EXCLUDED.tsig_algorithm, tsig_secret_sealed = EXCLUDED.tsig_secret_sealed,
         version = dns_publishing.version + 1, updated_at = now()`,
      [
        domainId,
        values.server,
        values.zone,
        values.tsigKeyName,
        values.tsigAlgorithm,
        values.tsigSecretSealed,
      ],
    );
    return this.db.manager.findOneByOrFail(DnsPublishingEntity, { domainId });
  }

  async delete(domainId: string): Promise<void> {
    await this.db.manager.delete(DnsPublishingEntity, { domainId });
  }

  async findPublished(domainId: string): Promise<PublishedRrset[]> {
    const rows = await this.db.manager.findBy(DnsPublishedRrsetEntity, { domainId });
    return rows.map((row) => ({ name: row.name, type: row.type, values: row.values }));
  }

  /** When Yubin last published each of these domains' records, by domain id; absent: never. */
  async lastPublishedAt(domainIds: readonly string[]): Promise<Map<string, Date>> {
    const rows: { domainId: string; at: Date }[] = await this.db.manager.query(
      `SELECT domain_id AS "domainId", max(published_at) AS at FROM dns_published_rrset
        WHERE domain_id = ANY($1::uuid[]) GROUP BY domain_id`,
      [domainIds],
    );
    return new Map(rows.map((row) => [row.domainId, row.at]));
  }

  /** What the domain has published becomes exactly these RRsets. */
  async replacePublished(
    domainId: string,
    rrsets: readonly PublishedRrset[],
    publishedAt: Date,
  ): Promise<void> {
    await this.db.manager.delete(DnsPublishedRrsetEntity, { domainId });
    if (rrsets.length === 0) return;
    await this.db.manager.insert(
      DnsPublishedRrsetEntity,
      rrsets.map((rrset) => ({ ...rrset, values: [...rrset.values], domainId, publishedAt })),
    );
  }

  /**
   * Orders the publishes of one domain, held over the UPDATE itself: the table of what
   * was published must follow the server in the order the server applied them.
   */
  async lockPublishing(domainId: string): Promise<void> {
    await this.db.manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('dns-publish'), hashtext($1))`,
      [domainId],
    );
  }

  /**
   * Active domains with a DNS server set up where the DKIM selectors Yubin last published
   * are not the ones its keys want in DNS: a publish after a rotation step failed.
   */
  domainsWithDkimBehind(): Promise<{ id: string; name: string }[]> {
    return this.db.manager.query(
      `SELECT d.id, d.name FROM dns_publishing p JOIN domain d ON d.id = p.domain_id
        WHERE d.active
          AND ARRAY(SELECT k.selector || '._domainkey.' || d.name || '.' FROM dkim_key k
                     WHERE k.domain_id = d.id AND k.state IN ('published', 'active', 'retiring')
                     ORDER BY 1)
              IS DISTINCT FROM
              ARRAY(SELECT r.name::text FROM dns_published_rrset r
                     WHERE r.domain_id = d.id AND r.type = 'TXT' AND r.name LIKE '%.\\_domainkey.%'
                     ORDER BY 1)
        ORDER BY d.name`,
    );
  }

  async findActiveDomainById(id: string): Promise<DnsDomain | undefined> {
    const rows: { id: string; name: string; mail_hostname: string | null }[] =
      await this.db.manager.query(
        `SELECT id, name, mail_hostname FROM domain WHERE id = $1 AND active`,
        [id],
      );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { id: row.id, name: row.name, mailHostname: row.mail_hostname };
  }
}
