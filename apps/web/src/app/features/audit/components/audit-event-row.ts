import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { AuditEventResponseDto } from '@yubin/api-client';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/** One audit event: who did what to which, when; the before/after data on demand, as text. */
@Component({
  selector: 'yb-audit-event-row',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, DateTimePipe],
  template: `
    <div class="row">
      <time class="when yb-hint" [attr.datetime]="event().occurredAt">{{
        event().occurredAt | dateTime
      }}</time>
      <div class="what">
        <strong>{{ actionLabel() }}</strong>
        <span class="yb-mono target">{{ event().target }}</span>
        <div class="yb-hint">
          {{ 'audit.by' | t: { actor: event().actor.label } }}
          @if (event().actor.via === 'token') {
            · {{ 'audit.viaToken' | t }}
          }
          @if (event().ip) {
            · {{ event().ip }}
          }
        </div>
      </div>
      @if (hasDetails()) {
        <button
          mat-icon-button
          type="button"
          (click)="open.set(!open())"
          [attr.aria-expanded]="open()"
          [attr.aria-controls]="detailsId"
          [attr.aria-label]="(open() ? 'audit.hideDetails' : 'audit.showDetails') | t"
        >
          <mat-icon [fontIcon]="open() ? 'expand_less' : 'expand_more'" />
        </button>
      }
    </div>
    @if (open()) {
      <div class="details" [id]="detailsId">
        @if (event().before !== null) {
          <div>
            <h3>{{ 'audit.before' | t }}</h3>
            <pre>{{ json(event().before) }}</pre>
          </div>
        }
        @if (event().after !== null) {
          <div>
            <h3>{{ 'audit.after' | t }}</h3>
            <pre>{{ json(event().after) }}</pre>
          </div>
        }
      </div>
    }
  `,
  styles: `
    .row {
      display: grid;
      grid-template-columns: 180px 1fr auto;
      gap: 12px;
      align-items: center;
      padding: 10px 16px;
    }
    @media (max-width: 700px) {
      .row {
        grid-template-columns: 1fr auto;
      }
      .when {
        grid-column: 1 / -1;
      }
    }
    .target {
      margin-left: 8px;
      overflow-wrap: anywhere;
    }
    .details {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 12px;
      padding: 0 16px 12px;
    }
    h3 {
      font: var(--mat-sys-label-large);
      margin-bottom: 4px;
    }
    pre {
      margin: 0;
      padding: 8px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font-size: 12px;
      overflow: auto;
      max-height: 320px;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEventRow {
  private static next = 0;
  private readonly i18n = inject(I18n);
  readonly event = input.required<AuditEventResponseDto>();
  protected readonly open = signal(false);
  protected readonly detailsId = `yb-audit-${AuditEventRow.next++}`;
  protected readonly hasDetails = computed(
    () => this.event().before !== null || this.event().after !== null,
  );
  protected readonly actionLabel = computed(
    () => this.i18n.tryT(`audit.actions.${this.event().action}`) ?? this.event().action,
  );

  protected json(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }
}
