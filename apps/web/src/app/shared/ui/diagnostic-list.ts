import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { DiagnosticAction, DiagnosticStatus } from '#contracts';
import type { MessageKey } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** One finding of `GET …/diagnostics`, kept here so shared/ui needs no client import. */
export interface DiagnosticFinding {
  status: DiagnosticStatus;
  code: string;
  message: string;
  action: { code: DiagnosticAction; label: string } | null;
}

const ICONS: Readonly<Record<DiagnosticStatus, string>> = {
  fail: 'error',
  warn: 'warning',
  ok: 'check_circle',
};

const STATUS_TEXT: Readonly<Record<DiagnosticStatus, MessageKey>> = {
  fail: 'diagnostics.status.fail',
  warn: 'diagnostics.status.warn',
  ok: 'diagnostics.status.ok',
};

const ORDER: Readonly<Record<DiagnosticStatus, number>> = { fail: 0, warn: 1, ok: 2 };

/**
 * The troubleshooting checklist: what is wrong first, then what to keep an eye on, then
 * what is fine. The API writes the messages in the UI's language; a finding's fix is a
 * button only where the page can carry it out (`actionable`), plain advice otherwise.
 */
@Component({
  selector: 'yb-diagnostic-list',
  imports: [MatButtonModule, TranslatePipe],
  template: `
    <p class="summary" role="status" data-testid="diagnostics-summary">
      @if (failures() === 0 && warnings() === 0) {
        {{ 'diagnostics.allGood' | t }}
      } @else {
        {{ 'diagnostics.summary' | t: { failures: failures(), warnings: warnings() } }}
      }
    </p>
    <ul class="checks">
      @for (finding of sorted(); track finding.code) {
        <li [class]="'status-' + finding.status" [attr.data-code]="finding.code">
          <span class="material-symbols-outlined icon" aria-hidden="true">{{
            icon(finding.status)
          }}</span>
          <span class="yb-visually-hidden">{{ statusText(finding.status) | t }}</span>
          <span class="message">{{ finding.message }}</span>
          @if (finding.action; as action) {
            @if (actionable().includes(action.code)) {
              <button
                mat-stroked-button
                type="button"
                class="fix"
                [attr.data-action]="action.code"
                (click)="act.emit(action.code)"
              >
                {{ action.label }}
              </button>
            } @else {
              <span class="advice yb-muted" [attr.data-action]="action.code">{{
                action.label
              }}</span>
            }
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .summary {
      font: var(--mat-sys-title-small);
    }
    .checks {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 8px;
    }
    li {
      display: grid;
      grid-template-columns: 24px 1fr auto;
      gap: 8px 12px;
      align-items: start;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .icon {
      font-size: 22px;
    }
    .status-fail .icon {
      color: var(--mat-sys-error);
    }
    .status-warn .icon {
      color: var(--yb-warn);
    }
    .status-ok .icon {
      color: var(--yb-ok);
    }
    .fix,
    .advice {
      justify-self: end;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiagnosticList {
  readonly findings = input.required<readonly DiagnosticFinding[]>();
  /** The fixes the host page can carry out; the others are shown as advice. */
  readonly actionable = input<readonly DiagnosticAction[]>([]);
  readonly act = output<DiagnosticAction>();

  protected readonly sorted = computed(() =>
    [...this.findings()].sort((a, b) => ORDER[a.status] - ORDER[b.status]),
  );
  protected readonly failures = computed(
    () => this.findings().filter((f) => f.status === 'fail').length,
  );
  protected readonly warnings = computed(
    () => this.findings().filter((f) => f.status === 'warn').length,
  );

  protected icon(status: DiagnosticStatus): string {
    return ICONS[status];
  }

  protected statusText(status: DiagnosticStatus): MessageKey {
    return STATUS_TEXT[status];
  }
}
