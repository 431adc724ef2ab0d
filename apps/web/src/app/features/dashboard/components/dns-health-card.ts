import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { DomainDnsStatusDto } from '@yubin/api-client';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Address } from '../../../shared/ui/address';

/** Verified and nothing missing. */
export function isVerified(status: DomainDnsStatusDto): boolean {
  return status.checkedAt !== null && status.problems === 0 && status.unverified === 0;
}

/** The checklist is done: verified, and the mail server has reported a signed message. */
export function isSetUp(status: DomainDnsStatusDto): boolean {
  return isVerified(status) && status.firstSignedAt !== null;
}

/**
 * Domains whose records DNS lacks or answers differently, and the setup checklist of each
 * new domain (records published, verified, first signed message) until all three are done.
 */
@Component({
  selector: 'yb-dns-health-card',
  imports: [RouterLink, MatIconModule, TranslatePipe, Address, LocalDatePipe],
  template: `
    <h2>{{ 'dashboard.dns.problemsTitle' | t }}</h2>
    @if (withProblems().length === 0) {
      <p class="yb-hint" data-testid="dns-no-problems">{{ 'dashboard.dns.noProblems' | t }}</p>
    } @else {
      <ul class="list" data-testid="dns-problems">
        @for (status of withProblems(); track status.domain) {
          <li>
            <a [routerLink]="['/domains', status.domain, 'dns']"
              ><yb-address [address]="status.domain"
            /></a>
            {{
              'dashboard.dns.problemLine'
                | t: { problems: status.problems, records: status.records }
            }}
          </li>
        }
      </ul>
    }
    @if (settingUp().length > 0) {
      <h2>{{ 'dashboard.dns.setupTitle' | t }}</h2>
      @for (status of settingUp(); track status.domain) {
        <div class="setup" [attr.data-testid]="'dns-setup-' + status.domain">
          <a [routerLink]="['/domains', status.domain, 'dns']"
            ><yb-address [address]="status.domain"
          /></a>
          <ul class="steps">
            <li [class.done]="status.publishedAt !== null">
              <mat-icon
                [fontIcon]="status.publishedAt !== null ? 'check_circle' : 'radio_button_unchecked'"
              />
              {{ 'dashboard.dns.stepPublished' | t }}
            </li>
            <li [class.done]="verified(status)">
              <mat-icon [fontIcon]="verified(status) ? 'check_circle' : 'radio_button_unchecked'" />
              {{ 'dashboard.dns.stepVerified' | t }}
            </li>
            @if (status.firstSignedAt; as signedAt) {
              <li class="done" data-testid="dns-step-signed">
                <mat-icon fontIcon="check_circle" />
                {{ 'dashboard.dns.stepSignedOn' | t: { date: (signedAt | date) } }}
              </li>
            } @else {
              <li data-testid="dns-step-signed">
                <mat-icon fontIcon="radio_button_unchecked" />
                {{ 'dashboard.dns.stepSigned' | t }}
              </li>
            }
          </ul>
        </div>
      }
    }
  `,
  styles: `
    .list,
    .steps {
      margin: 0 0 12px;
      padding-left: 20px;
    }
    .steps {
      list-style: none;
      padding-left: 0;
    }
    .steps li {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .done {
      color: var(--yb-ok);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DnsHealthCard {
  readonly statuses = input.required<readonly DomainDnsStatusDto[]>();

  protected readonly withProblems = computed(() =>
    this.statuses().filter((status) => status.problems > 0),
  );
  protected readonly settingUp = computed(() =>
    this.statuses().filter((status) => status.problems === 0 && !isSetUp(status)),
  );
  protected readonly verified = isVerified;
}
