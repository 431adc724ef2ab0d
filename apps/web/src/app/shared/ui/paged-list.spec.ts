import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CursorPager, type Page } from '../data/cursor-pager';
import { PagedList } from './paged-list';

@Component({
  imports: [PagedList],
  template: `
    <yb-paged-list [source]="source()" [empty]="empty()" loadingLabel="Loading people…">
      <p ybEmpty data-testid="empty">Nobody here yet</p>
      <ul data-testid="list">
        @for (item of source().items(); track item) {
          <li>{{ item }}</li>
        }
      </ul>
    </yb-paged-list>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly source = input.required<CursorPager<number>>();
  readonly empty = input<boolean>();
}

describe(PagedList.name, () => {
  const fetch = vi.fn<(cursor: string | undefined) => Observable<Page<number>>>();

  beforeEach(() => fetch.mockReset());

  function render(options: { empty?: boolean } = {}) {
    const source = new CursorPager<number>(fetch);
    const fixture = TestBed.createComponent(Host);
    fixture.componentRef.setInput('source', source);
    if (options.empty !== undefined) fixture.componentRef.setInput('empty', options.empty);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const shown = (selector: string) => element.querySelector(selector) !== null;
    const settle = async () => {
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { source, element, shown, settle, fixture };
  }

  it('shows only the loading state until the first page arrives', async () => {
    const pending = new Subject<Page<number>>();
    fetch.mockReturnValue(pending);
    const { source, element, shown, settle, fixture } = render();
    void source.reset();
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Loading people…');
    expect(shown('[data-testid="list"]')).toBe(false);
    expect(shown('[data-testid="empty"]')).toBe(false);

    pending.next({ items: [1, 2], nextCursor: 'c2' });
    pending.complete();
    await settle();
    expect(shown('[role="status"]')).toBe(false);
    expect(element.querySelectorAll('li')).toHaveLength(2);
    expect(shown('yb-pager')).toBe(true);
  });

  it('shows the empty content, and no list or pager, when no items came', async () => {
    fetch.mockReturnValue(of({ items: [], nextCursor: null }));
    const { source, shown, settle } = render();
    await source.reset();
    await settle();
    expect(shown('[data-testid="empty"]')).toBe(true);
    expect(shown('[data-testid="list"]')).toBe(false);
    expect(shown('yb-pager')).toBe(false);
  });

  it('is empty when the page says so, though items came', async () => {
    fetch.mockReturnValue(of({ items: [1], nextCursor: null }));
    const { source, shown, settle } = render({ empty: true });
    await source.reset();
    await settle();
    expect(shown('[data-testid="empty"]')).toBe(true);
    expect(shown('[data-testid="list"]')).toBe(false);
  });

  it('shows the error with a retry that loads the page again', async () => {
    fetch.mockReturnValueOnce(
      throwError(() => new HttpErrorResponse({ status: 503, statusText: 'Unavailable' })),
    );
    const { source, element, shown, settle } = render();
    await source.reset();
    await settle();
    expect(shown('[role="alert"]')).toBe(true);
    expect(shown('[data-testid="list"]')).toBe(false);
    expect(shown('[data-testid="empty"]')).toBe(false);

    fetch.mockReturnValue(of({ items: [7], nextCursor: null }));
    element.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(shown('[role="alert"]')).toBe(false);
    expect(element.querySelector('li')?.textContent).toBe('7');
  });
});
