import { inject, Injectable } from '@angular/core';
import {
  Api,
  type CreateDkimKeyDto,
  type DkimKeyResponseDto,
  type DkimKeysResponseDto,
  type DkimSettingsDto,
  type DkimSettingsResponseDto,
  type StrictHttpResponse,
} from '@yubin/api-client';
import {
  createDkimKey,
  getDkimSettings,
  listDkimKeys,
  putDkimSettings,
  rotateDkimKeys,
} from '@yubin/api-client/functions';
import { firstValueFrom, map, type Observable } from 'rxjs';
import type { Versioned } from '../../../shared/data/versioned';

export type VersionedDkimSettings = Versioned<DkimSettingsResponseDto>;

function versioned(
  response: Observable<StrictHttpResponse<DkimSettingsResponseDto>>,
): Promise<VersionedDkimSettings> {
  return firstValueFrom(
    response.pipe(
      map((result) => ({ value: result.body, etag: result.headers.get('ETag') ?? undefined })),
    ),
  );
}

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

  /** The domain's rotation schedule: its own values and those the rotation uses. */
  settings(domain: string): Promise<VersionedDkimSettings> {
    return versioned(this.api.invoke$Response(getDkimSettings, { domain }));
  }

  saveSettings(
    domain: string,
    body: DkimSettingsDto,
    etag: string | undefined,
  ): Promise<VersionedDkimSettings> {
    return versioned(this.api.invoke$Response(putDkimSettings, { domain, body, 'If-Match': etag }));
  }

  /** Starts a rotation with a key of the signing key's type. */
  rotate(domain: string, idempotencyKey: string): Promise<DkimKeyResponseDto> {
    return firstValueFrom(
      this.api.invoke(rotateDkimKeys, { domain, body: {}, 'Idempotency-Key': idempotencyKey }),
    );
  }
}
