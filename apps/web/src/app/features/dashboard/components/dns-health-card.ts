import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { DomainDnsStatusDto } from '@yubin/api-client';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Address } from '../../../shared/ui/address';

/** Verified and nothing missing: the checklist is done (the first signed message is not yet known). */
export function isVerified(status: DomainDnsStatusDto): boolean {
  return status.checkedAt !== null && status.problems === 0 && status.unverified === 0;
}

/**
 * Domains whose records DNS lacks or answers differently, and the setup checklist of each
 * new domain (records published, verified, first signed message) until it is verified.
 */
@Component({
  selector: 'yb-dns-health-card',
  imports: [RouterLink, MatIconModule, TranslatePipe, Address],
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
            <li>
              <mat-icon fontIcon="radio_button_unchecked" />
              {{ 'dashboard.dns.stepVerified' | t }}
            </li>
            <li>
              <mat-icon fontIcon="help" />
              {{ 'dashboard.dns.stepSigned' | t }}
            </li>
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
    this.statuses().filter((status) => status.problems === 0 && !isVerified(status)),
  );
}
