import { inject, Injectable } from '@angular/core';
import {
  Api,
  type ApiTokenResponseDto,
  type CreateApiTokenDto,
  type CreatedApiTokenResponseDto,
} from '@yubin/api-client';
import {
  createApiToken,
  deleteApiToken,
  listApiTokens,
  listDomains,
} from '@yubin/api-client/functions';
import { firstValueFrom, map } from 'rxjs';

/** API tokens through the generated client. */
@Injectable({ providedIn: 'root' })
export class ApiTokensApi {
  private readonly api = inject(Api);

  list(): Promise<ApiTokenResponseDto[]> {
    return firstValueFrom(this.api.invoke(listApiTokens));
  }

  create(body: CreateApiTokenDto, idempotencyKey: string): Promise<CreatedApiTokenResponseDto> {
    return firstValueFrom(
      this.api.invoke(createApiToken, { body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  /** Domain names starting with `prefix` among those the admin manages: a token's limit. */
  domainNames(prefix: string, limit = 20): Promise<string[]> {
    const q = prefix.trim().toLowerCase();
    return firstValueFrom(
      this.api
        .invoke(listDomains, { limit, sort: 'name', ...(q === '' ? {} : { q }) })
        .pipe(map((page) => page.items.map((domain) => domain.name))),
    );
  }

  revoke(id: string): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteApiToken, { id }));
  }
}
