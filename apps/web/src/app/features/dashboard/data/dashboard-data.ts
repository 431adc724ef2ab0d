import { inject, Injectable } from '@angular/core';
import {
  Api,
  type AuditEventResponseDto,
  type DomainResponseDto,
  type MailboxResponseDto,
} from '@yubin/api-client';
import { listAuditEvents, listDomains, listMailboxes } from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';

/** Limits are "near" from this share on. */
export const NEAR_LIMIT = 0.8;
/** How many domains the dashboard reads, and mailboxes per domain it checks for quota. */
export const DASHBOARD_DOMAINS = 200;
export const QUOTA_SCAN_DOMAINS = 20;
export const QUOTA_SCAN_MAILBOXES = 200;

export interface DomainPressure {
  domain: DomainResponseDto;
  mailboxes: number | null;
  aliases: number | null;
  storage: number | null;
}

export interface DashboardSummary {
  domains: DomainResponseDto[];
  moreDomains: boolean;
  mailboxCount: number;
  aliasCount: number;
  usedBytes: number;
}

function ratio(used: number, limit: number): number | null {
  return limit > 0 ? used / limit : null;
}

export function domainPressure(domain: DomainResponseDto): DomainPressure {
  return {
    domain,
    mailboxes: ratio(domain.mailboxCount, domain.maxMailboxes),
    aliases: ratio(domain.aliasCount, domain.maxAliases),
    storage: ratio(domain.usedBytes, domain.quotaBytes),
  };
}

export function isNearLimit(pressure: DomainPressure): boolean {
  return [pressure.mailboxes, pressure.aliases, pressure.storage].some(
    (value) => value !== null && value >= NEAR_LIMIT,
  );
}

export function summarise(domains: DomainResponseDto[], moreDomains: boolean): DashboardSummary {
  return {
    domains,
    moreDomains,
    mailboxCount: domains.reduce((sum, domain) => sum + domain.mailboxCount, 0),
    aliasCount: domains.reduce((sum, domain) => sum + domain.aliasCount, 0),
    usedBytes: domains.reduce((sum, domain) => sum + domain.usedBytes, 0),
  };
}

/**
 * The dashboard is computed from the lists the API has today. Mailboxes near quota are
 * found by reading the first mailboxes of the first domains; a server-side query
 * ("mailboxes at or above n% of quota, across my domains") would make it exact and is
 * noted in the README as an API to add.
 */
@Injectable({ providedIn: 'root' })
export class DashboardData {
  private readonly api = inject(Api);

  async summary(): Promise<DashboardSummary> {
    const page = await firstValueFrom(
      this.api.invoke(listDomains, { limit: DASHBOARD_DOMAINS, sort: 'name' }),
    );
    return summarise(page.items, page.nextCursor !== null);
  }

  async mailboxesNearQuota(domains: DomainResponseDto[]): Promise<MailboxResponseDto[]> {
    const pages = await Promise.all(
      domains
        .filter((domain) => domain.mailboxCount > 0)
        .slice(0, QUOTA_SCAN_DOMAINS)
        .map((domain) =>
          firstValueFrom(
            this.api.invoke(listMailboxes, { domain: domain.name, limit: QUOTA_SCAN_MAILBOXES }),
          ),
        ),
    );
    return pages
      .flatMap((page) => page.items)
      .filter(
        (mailbox) => mailbox.quotaBytes > 0 && mailbox.usedBytes / mailbox.quotaBytes >= NEAR_LIMIT,
      )
      .sort((a, b) => b.usedBytes / b.quotaBytes - a.usedBytes / a.quotaBytes)
      .slice(0, 10);
  }

  async recentEvents(): Promise<AuditEventResponseDto[]> {
    return (await firstValueFrom(this.api.invoke(listAuditEvents, { limit: 8 }))).items;
  }
}
