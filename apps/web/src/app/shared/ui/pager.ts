import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** Previous / next for cursor-paged lists (a cursor cannot jump to page n). */
@Component({
  selector: 'yb-pager',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  template: `
    <nav class="pager" [attr.aria-label]="'pager.label' | t">
      <span class="yb-hint" aria-live="polite">{{
        summary() || ('pager.page' | t: { page: pageIndex() + 1 })
      }}</span>
      <button
        mat-stroked-button
        type="button"
        [disabled]="!hasPrevious() || loading()"
        (click)="previous.emit()"
        data-testid="page-previous"
      >
        <mat-icon>chevron_left</mat-icon>{{ 'pager.previous' | t }}
      </button>
      <button
        mat-stroked-button
        type="button"
        [disabled]="!hasNext() || loading()"
        (click)="next.emit()"
        data-testid="page-next"
      >
        {{ 'pager.next' | t }}<mat-icon iconPositionEnd>chevron_right</mat-icon>
      </button>
    </nav>
  `,
  styles: `
    .pager {
      display: flex;
      gap: 8px;
      justify-content: flex-end;
      align-items: center;
      padding: 12px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Pager {
  readonly hasPrevious = input.required<boolean>();
  readonly hasNext = input.required<boolean>();
  readonly pageIndex = input.required<number>();
  readonly loading = input(false);
  /** e.g. "51–100 of 100,000"; defaults to "Page n". */
  readonly summary = input<string>('');
  readonly previous = output();
  readonly next = output();
}
