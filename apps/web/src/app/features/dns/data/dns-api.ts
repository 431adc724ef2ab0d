import { inject, Injectable } from '@angular/core';
import {
  Api,
  type DnsPublishingDto,
  type DnsPublishingResponseDto,
  type DnsPublishResponseDto,
  type DnsRecordsResponseDto,
} from '@yubin/api-client';
import {
  deleteDnsPublishing,
  getDnsPublishing,
  listDnsRecords$Dns,
  listDnsRecords$Json,
  publishDnsRecords,
  putDnsPublishing,
  verifyDnsRecords,
} from '@yubin/api-client/functions';
import { firstValueFrom, map } from 'rxjs';
import type { Versioned } from '../../../shared/data/versioned';

/** The value is null while no server is set up; its ETag then is "0". */
export type VersionedPublishing = Versioned<DnsPublishingResponseDto | null>;

/** A domain's DNS records, their verification and publishing, through the generated client. */
@Injectable({ providedIn: 'root' })
export class DnsApi {
  private readonly api = inject(Api);

  records(domain: string): Promise<DnsRecordsResponseDto> {
    return firstValueFrom(this.api.invoke(listDnsRecords$Json, { domain }));
  }

  /** The zone file fragment, as the API exports it. */
  zone(domain: string): Promise<string> {
    return firstValueFrom(this.api.invoke(listDnsRecords$Dns, { domain, format: 'zone' }));
  }

  verify(domain: string): Promise<DnsRecordsResponseDto> {
    return firstValueFrom(this.api.invoke(verifyDnsRecords, { domain }));
  }

  publish(domain: string): Promise<DnsPublishResponseDto> {
    return firstValueFrom(this.api.invoke(publishDnsRecords, { domain }));
  }

  /** The publishing settings; null while none are set (204, ETag "0"). */
  publishing(domain: string): Promise<VersionedPublishing> {
    return firstValueFrom(
      this.api.invoke$Response(getDnsPublishing, { domain }).pipe(
        map((response) => ({
          value: response.status === 204 ? null : response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  savePublishing(
    domain: string,
    body: DnsPublishingDto,
    etag: string | undefined,
  ): Promise<VersionedPublishing> {
    return firstValueFrom(
      this.api.invoke$Response(putDnsPublishing, { domain, body, 'If-Match': etag }).pipe(
        map((response) => ({
          value: response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  removePublishing(domain: string, etag: string | undefined): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteDnsPublishing, { domain, 'If-Match': etag }));
  }
}
