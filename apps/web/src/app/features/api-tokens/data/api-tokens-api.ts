import { inject, Injectable } from '@angular/core';
import {
  Api,
  type ApiTokenResponseDto,
  type CreateApiTokenDto,
  type CreatedApiTokenResponseDto,
} from '@yubin/api-client';
import { createApiToken, deleteApiToken, listApiTokens } from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';

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

  revoke(id: string): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteApiToken, { id }));
  }
}
