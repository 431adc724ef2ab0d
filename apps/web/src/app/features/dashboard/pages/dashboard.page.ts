import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type {
  AuditEventResponseDto,
  DomainDnsStatusDto,
  MailboxResponseDto,
} from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { formatBytes, formatNumber, formatPercent } from '../../../core/i18n/format';
import { RelativeTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { auditTargetLabel } from '../../../shared/data/audit-display';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { PageHeader } from '../../../shared/ui/page-header';
import { QuotaBar } from '../../../shared/ui/quota-bar';
import { Address } from '../../../shared/ui/address';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';
import { DnsHealthCard } from '../components/dns-health-card';
import { MailHostnamesWarning } from '../components/mail-hostnames-warning';
import {
  DashboardData,
  domainPressure,
  isNearLimit,
  NEAR_LIMIT,
  type DashboardSummary,
  type DomainPressure,
} from '../data/dashboard-data';

@Component({
  selector: 'yb-dashboard-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    PageHeader,
    Loading,
    EmptyState,
    ErrorState,
    QuotaBar,
    Address,
    UnicodeNamePipe,
    MailHostnamesWarning,
    DnsHealthCard,
    TranslatePipe,
    RelativeTimePipe,
  ],
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DashboardPage {
  private readonly data = inject(DashboardData);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);

  protected readonly summary = signal<DashboardSummary | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly nearQuota = signal<MailboxResponseDto[] | null>(null);
  protected readonly events = signal<AuditEventResponseDto[] | null>(null);
  protected readonly mailHostnamesConfigured = signal<boolean | null>(null);
  protected readonly dnsStatus = signal<DomainDnsStatusDto[] | null>(null);
  protected readonly nearPercent = Math.round(NEAR_LIMIT * 100);
  protected readonly pressured = computed<DomainPressure[]>(() =>
    (this.summary()?.domains ?? []).map(domainPressure).filter(isNearLimit),
  );

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      if (this.session.can('audit:read')) {
        void this.data.recentEvents().then(
          (events) => this.events.set(events),
          () => this.events.set([]),
        );
      }
      if (this.session.can('domains:read')) {
        void this.data.dnsStatus().then(
          (status) => this.dnsStatus.set(status.items),
          () => this.dnsStatus.set(null),
        );
      }
      void this.data.mailHostnamesConfigured().then(
        (configured) => this.mailHostnamesConfigured.set(configured),
        () => this.mailHostnamesConfigured.set(null),
      );
      const summary = await this.data.summary();
      this.summary.set(summary);
      if (this.session.can('mailboxes:read')) {
        this.nearQuota.set(await this.data.mailboxesNearQuota());
      }
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected count(value: number, more = false): string {
    return formatNumber(value, this.i18n.locale()) + (more ? '+' : '');
  }

  protected bytes(value: number): string {
    return formatBytes(value, this.i18n.locale());
  }

  protected percent(value: number | null): string {
    return value === null ? '—' : formatPercent(value, this.i18n.locale());
  }

  protected quotaText(mailbox: MailboxResponseDto): string {
    return this.i18n.t('common.usedOf', {
      used: this.bytes(mailbox.usedBytes),
      total: this.bytes(mailbox.quotaBytes),
    });
  }

  protected targetLabel(event: AuditEventResponseDto): string {
    return auditTargetLabel(event);
  }

  protected actionLabel(event: AuditEventResponseDto): string {
    return this.i18n.tryT(`audit.actions.${event.action}`) ?? event.action;
  }
}
