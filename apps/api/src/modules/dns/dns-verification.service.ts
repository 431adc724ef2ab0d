import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { ServiceUnavailableError } from '../../common/errors/app-error.js';
import type { Language } from '../../common/http/language.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { Database } from '../../infra/database/database.js';
import { AuditService, type AuditTarget } from '../audit/audit.service.js';
import { DomainsService } from '../domains/domains.service.js';
import { createResolver, lookUp, ResolverUnavailable, type LookupResult } from './dns-lookup.js';
import { DnsRecordsService, keyOf } from './dns-records.service.js';
import { DnsRepository, type DnsDomain, type RecordCheck } from './dns.repository.js';
import type { DnsRecordsResponseDto } from './dto/dns-record.dto.js';

/** Checks a domain's records against what DNS answers, and keeps the result (ADR 0015). */
@Injectable()
export class DnsVerificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly dns: DnsRepository,
    private readonly records: DnsRecordsService,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async verify(
    ctx: RequestContext,
    name: string,
    language: Language,
  ): Promise<DnsRecordsResponseDto> {
    const domain = await this.domains.require(ctx, name);
    await this.verifyDomain(domain, (target) => this.audit.record(ctx, target));
    return this.records.list(ctx, name, language);
  }

  /**
   * Looks every record up, then stores the results; a change of any record's status is
   * audited. Returns how many records changed status.
   */
  async verifyDomain(
    domain: DnsDomain,
    record: (target: AuditTarget) => Promise<void>,
  ): Promise<number> {
    const desired = await this.records.recordsOf(domain);
    // The lookups happen before the transaction: no row waits on the network.
    const resolver = createResolver(this.config.dns.resolver);
    let checks: RecordCheck[];
    try {
      checks = await Promise.all(
        desired.map(async (item) => {
          const result: LookupResult = await lookUp(resolver, item);
          return { type: item.type, name: item.name, value: item.value, ...result };
        }),
      );
    } catch (error) {
      if (!(error instanceof ResolverUnavailable)) throw error;
      throw new ServiceUnavailableError(
        'DNS_RESOLVER_UNAVAILABLE',
        'The DNS resolver did not answer; nothing was changed. Try again later.',
      );
    }
    return this.db.transaction(async () => {
      await this.dns.lockChecks(domain.id);
      const previous = new Map(
        (await this.dns.findChecks(domain.id)).map((check) => [keyOf(check), check.status]),
      );
      await this.dns.replaceChecks(domain.id, checks, this.clock.now());
      const changed = checks.filter(
        (check) => (previous.get(keyOf(check)) ?? 'unverified') !== check.status,
      );
      if (changed.length > 0) {
        await record({
          action: 'dns-records.verify',
          targetType: 'domain',
          targetId: domain.name,
          domain: { id: domain.id, name: domain.name },
          before: {
            records: changed.map((check) => ({
              type: check.type,
              name: check.name,
              status: previous.get(keyOf(check)) ?? 'unverified',
            })),
          },
          after: {
            records: changed.map((check) => ({
              type: check.type,
              name: check.name,
              status: check.status,
              found: check.found,
            })),
          },
        });
      }
      return changed.length;
    });
  }
}
