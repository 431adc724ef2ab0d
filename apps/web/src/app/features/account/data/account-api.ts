import { inject, Injectable } from '@angular/core';
import {
  Api,
  type AppPasswordResponseDto,
  type ConnectionSettingsResponseDto,
  type CreateAppPasswordDto,
  type CreatedAppPasswordResponseDto,
  type DiagnosticsResponseDto,
  type DisableTwoFactorDto,
  type PasswordPolicyDto,
  type SessionResponseDto,
  type TotpEnrolmentResponseDto,
  type TwoFactorStatusResponseDto,
} from '@yubin/api-client';
import {
  changePassword,
  confirmTotpEnrolment,
  createMobileconfig,
  createMyAppPassword,
  deleteMyAppPassword,
  disableTwoFactor,
  getConnectionSettings,
  getMyDiagnostics,
  getPasswordPolicy,
  getTwoFactorStatus,
  listMyAppPasswords,
  listSessions,
  regenerateRecoveryCodes,
  revokeOtherSessions,
  revokeSession,
  startTotpEnrolment,
} from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';
import type { AppPasswordSource } from './app-password-source';

/** The signed-in user's own account (`/me/…`) through the generated client. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly api = inject(Api);

  passwordPolicy(): Promise<PasswordPolicyDto> {
    return firstValueFrom(this.api.invoke(getPasswordPolicy));
  }

  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return firstValueFrom(
      this.api.invoke(changePassword, { body: { currentPassword, newPassword } }),
    );
  }

  connectionSettings(): Promise<ConnectionSettingsResponseDto> {
    return firstValueFrom(this.api.invoke(getConnectionSettings));
  }

  /** "Something's wrong?" for the user's own mailbox; `from` also checks that sender. */
  diagnostics(from?: string): Promise<DiagnosticsResponseDto> {
    return firstValueFrom(this.api.invoke(getMyDiagnostics, from === undefined ? {} : { from }));
  }

  /** An Apple configuration profile; with an app password inside when asked (shown nowhere else). */
  appleProfile(withAppPassword: boolean): Promise<Blob> {
    return firstValueFrom(this.api.invoke(createMobileconfig, { body: { withAppPassword } }));
  }

  sessions(): Promise<SessionResponseDto[]> {
    return firstValueFrom(this.api.invoke(listSessions));
  }

  endSession(id: string): Promise<void> {
    return firstValueFrom(this.api.invoke(revokeSession, { id }));
  }

  endOtherSessions(): Promise<void> {
    return firstValueFrom(this.api.invoke(revokeOtherSessions));
  }

  twoFactorStatus(): Promise<TwoFactorStatusResponseDto> {
    return firstValueFrom(this.api.invoke(getTwoFactorStatus));
  }

  startTotp(): Promise<TotpEnrolmentResponseDto> {
    return firstValueFrom(this.api.invoke(startTotpEnrolment));
  }

  confirmTotp(code: string): Promise<string[]> {
    return firstValueFrom(this.api.invoke(confirmTotpEnrolment, { body: { code } })).then(
      (response) => response.recoveryCodes,
    );
  }

  regenerateRecoveryCodes(): Promise<string[]> {
    return firstValueFrom(this.api.invoke(regenerateRecoveryCodes)).then(
      (response) => response.recoveryCodes,
    );
  }

  disableTwoFactor(proof: DisableTwoFactorDto): Promise<void> {
    return firstValueFrom(this.api.invoke(disableTwoFactor, { body: proof }));
  }

  /** The user's own app passwords. */
  readonly appPasswords: AppPasswordSource = {
    list: (): Promise<AppPasswordResponseDto[]> =>
      firstValueFrom(this.api.invoke(listMyAppPasswords)),
    create: (
      body: CreateAppPasswordDto,
      idempotencyKey: string,
    ): Promise<CreatedAppPasswordResponseDto> =>
      firstValueFrom(
        this.api.invoke(createMyAppPassword, { body, 'Idempotency-Key': idempotencyKey }),
      ),
    remove: (id: string): Promise<void> =>
      firstValueFrom(this.api.invoke(deleteMyAppPassword, { id })),
  };
}
