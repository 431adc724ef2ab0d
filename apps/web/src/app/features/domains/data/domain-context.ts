import { inject, Injectable, signal } from '@angular/core';
import type { DomainResponseDto } from '@yubin/api-client';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { DomainsApi } from './domains-api';

/**
 * The domain a page under /domains/:domain works in, shared by the overview, mailbox and
 * alias pages so they show its limits without fetching it again.
 */
@Injectable()
export class DomainContext {
  private readonly api = inject(DomainsApi);
  private request = 0;

  readonly name = signal<string | null>(null);
  readonly domain = signal<DomainResponseDto | null>(null);
  readonly etag = signal<string | undefined>(undefined);
  readonly problem = signal<UiProblem | null>(null);
  readonly loading = signal(false);

  async load(name: string): Promise<void> {
    const request = ++this.request;
    if (this.name() !== name) {
      this.domain.set(null);
      this.name.set(name);
    }
    this.loading.set(true);
    this.problem.set(null);
    try {
      const { value, etag } = await this.api.get(name);
      if (request !== this.request) return;
      this.domain.set(value);
      this.etag.set(etag);
    } catch (error) {
      if (request !== this.request) return;
      this.problem.set(toProblem(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }

  /** Re-reads the domain after a change elsewhere (counts, usage). */
  refresh(): Promise<void> {
    const name = this.name();
    return name === null ? Promise.resolve() : this.load(name);
  }

  replace(domain: DomainResponseDto, etag: string | undefined): void {
    this.domain.set(domain);
    this.etag.set(etag);
  }
}
