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
  type ListAliasDomains$Params,
} from '@yubin/api-client/functions';
import { firstValueFrom, type Observable } from 'rxjs';

/** Alias domains through the generated client. */
@Injectable({ providedIn: 'root' })
export class AliasDomainsApi {
  private readonly api = inject(Api);

  list(params: ListAliasDomains$Params): Observable<AliasDomainPageDto> {
    return this.api.invoke(listAliasDomains, params);
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
