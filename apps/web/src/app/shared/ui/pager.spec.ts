import { TestBed } from '@angular/core/testing';
import { Subject, of, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CursorPager, type Page } from '../data/cursor-pager';
import { Pager } from './pager';

describe(Pager.name, () => {
  const fetch = vi.fn<(cursor: string | undefined) => Observable<Page<number>>>();

  beforeEach(() => {
    fetch
      .mockReset()
      .mockImplementation((cursor) =>
        of(
          cursor === undefined
            ? { items: [1, 2], nextCursor: 'c2' }
            : { items: [3], nextCursor: null },
        ),
      );
  });

  async function render(summary?: string) {
    const source = new CursorPager<number>(fetch);
    await source.reset();
    const fixture = TestBed.createComponent(Pager);
    fixture.componentRef.setInput('source', source);
    if (summary !== undefined) fixture.componentRef.setInput('summary', summary);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const button = (id: string) =>
      element.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`) as HTMLButtonElement;
    const settle = async () => {
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { source, element, button, settle, fixture };
  }

  it('pages forward with the cursor the server gave, and back to the page before', async () => {
    const { source, element, button, settle } = await render();
    expect(element.textContent).toContain('Page 1');
    expect(button('page-previous').disabled).toBe(true);
    expect(button('page-next').disabled).toBe(false);

    button('page-next').click();
    await settle();
    expect(fetch).toHaveBeenLastCalledWith('c2');
    expect(source.items()).toEqual([3]);
    expect(element.textContent).toContain('Page 2');
    expect(button('page-next').disabled).toBe(true);
    expect(button('page-previous').disabled).toBe(false);

    button('page-previous').click();
    await settle();
    expect(fetch).toHaveBeenLastCalledWith(undefined);
    expect(source.items()).toEqual([1, 2]);
    expect(element.textContent).toContain('Page 1');
  });

  it('cannot be clicked while a page is loading', async () => {
    const { source, button, fixture } = await render();
    const pending = new Subject<Page<number>>();
    fetch.mockReturnValue(pending);
    button('page-next').click();
    fixture.detectChanges();
    expect(source.loading()).toBe(true);
    expect(button('page-next').disabled).toBe(true);
    expect(button('page-previous').disabled).toBe(true);
    pending.next({ items: [3], nextCursor: null });
    pending.complete();
  });

  it('shows the list’s own summary instead of the page number when given one', async () => {
    const { element } = await render('1–2 of 3');
    expect(element.textContent).toContain('1–2 of 3');
    expect(element.textContent).not.toContain('Page 1');
  });
});
