import { inject, Injectable } from '@angular/core';
import {
  Api,
  type AuditEventResponseDto,
  type DnsStatusResponseDto,
  type DomainResponseDto,
  type MailboxResponseDto,
} from '@yubin/api-client';
import {
  getDnsStatus,
  getSettings,
  listAuditEvents,
  listDomains,
  searchMailboxes,
} from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';

/** Limits are "near" from this share on. */
export const NEAR_LIMIT = 0.8;
/** How many domains the dashboard reads. */
export const DASHBOARD_DOMAINS = 200;

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

/** The dashboard's figures: domain totals from the domain list, the fullest mailboxes from the server. */
@Injectable({ providedIn: 'root' })
export class DashboardData {
  private readonly api = inject(Api);

  async summary(): Promise<DashboardSummary> {
    const page = await firstValueFrom(
      this.api.invoke(listDomains, { limit: DASHBOARD_DOMAINS, sort: 'name' }),
    );
    return summarise(page.items, page.nextCursor !== null);
  }

  /** The ten fullest mailboxes at or above NEAR_LIMIT, across every domain the user reaches. */
  async mailboxesNearQuota(): Promise<MailboxResponseDto[]> {
    const page = await firstValueFrom(
      this.api.invoke(searchMailboxes, { sort: '-usedRatio', minUsedRatio: NEAR_LIMIT, limit: 10 }),
    );
    return page.items;
  }

  /** False while the server tells mail apps `localhost`. */
  async mailHostnamesConfigured(): Promise<boolean> {
    return (await firstValueFrom(this.api.invoke(getSettings))).mailHostnamesConfigured;
  }

  /** Each domain's DNS state: the problems list and the setup checklist. */
  async dnsStatus(): Promise<DnsStatusResponseDto> {
    return firstValueFrom(this.api.invoke(getDnsStatus));
  }

  async recentEvents(): Promise<AuditEventResponseDto[]> {
    return (await firstValueFrom(this.api.invoke(listAuditEvents, { limit: 8 }))).items;
  }
}
