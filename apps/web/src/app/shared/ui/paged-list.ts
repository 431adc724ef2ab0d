import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ProblemText } from '../../core/http/problem-text';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { CursorPager } from '../data/cursor-pager';
import { ErrorState, Loading } from './list-states';
import { Pager } from './pager';

/**
 * The states every paged list goes through: the error with a retry, loading, empty (the
 * content marked `ybEmpty`), and the list itself (the rest of the content) with its pager.
 */
@Component({
  selector: 'yb-paged-list',
  imports: [ErrorState, Loading, Pager, TranslatePipe],
  template: `
    @if (source().error(); as problem) {
      <yb-error-state
        [message]="problems.describe(problem)"
        [retryLabel]="'common.retry' | t"
        (retry)="source().reload()"
      />
    } @else if (!source().loaded()) {
      <yb-loading [label]="loadingLabel() || ('common.loading' | t)" />
    } @else if (empty() ?? source().items().length === 0) {
      <ng-content select="[ybEmpty]" />
    } @else {
      <ng-content />
      <yb-pager [source]="source()" [summary]="summary()" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PagedList {
  protected readonly problems = inject(ProblemText);

  readonly source =
    input.required<
      Pick<
        CursorPager<unknown>,
        | 'error'
        | 'loaded'
        | 'items'
        | 'reload'
        | 'hasPrevious'
        | 'hasNext'
        | 'pageIndex'
        | 'loading'
        | 'previous'
        | 'next'
      >
    >();
  readonly loadingLabel = input<string>('');
  /** When the page shows fewer rows than it was sent; by default, empty when no items came. */
  readonly empty = input<boolean>();
  /** Replaces the pager's "Page n" (e.g. "51–100 of 100,000"). */
  readonly summary = input<string>('');
}
