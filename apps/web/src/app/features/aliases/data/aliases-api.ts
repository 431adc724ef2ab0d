import { inject, Injectable } from '@angular/core';
import {
  Api,
  type AliasPageDto,
  type AliasResponseDto,
  type CreateAliasDto,
  type UpdateAliasDto,
} from '@yubin/api-client';
import {
  createAlias,
  deleteAlias,
  getAlias,
  listAliases,
  updateAlias,
  type ListAliases$Params,
} from '@yubin/api-client/functions';
import { firstValueFrom, map, type Observable } from 'rxjs';
import type { Versioned } from '../../../shared/data/versioned';

export type VersionedAlias = Versioned<AliasResponseDto>;

/** Aliases (and the catch-all, address `@domain`) through the generated client. */
@Injectable({ providedIn: 'root' })
export class AliasesApi {
  private readonly api = inject(Api);

  list(params: ListAliases$Params): Observable<AliasPageDto> {
    return this.api.invoke(listAliases, params);
  }

  get(address: string): Promise<VersionedAlias> {
    return firstValueFrom(
      this.api.invoke$Response(getAlias, { address }).pipe(
        map((response) => ({
          value: response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  create(domain: string, body: CreateAliasDto, idempotencyKey: string): Promise<AliasResponseDto> {
    return firstValueFrom(
      this.api.invoke(createAlias, { domain, body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  update(
    address: string,
    body: UpdateAliasDto,
    etag: string | undefined,
  ): Promise<AliasResponseDto> {
    return firstValueFrom(this.api.invoke(updateAlias, { address, body, 'If-Match': etag }));
  }

  delete(address: string, etag: string | undefined): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteAlias, { address, 'If-Match': etag }));
  }
}
