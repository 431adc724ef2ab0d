import { computed, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { firstValueFrom } from 'rxjs';
import { toProblem, type UiProblem } from '../../core/http/problem';

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * Server-side paging over a keyset-paginated list: Next follows `nextCursor`, Previous
 * returns to the cursor that opened the page before. Reset whenever search or sort change
 * (a cursor is valid only for the query that made it).
 */
export class CursorPager<T> {
  private readonly cursors = signal<(string | undefined)[]>([undefined]);
  private request = 0;

  readonly items = signal<T[]>([]);
  readonly loading = signal(false);
  readonly error = signal<UiProblem | null>(null);
  readonly nextCursor = signal<string | null>(null);
  readonly pageIndex = computed(() => this.cursors().length - 1);
  readonly hasPrevious = computed(() => this.pageIndex() > 0);
  readonly hasNext = computed(() => this.nextCursor() !== null);
  /** True once the first answer arrived; distinguishes "loading" from "empty". */
  readonly loaded = signal(false);

  constructor(private readonly fetch: (cursor: string | undefined) => Observable<Page<T>>) {}

  reset(): Promise<void> {
    this.cursors.set([undefined]);
    return this.load();
  }

  reload(): Promise<void> {
    return this.load();
  }

  next(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor === null) return Promise.resolve();
    this.cursors.update((cursors) => [...cursors, cursor]);
    return this.load();
  }

  previous(): Promise<void> {
    if (!this.hasPrevious()) return Promise.resolve();
    this.cursors.update((cursors) => cursors.slice(0, -1));
    return this.load();
  }

  private async load(): Promise<void> {
    const request = ++this.request;
    const cursor = this.cursors().at(-1);
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await firstValueFrom(this.fetch(cursor));
      if (request !== this.request) return;
      this.items.set(page.items);
      this.nextCursor.set(page.nextCursor ?? null);
      this.loaded.set(true);
    } catch (error) {
      if (request !== this.request) return;
      this.error.set(toProblem(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
