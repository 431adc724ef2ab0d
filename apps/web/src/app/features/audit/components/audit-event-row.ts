import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { AuditEventResponseDto } from '@yubin/api-client';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { auditChanges, auditTargetLabel } from '../../../shared/data/audit-display';

/** One audit event: who did what to which, when; what changed on demand, field by field. */
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
        <span
          class="yb-mono target"
          data-testid="audit-target"
          [attr.title]="targetLabel() === event().target ? null : event().target"
          >{{ targetLabel() }}</span
        >
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
        <table class="changes" data-testid="audit-changes">
          <thead>
            <tr>
              <th scope="col">{{ 'audit.field' | t }}</th>
              <th scope="col">{{ 'audit.before' | t }}</th>
              <th scope="col">{{ 'audit.after' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (change of changes(); track change.field) {
              <tr [class.changed]="change.changed">
                <th scope="row" class="yb-mono">{{ change.field }}</th>
                <td>{{ change.before ?? '' }}</td>
                <td>{{ change.after ?? '' }}</td>
              </tr>
            }
          </tbody>
        </table>
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
      padding: 0 16px 12px;
    }
    .changes {
      width: 100%;
      border-collapse: collapse;
      font: var(--mat-sys-body-small);
    }
    .changes th,
    .changes td {
      text-align: left;
      vertical-align: top;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      overflow-wrap: anywhere;
    }
    .changes thead th {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .changes tr.changed td {
      font-weight: 600;
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

  protected readonly targetLabel = computed(() => auditTargetLabel(this.event()));
  protected readonly changes = computed(() =>
    auditChanges(this.event().before, this.event().after, this.i18n.locale()),
  );
}
