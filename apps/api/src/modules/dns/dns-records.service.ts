import { Inject, Injectable } from '@nestjs/common';
import type { DnsRecordStatus } from '#contracts';
import type { RequestContext } from '../../common/auth/principal.js';
import { assertVersion, type Versioned } from '../../common/http/etag.js';
import type { Language } from '../../common/http/language.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { DkimKeysService, type DkimRecord } from '../dkim/dkim-keys.service.js';
import { DomainsService } from '../domains/domains.service.js';
import { whyOf } from './dns-record-why.js';
import {
  desiredRecords,
  mtaStsPolicy,
  zoneFragment,
  type DesiredRecord,
  type DomainDnsInput,
  type EffectiveDnsSettings,
} from './dns-records.js';
import type { DnsRecordCheckEntity } from './dns-record-check.entity.js';
import type { DnsSettingsEntity } from './dns-settings.entity.js';
import { DnsRepository, type DnsDomain, type DnsSettingsOwn } from './dns.repository.js';
import type { DnsRecordsResponseDto } from './dto/dns-record.dto.js';
import type { DnsSettingsDto, DnsSettingsResponseDto } from './dto/dns-settings.dto.js';

/** A desired record with what the last verification found (`unverified`: not looked up since). */
export interface CheckedDnsRecord extends DesiredRecord {
  status: DnsRecordStatus;
  found: string[];
}

export interface CheckedDnsRecords {
  records: CheckedDnsRecord[];
  /** When the domain's records were last looked up; null if never. */
  checkedAt: Date | null;
}

const NOTHING_SET: DnsSettingsOwn = {
  spfPolicy: null,
  spfIncludes: [],
  dmarcPolicy: null,
  dmarcReportAddress: null,
  mtaStsMode: null,
};

function ownOf(row: DnsSettingsEntity | null): DnsSettingsOwn {
  if (row === null) return NOTHING_SET;
  return {
    spfPolicy: row.spfPolicy,
    spfIncludes: row.spfIncludes,
    dmarcPolicy: row.dmarcPolicy,
    dmarcReportAddress: row.dmarcReportAddress,
    mtaStsMode: row.mtaStsMode,
  };
}

