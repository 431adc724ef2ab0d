import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/** Warns while the server tells mail apps `localhost`: `MAIL_HOSTNAME` is unset. */
@Component({
  selector: 'yb-mail-hostnames-warning',
  imports: [MatIconModule, TranslatePipe],
  template: `
    @if (configured() === false) {
      <section class="yb-card warning" role="alert" data-testid="mail-hostnames-warning">
        <mat-icon fontIcon="warning" />
        <div>
          <h2>{{ 'dashboard.mailHostnamesUnset' | t }}</h2>
          <p>{{ 'dashboard.mailHostnamesUnsetHint' | t }}</p>
        </div>
      </section>
    }
  `,
  styles: `
    .warning {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      margin-bottom: 24px;
      border-color: var(--yb-warn);
    }
    mat-icon {
      color: var(--yb-warn);
      flex: none;
    }
    h2 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailHostnamesWarning {
  /** Null while unknown: nothing is shown. */
  readonly configured = input.required<boolean | null>();
}
