import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { DnsRecordDto, DnsRecordsResponseDto } from '@yubin/api-client';
import type { DnsRecordStatus } from '#contracts';
import { RelativeTimePipe } from '../../../core/i18n/format.pipes';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { StatusBadge, type BadgeTone } from '../../../shared/ui/status-badge';

const STATUS: Readonly<
  Record<DnsRecordStatus, { label: MessageKey; tone: BadgeTone; icon: string }>
> = {
  ok: { label: 'dns.status.ok', tone: 'ok', icon: 'check_circle' },
  missing: { label: 'dns.status.missing', tone: 'warn', icon: 'error' },
  mismatch: { label: 'dns.status.mismatch', tone: 'warn', icon: 'warning' },
  unverified: { label: 'dns.status.unverified', tone: 'off', icon: 'help' },
};

/** Every record the domain needs: what it is for, what DNS said last, each part copyable. */
@Component({
  selector: 'yb-dns-records-card',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    StatusBadge,
    TranslatePipe,
    RelativeTimePipe,
  ],
  template: `
    <p class="summary" data-testid="dns-summary" aria-live="polite">
      @if (records().checkedAt; as checkedAt) {
        {{
          'dns.summary'
            | t: { ok: counts().ok, total: records().records.length, when: checkedAt | relative }
        }}
      } @else {
        {{ 'dns.neverChecked' | t }}
      }
    </p>
    <ul class="records">
      @for (
        record of records().records;
        track record.type + ' ' + record.name + ' ' + record.value
      ) {
        <li class="record" [attr.data-testid]="'dns-record-' + record.type + '-' + record.name">
          <div class="head">
            <span class="type">{{ record.type }}</span>
            <code class="name">{{ record.name }}</code>
            <button
              mat-icon-button
              type="button"
              (click)="copy(record.name)"
              [attr.aria-label]="'dns.copyName' | t: { name: record.name }"
              [matTooltip]="'common.copy' | t"
            >
              <mat-icon fontIcon="content_copy" />
            </button>
            <yb-status-badge
              [label]="status(record).label | t"
              [tone]="status(record).tone"
              [icon]="status(record).icon"
              [attr.data-testid]="'dns-status-' + record.status"
            />
          </div>
          <div class="value-row">
            <code class="value" data-testid="dns-record-value">{{ record.value }}</code>
            <button
              mat-icon-button
              type="button"
              (click)="copy(record.value)"
              [attr.aria-label]="'dns.copyValue' | t: { type: record.type, name: record.name }"
              [matTooltip]="'common.copy' | t"
              data-testid="dns-copy-value"
            >
              <mat-icon fontIcon="content_copy" />
            </button>
          </div>
          <p class="why">{{ record.why }}</p>
          @if (record.status === 'mismatch') {
            <p class="found" data-testid="dns-found">
              {{ 'dns.found' | t }}
              @for (value of record.found; track value) {
                <code>{{ value }}</code>
              }
            </p>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .summary {
      margin: 0 0 12px;
    }
    .records {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 12px;
    }
    .record {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px;
    }
    .head,
    .value-row {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .type {
      font: var(--mat-sys-label-large);
      min-width: 48px;
    }
    .name,
    .value,
    .found code {
      overflow-wrap: anywhere;
    }
    .value {
      flex: 1;
    }
    .why,
    .found {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .found code {
      margin-left: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DnsRecordsCard {
  private readonly clipboard = inject(Clipboard);

  readonly records = input.required<DnsRecordsResponseDto>();
  /** Says a value was copied (the page shows it). */
  readonly copied = output<string>();

  protected readonly counts = computed(() => ({
    ok: this.records().records.filter((record) => record.status === 'ok').length,
  }));

  protected status(record: DnsRecordDto): (typeof STATUS)[DnsRecordStatus] {
    return STATUS[record.status];
  }

  protected copy(text: string): void {
    this.clipboard.copy(text);
    this.copied.emit(text);
  }
}
