import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { DnsRecordStatus, DnsRecordType } from '#contracts';
import { Database } from '../../infra/database/database.js';
import { DnsRecordCheckEntity } from './dns-record-check.entity.js';
import { DnsSettingsEntity } from './dns-settings.entity.js';

export type DnsSettingsOwn = Pick<
  DnsSettingsEntity,
  'spfPolicy' | 'spfIncludes' | 'dmarcPolicy' | 'dmarcReportAddress' | 'mtaStsMode'
>;

export interface RecordCheck {
  type: DnsRecordType;
  name: string;
  value: string;
  status: Exclude<DnsRecordStatus, 'unverified'>;
  found: string[];
}

/** A domain whose records are served and verified: active, hosted (not an alias domain). */
export interface DnsDomain {
  id: string;
  name: string;
  mailHostname: string | null;
}

@Injectable()
export class DnsRepository {
  constructor(private readonly db: Database) {}

  findSettings(domainId: string): Promise<DnsSettingsEntity | null> {
    return this.db.manager.findOneBy(DnsSettingsEntity, { domainId });
  }

  /** Inserts or replaces the domain's settings; the version counts the writes. */
  async upsertSettings(domainId: string, own: DnsSettingsOwn): Promise<DnsSettingsEntity> {
    await this.db.manager.query(
      `INSERT INTO dns_settings (domain_id, spf_policy, spf_includes, dmarc_policy, dmarc_report_address, mta_sts_mode)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (domain_id) DO UPDATE SET
         spf_policy = EXCLUDED.spf_policy, spf_includes = EXCLUDED.spf_includes,
         dmarc_policy = EXCLUDED.dmarc_policy, dmarc_report_address = EXCLUDED.dmarc_report_address,
         mta_sts_mode = EXCLUDED.mta_sts_mode,
         version = dns_settings.version + 1, updated_at = now()`,
      [
        domainId,
        own.spfPolicy,
        own.spfIncludes,
        own.dmarcPolicy,
        own.dmarcReportAddress,
        own.mtaStsMode,
      ],
    );
    return this.db.manager.findOneByOrFail(DnsSettingsEntity, { domainId });
  }

  findChecks(domainId: string): Promise<DnsRecordCheckEntity[]> {
    return this.db.manager.findBy(DnsRecordCheckEntity, { domainId });
  }

  /** The settings of each of these domains that has any, by domain id. */
  async findSettingsOf(domainIds: readonly string[]): Promise<Map<string, DnsSettingsEntity>> {
    if (domainIds.length === 0) return new Map();
    const rows = await this.db.manager.findBy(DnsSettingsEntity, { domainId: In([...domainIds]) });
    return new Map(rows.map((row) => [row.domainId, row]));
  }

  /** The last verification's checks of each of these domains, by domain id. */
  async findChecksOf(domainIds: readonly string[]): Promise<Map<string, DnsRecordCheckEntity[]>> {
    const checks = new Map<string, DnsRecordCheckEntity[]>();
    if (domainIds.length === 0) return checks;
    for (const row of await this.db.manager.findBy(DnsRecordCheckEntity, {
      domainId: In([...domainIds]),
    })) {
      checks.set(row.domainId, [...(checks.get(row.domainId) ?? []), row]);
    }
    return checks;
  }

  /** The domain's checks become exactly these. */
  async replaceChecks(domainId: string, checks: RecordCheck[], checkedAt: Date): Promise<void> {
    await this.db.manager.delete(DnsRecordCheckEntity, { domainId });
    if (checks.length === 0) return;
    await this.db.manager.insert(
      DnsRecordCheckEntity,
      checks.map((check) => ({ ...check, domainId, checkedAt })),
    );
  }

  /** Serialises verifications of one domain, so their results do not interleave. */
  async lockChecks(domainId: string): Promise<void> {
    await this.db.manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('dns-check'), hashtext($1))`,
      [domainId],
    );
  }

  /** Any domain by id, active or not: what its records would be is asked either way. */
  async findDomain(id: string): Promise<DnsDomain | undefined> {
    const rows: { id: string; name: string; mail_hostname: string | null }[] =
      await this.db.manager.query(`SELECT id, name, mail_hostname FROM domain WHERE id = $1`, [id]);
    const row = rows[0];
    return row === undefined
      ? undefined
      : { id: row.id, name: row.name, mailHostname: row.mail_hostname };
  }

  /** These domains by name, active or not, in one query; the caller has checked reach. */
  async findDomainsNamed(names: readonly string[]): Promise<DnsDomain[]> {
    const rows: { id: string; name: string; mail_hostname: string | null }[] =
      await this.db.manager.query(
        `SELECT id, name, mail_hostname FROM domain WHERE name = ANY($1::text[])`,
        [names],
      );
    return rows.map((row) => ({ id: row.id, name: row.name, mailHostname: row.mail_hostname }));
  }

  async findActiveDomain(name: string): Promise<DnsDomain | undefined> {
    const rows: { id: string; name: string; mail_hostname: string | null }[] =
      await this.db.manager.query(
        `SELECT id, name, mail_hostname FROM domain WHERE name = $1 AND active`,
        [name],
      );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { id: row.id, name: row.name, mailHostname: row.mail_hostname };
  }

  /** Active domains in name order after `afterName`, a batch at a time. */
  async listActiveDomains(afterName: string, limit: number): Promise<DnsDomain[]> {
    const rows: { id: string; name: string; mail_hostname: string | null }[] =
      await this.db.manager.query(
        `SELECT id, name, mail_hostname FROM domain WHERE active AND name > $1 ORDER BY name LIMIT $2`,
        [afterName, limit],
      );
    return rows.map((row) => ({ id: row.id, name: row.name, mailHostname: row.mail_hostname }));
  }
}
