import { inject, Injectable } from '@angular/core';
import {
  Api,
  type AliasDomainPageDto,
  type AliasDomainResponseDto,
  type CreateAliasDomainDto,
} from '@yubin/api-client';
import {
  createAliasDomain,
  deleteAliasDomain,
  listAliasDomains,
  listDomains,
  type ListAliasDomains$Params,
} from '@yubin/api-client/functions';
import { firstValueFrom, map, type Observable } from 'rxjs';

/** Alias domains through the generated client. */
@Injectable({ providedIn: 'root' })
export class AliasDomainsApi {
  private readonly api = inject(Api);

  list(params: ListAliasDomains$Params): Observable<AliasDomainPageDto> {
    return this.api.invoke(listAliasDomains, params);
  }

  /** Names of the domains starting with `prefix`: what an alias domain may deliver to. */
  domainNames(prefix: string, limit = 20): Promise<string[]> {
    const q = prefix.trim().toLowerCase();
    return firstValueFrom(
      this.api
        .invoke(listDomains, { limit, sort: 'name', ...(q === '' ? {} : { q }) })
        .pipe(map((page) => page.items.map((domain) => domain.name))),
    );
  }

  create(body: CreateAliasDomainDto, idempotencyKey: string): Promise<AliasDomainResponseDto> {
    return firstValueFrom(
      this.api.invoke(createAliasDomain, { body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  delete(name: string): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteAliasDomain, { name }));
  }
}
