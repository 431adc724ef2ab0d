import { inject, Injectable } from '@angular/core';
import {
  Api,
  type CreateDkimKeyDto,
  type DkimKeyResponseDto,
  type DkimKeysResponseDto,
} from '@yubin/api-client';
import { createDkimKey, listDkimKeys, rotateDkimKeys } from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';

/** A domain's DKIM keys and their rotation, through the generated client. */
@Injectable({ providedIn: 'root' })
export class DkimApi {
  private readonly api = inject(Api);

  list(domain: string): Promise<DkimKeysResponseDto> {
    return firstValueFrom(this.api.invoke(listDkimKeys, { domain }));
  }

  /** The key stays one key when a retry repeats the same idempotency key. */
  create(
    domain: string,
    body: CreateDkimKeyDto,
    idempotencyKey: string,
  ): Promise<DkimKeyResponseDto> {
    return firstValueFrom(
      this.api.invoke(createDkimKey, { domain, body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  /** Starts a rotation with a key of the signing key's type. */
  rotate(domain: string, idempotencyKey: string): Promise<DkimKeyResponseDto> {
    return firstValueFrom(
      this.api.invoke(rotateDkimKeys, { domain, body: {}, 'Idempotency-Key': idempotencyKey }),
    );
  }
}