/** The records a domain needs (ADR 0015), from configuration and the domain's DNS settings. */
@Injectable()
export class DnsRecordsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly dns: DnsRepository,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
    private readonly dkim: DkimKeysService,
  ) {}

  async getSettings(ctx: RequestContext, name: string): Promise<Versioned<DnsSettingsResponseDto>> {
    const domain = await this.domains.require(ctx, name);
    const row = await this.dns.findSettings(domain.id);
    return { body: this.presentSettings(domain.name, ownOf(row)), version: row?.version ?? 0 };
  }

  async putSettings(
    ctx: RequestContext,
    name: string,
    dto: DnsSettingsDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<DnsSettingsResponseDto>> {
    return this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      const row = await this.dns.findSettings(domain.id);
      assertVersion(expectedVersion, row?.version ?? 0);
      const saved = await this.dns.upsertSettings(domain.id, {
        spfPolicy: dto.spfPolicy ?? null,
        spfIncludes: [...new Set(dto.spfIncludes ?? [])],
        dmarcPolicy: dto.dmarcPolicy ?? null,
        dmarcReportAddress: dto.dmarcReportAddress ?? null,
        mtaStsMode: dto.mtaStsMode ?? null,
      });
      const body = this.presentSettings(domain.name, ownOf(saved));
      await this.audit.record(ctx, {
        action: 'dns-settings.update',
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
        before: ownOf(row),
        after: body.own,
      });
      return { body, version: saved.version };
    });
  }

  async list(
    ctx: RequestContext,
    name: string,
    language: Language,
  ): Promise<DnsRecordsResponseDto> {
    const domain = await this.domains.require(ctx, name);
    const { records, checkedAt } = await this.checkedRecordsOf(domain);
    return {
      records: records.map((record) => ({
        type: record.type,
        name: record.name,
        value: record.value,
        ttl: record.ttl,
        why: whyOf(record.purpose, language),
        status: record.status,
        found: record.found,
      })),
      checkedAt: checkedAt?.toISOString() ?? null,
    };
  }

  /**
   * The records a domain (by id, the caller has checked reach) needs now, each with what
   * the last verification found; undefined when the domain is gone.
   */
  async checkedRecords(domainId: string): Promise<CheckedDnsRecords | undefined> {
    const domain = await this.dns.findDomain(domainId);
    return domain === undefined ? undefined : this.checkedRecordsOf(domain);
  }

  private async checkedRecordsOf(domain: DnsDomain): Promise<CheckedDnsRecords> {
    return (await this.checkedRecordsOfAll([domain])).get(domain.id) ?? NOTHING_CHECKED;
  }

  /**
   * The same for several domains (the caller has checked reach) in a fixed number of
   * queries, however many domains: one each for settings, DKIM keys and checks.
   */
  async checkedRecordsOfAll(
    domains: readonly DnsDomain[],
  ): Promise<Map<string, CheckedDnsRecords>> {
    const ids = domains.map((domain) => domain.id);
    const [settings, dkim, checks] = await Promise.all([
      this.dns.findSettingsOf(ids),
      this.dkim.publishedRecordsOf(ids),
      this.dns.findChecksOf(ids),
    ]);
    return new Map(
      domains.map((domain) => {
        const input = this.inputFrom(
          domain,
          settings.get(domain.id) ?? null,
          dkim.get(domain.id) ?? [],
        );
        return [domain.id, withChecks(desiredRecords(input), checks.get(domain.id) ?? [])];
      }),
    );
  }

  /** These domains by name, active or not; the caller has checked reach. */
  domainsNamed(names: readonly string[]): Promise<DnsDomain[]> {
    return this.dns.findDomainsNamed(names);
  }

  async zone(ctx: RequestContext, name: string): Promise<string> {
    const domain = await this.domains.require(ctx, name);
    return zoneFragment(domain.name, await this.recordsOf(domain));
  }

  /** Every record the domain needs now. */
  async recordsOf(domain: DnsDomain): Promise<DesiredRecord[]> {
    return desiredRecords(await this.inputOf(domain));
  }

  /** The MTA-STS policy file of an active domain; undefined for any other name. */
  async mtaStsPolicyFor(domainName: string): Promise<string | undefined> {
    const domain = await this.dns.findActiveDomain(domainName);
    return domain === undefined ? undefined : mtaStsPolicy(await this.inputOf(domain));
  }

  private async inputOf(domain: DnsDomain): Promise<DomainDnsInput> {
    const [settings, dkim] = await Promise.all([
      this.dns.findSettings(domain.id),
      this.dkim.publishedRecords(domain.id),
    ]);
    return this.inputFrom(domain, settings, dkim);
  }

  private inputFrom(
    domain: DnsDomain,
    settings: DnsSettingsEntity | null,
    dkim: DkimRecord[],
  ): DomainDnsInput {
    const own = ownOf(settings);
    const { dns, mailHosts } = this.config;
    return {
      domain: domain.name,
      mailHostname: domain.mailHostname,
      hosts: mailHosts,
      webHostname: dns.webHostname,
      ttl: dns.recordTtlSeconds,
      caaIssuer: dns.caaIssuer,
      mtaStsMaxAgeSeconds: dns.mtaStsMaxAgeSeconds,
      settings: this.effective(domain.name, own),
      dkim,
    };
  }

  private effective(domainName: string, own: DnsSettingsOwn): EffectiveDnsSettings {
    const { dns } = this.config;
    return {
      spfPolicy: own.spfPolicy ?? dns.spfPolicy,
      spfIncludes: own.spfIncludes,
      dmarcPolicy: own.dmarcPolicy ?? dns.dmarcPolicy,
      dmarcReportAddress: own.dmarcReportAddress ?? `postmaster@${domainName}`,
      mtaStsMode: own.mtaStsMode ?? dns.mtaStsMode,
    };
  }

  private presentSettings(domainName: string, own: DnsSettingsOwn): DnsSettingsResponseDto {
    return {
      own: { ...own, spfIncludes: [...own.spfIncludes] },
      effective: { ...this.effective(domainName, own), spfIncludes: [...own.spfIncludes] },
    };
  }
}

const NOTHING_CHECKED: CheckedDnsRecords = { records: [], checkedAt: null };

/** The desired records with what the last verification found of each. */
function withChecks(
  records: readonly DesiredRecord[],
  checks: readonly DnsRecordCheckEntity[],
): CheckedDnsRecords {
  const byKey = new Map(checks.map((check) => [keyOf(check), check]));
  const checkedAt = checks.reduce<Date | null>(
    (latest, check) => (latest === null || check.checkedAt > latest ? check.checkedAt : latest),
    null,
  );
  return {
    records: records.map((record) => {
      const check = byKey.get(keyOf(record));
      return { ...record, status: check?.status ?? 'unverified', found: check?.found ?? [] };
    }),
    checkedAt,
  };
}

/** A record and its check are the same when type, name and expected value are. */
export function keyOf(record: { type: string; name: string; value: string }): string {
  return `${record.type}\0${record.name}\0${record.value}`;
}
