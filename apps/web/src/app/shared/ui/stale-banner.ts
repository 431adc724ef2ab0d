import { ChangeDetectionStrategy, Component, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** A 412 from If-Match: someone else changed this since it was loaded. */
@Component({
  selector: 'yb-stale-banner',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <div class="banner" role="alert" data-testid="stale-banner">
      <mat-icon fontIcon="sync_problem" />
      <p>{{ 'common.stale' | t }}</p>
      <button mat-flat-button type="button" (click)="reload.emit()">
        {{ 'common.reload' | t }}
      </button>
    </div>
  `,
  styles: `
    .banner {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    p {
      flex: 1;
      margin: 0;
      min-width: 20ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaleBanner {
  readonly reload = output();
}
