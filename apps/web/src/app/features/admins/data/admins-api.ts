import { inject, Injectable } from '@angular/core';
import {
  Api,
  type AdminPageDto,
  type AdminResponseDto,
  type CreateAdminDto,
  type CreatedAdminResponseDto,
  type PasswordResetResponseDto,
  type UpdateAdminDto,
} from '@yubin/api-client';
import {
  createAdmin,
  deleteAdmin,
  getAdmin,
  listAdmins,
  listDomains,
  resetAdminPassword,
  resetAdminTwoFactor,
  updateAdmin,
  type ListAdmins$Params,
} from '@yubin/api-client/functions';
import { firstValueFrom, map, type Observable } from 'rxjs';

/** Admins and their roles through the generated client. */
@Injectable({ providedIn: 'root' })
export class AdminsApi {
  private readonly api = inject(Api);

  list(params: ListAdmins$Params): Observable<AdminPageDto> {
    return this.api.invoke(listAdmins, params);
  }

  get(id: string): Promise<AdminResponseDto> {
    return firstValueFrom(this.api.invoke(getAdmin, { id }));
  }

  create(body: CreateAdminDto, idempotencyKey: string): Promise<CreatedAdminResponseDto> {
    return firstValueFrom(
      this.api.invoke(createAdmin, { body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  update(id: string, body: UpdateAdminDto): Promise<AdminResponseDto> {
    return firstValueFrom(this.api.invoke(updateAdmin, { id, body }));
  }

  remove(id: string): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteAdmin, { id }));
  }

  resetPassword(id: string): Promise<PasswordResetResponseDto> {
    return firstValueFrom(this.api.invoke(resetAdminPassword, { id }));
  }

  resetTwoFactor(id: string): Promise<void> {
    return firstValueFrom(this.api.invoke(resetAdminTwoFactor, { id }));
  }

  /** Domain names starting with `prefix`, by name: what a superadmin can give a role over. */
  domainNames(prefix: string, limit = 20): Promise<string[]> {
    const q = prefix.trim().toLowerCase();
    return firstValueFrom(
      this.api
        .invoke(listDomains, { limit, sort: 'name', ...(q === '' ? {} : { q }) })
        .pipe(map((page) => page.items.map((domain) => domain.name))),
    );
  }
}
