import { inject, Injectable } from '@angular/core';
import {
  Api,
  type CreateDomainDto,
  type DomainPageDto,
  type DomainResponseDto,
  type SettingsResponseDto,
  type UpdateDomainDto,
} from '@yubin/api-client';
import {
  createDomain,
  deleteDomain,
  getDomain,
  getSettings,
  listDomains,
  updateDomain,
  type ListDomains$Params,
} from '@yubin/api-client/functions';
import { firstValueFrom, map, type Observable } from 'rxjs';
import type { Versioned } from '../../../shared/data/versioned';

/** Domains through the generated client. */
@Injectable({ providedIn: 'root' })
export class DomainsApi {
  private readonly api = inject(Api);

  /** The server's settings, among them the mailbox quota a new domain gets by default. */
  settings(): Promise<SettingsResponseDto> {
    return firstValueFrom(this.api.invoke(getSettings));
  }

  list(params: ListDomains$Params): Observable<DomainPageDto> {
    return this.api.invoke(listDomains, params);
  }

  get(name: string): Promise<Versioned<DomainResponseDto>> {
    return firstValueFrom(
      this.api.invoke$Response(getDomain, { name }).pipe(
        map((response) => ({
          value: response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  create(body: CreateDomainDto, idempotencyKey: string): Promise<DomainResponseDto> {
    return firstValueFrom(
      this.api.invoke(createDomain, { body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  update(
    name: string,
    body: UpdateDomainDto,
    etag: string | undefined,
  ): Promise<Versioned<DomainResponseDto>> {
    return firstValueFrom(
      this.api.invoke$Response(updateDomain, { name, body, 'If-Match': etag }).pipe(
        map((response) => ({
          value: response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  delete(name: string, force: boolean, etag: string | undefined): Promise<void> {
    return firstValueFrom(
      this.api.invoke(deleteDomain, { name, force: force || undefined, 'If-Match': etag }),
    );
  }
}
