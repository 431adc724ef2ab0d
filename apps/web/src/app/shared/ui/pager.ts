import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { CursorPager } from '../data/cursor-pager';

/** Previous / next for cursor-paged lists (a cursor cannot jump to page n). */
@Component({
  selector: 'yb-pager',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  template: `
    <nav class="pager" [attr.aria-label]="'pager.label' | t">
      <span class="yb-hint" aria-live="polite">{{
        summary() || ('pager.page' | t: { page: source().pageIndex() + 1 })
      }}</span>
      <button
        mat-stroked-button
        type="button"
        [disabled]="!source().hasPrevious() || source().loading()"
        (click)="source().previous()"
        data-testid="page-previous"
      >
        <mat-icon fontIcon="chevron_left" />{{ 'pager.previous' | t }}
      </button>
      <button
        mat-stroked-button
        type="button"
        [disabled]="!source().hasNext() || source().loading()"
        (click)="source().next()"
        data-testid="page-next"
      >
        {{ 'pager.next' | t }}<mat-icon iconPositionEnd fontIcon="chevron_right" />
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
  readonly source =
    input.required<
      Pick<
        CursorPager<unknown>,
        'hasPrevious' | 'hasNext' | 'pageIndex' | 'loading' | 'previous' | 'next'
      >
    >();
  /** e.g. "51–100 of 100,000"; defaults to "Page n". */
  readonly summary = input<string>('');
}
