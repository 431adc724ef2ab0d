import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { DkimKeysService } from '../dkim/dkim-keys.service.js';
import { DomainsService } from '../domains/domains.service.js';
import { DnsRecordsService } from './dns-records.service.js';
import { DnsPublishingRepository } from './publishing/dns-publishing.repository.js';
import type { DnsStatusResponseDto } from './dto/dns-status.dto.js';

/** As many domains as the dashboard reads. */
const DOMAINS = 200;

/** Each reachable domain's DNS state in figures, for the dashboard's problems and checklist. */
@Injectable()
export class DnsStatusService {
  constructor(
    private readonly domains: DomainsService,
    private readonly records: DnsRecordsService,
    private readonly publishing: DnsPublishingRepository,
    private readonly dkim: DkimKeysService,
  ) {}

  async status(ctx: RequestContext): Promise<DnsStatusResponseDto> {
    const page = await this.domains.list(ctx, {
      limit: DOMAINS,
      sort: 'name',
    });
    const firstSigned = await this.dkim.firstSignedAt(page.items.map((domain) => domain.name));
    const items = [];
    for (const domain of page.items) {
      // The records as the domain page shows them: a changed record reads unverified.
      const { records, checkedAt } = await this.records.list(ctx, domain.name, 'en');
      const count = (status: string): number => records.filter((r) => r.status === status).length;
      const publishedAt = await this.publishing.lastPublishedAt(domain.name);
      items.push({
        domain: domain.name,
        records: records.length,
        ok: count('ok'),
        problems: count('missing') + count('mismatch'),
        unverified: count('unverified'),
        checkedAt,
        publishedAt: publishedAt?.toISOString() ?? null,
        firstSignedAt: firstSigned.get(domain.name)?.toISOString() ?? null,
      });
    }
    return { items, more: page.nextCursor !== null };
  }
}
