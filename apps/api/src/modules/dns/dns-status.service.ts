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

  /**
   * A fixed number of queries for the page, however many domains: the page, the domains'
   * ids, their settings, DKIM keys, checks, last publish and first signed message.
   */
  async status(ctx: RequestContext): Promise<DnsStatusResponseDto> {
    const page = await this.domains.list(ctx, { limit: DOMAINS, sort: 'name' });
    const names = page.items.map((domain) => domain.name);
    const domains = await this.records.domainsNamed(names);
    const ids = domains.map((domain) => domain.id);
    const [checked, published, firstSigned] = await Promise.all([
      this.records.checkedRecordsOfAll(domains),
      this.publishing.lastPublishedAt(ids),
      this.dkim.firstSignedAt(names),
    ]);
    const byName = new Map(domains.map((domain) => [domain.name, domain.id]));
    const items = names.map((name) => {
      const id = byName.get(name) ?? '';
      // The records as the domain page shows them: a changed record reads unverified.
      const { records, checkedAt } = checked.get(id) ?? { records: [], checkedAt: null };
      const count = (status: string): number => records.filter((r) => r.status === status).length;
      return {
        domain: name,
        records: records.length,
        ok: count('ok'),
        problems: count('missing') + count('mismatch'),
        unverified: count('unverified'),
        checkedAt: checkedAt?.toISOString() ?? null,
        publishedAt: published.get(id)?.toISOString() ?? null,
        firstSignedAt: firstSigned.get(name)?.toISOString() ?? null,
      };
    });
    return { items, more: page.nextCursor !== null };
  }
}
