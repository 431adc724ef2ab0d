import { HttpErrorResponse } from '@angular/common/http';
import { from, of, throwError } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { CursorPager, type Page } from './cursor-pager';

describe(CursorPager.name, () => {
  const pages: Record<string, Page<number>> = {
    first: { items: [1, 2], nextCursor: 'c2' },
    c2: { items: [3, 4], nextCursor: 'c3' },
    c3: { items: [5], nextCursor: null },
  };

  it('follows nextCursor forward and returns to the cursor that opened each page', async () => {
    const fetch = vi.fn((cursor: string | undefined) => of(pages[cursor ?? 'first']!));
    const pager = new CursorPager<number>(fetch);
    await pager.reset();
    expect(pager.items()).toEqual([1, 2]);
    expect(pager.hasPrevious()).toBe(false);
    await pager.next();
    await pager.next();
    expect(pager.items()).toEqual([5]);
    expect(pager.hasNext()).toBe(false);
    expect(pager.pageIndex()).toBe(2);
    await pager.previous();
    expect(pager.items()).toEqual([3, 4]);
    expect(fetch.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 'c2', 'c3', 'c2']);
    await pager.reset();
    expect(pager.pageIndex()).toBe(0);
  });

  it('keeps the error as a problem and clears it on the next load', async () => {
    let fail = true;
    const pager = new CursorPager<number>(() =>
      fail
        ? throwError(() => new HttpErrorResponse({ status: 0 }))
        : of({ items: [1], nextCursor: null }),
    );
    await pager.reset();
    expect(pager.error()?.code).toBe('NETWORK_ERROR');
    expect(pager.loaded()).toBe(false);
    fail = false;
    await pager.reload();
    expect(pager.error()).toBeNull();
    expect(pager.items()).toEqual([1]);
  });

  it('ignores an answer that arrives after a newer request', async () => {
    let release: (page: Page<number>) => void = () => undefined;
    const slow = new Promise<Page<number>>((resolve) => (release = resolve));
    let call = 0;
    const pager = new CursorPager<number>(() => {
      call += 1;
      return call === 1 ? from(slow) : of({ items: [2], nextCursor: null });
    });
    const first = pager.reset();
    await pager.reset();
    release({ items: [1], nextCursor: null });
    await first;
    expect(pager.items()).toEqual([2]);
  });
});
