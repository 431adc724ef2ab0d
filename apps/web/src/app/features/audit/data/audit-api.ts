import { inject, Injectable } from '@angular/core';
import { Api, type AuditEventPageDto } from '@yubin/api-client';
import { listAuditEvents, type ListAuditEvents$Params } from '@yubin/api-client/functions';
import type { Observable } from 'rxjs';

export type AuditFilters = Omit<ListAuditEvents$Params, 'cursor' | 'limit'>;

/** The audit log through the generated client. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly api = inject(Api);

  list(
    filters: AuditFilters,
    cursor: string | undefined,
    limit: number,
  ): Observable<AuditEventPageDto> {
    return this.api.invoke(listAuditEvents, { ...filters, cursor, limit });
  }
}
