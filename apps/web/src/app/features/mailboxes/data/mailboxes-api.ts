import { inject, Injectable } from '@angular/core';
import {
  Api,
  type CreatedMailboxResponseDto,
  type CreateMailboxDto,
  type DiagnosticsResponseDto,
  type HandoverResponseDto,
  type HandoverSentResponseDto,
  type MailboxPageDto,
  type MailboxResponseDto,
  type PasswordResetResponseDto,
  type SettingsResponseDto,
  type SendCheckResponseDto,
  type UpdateMailboxDto,
} from '@yubin/api-client';
import {
  checkMailboxSend,
  createMailbox,
  getMailboxDiagnostics,
  getMailboxHandover,
  sendMailboxHandover,
  createMailboxAppPassword,
  deleteMailboxAppPassword,
  listMailboxAppPasswords,
  resetMailboxTwoFactor,
  unlockMailbox,
  deleteMailbox,
  getMailbox,
  getSettings,
  listMailboxes,
  resetMailboxPassword,
  restoreMailbox,
  updateMailbox,
  type ListMailboxes$Params,
} from '@yubin/api-client/functions';
import { firstValueFrom, map, type Observable } from 'rxjs';
import type { AppPasswordSource } from '../../account/data/app-password-source';
import type { Versioned } from '../../../shared/data/versioned';

export type VersionedMailbox = Versioned<MailboxResponseDto>;

/** Mailboxes through the generated client. */
@Injectable({ providedIn: 'root' })
export class MailboxesApi {
  private readonly api = inject(Api);

  list(params: ListMailboxes$Params): Observable<MailboxPageDto> {
    return this.api.invoke(listMailboxes, params);
  }

  /** The server's settings: how long a deleted mailbox stays restorable, the default quota. */
  settings(): Promise<SettingsResponseDto> {
    return firstValueFrom(this.api.invoke(getSettings));
  }

  /** The troubleshooting checks of a mailbox; `from` also checks that sender. */
  diagnostics(address: string, from?: string): Promise<DiagnosticsResponseDto> {
    return firstValueFrom(
      this.api.invoke(getMailboxDiagnostics, from === undefined ? { address } : { address, from }),
    );
  }

  /** Whether the mail server would take a message from `from` to `to`; sends nothing. */
  sendCheck(address: string, from: string, to: string): Promise<SendCheckResponseDto> {
    return firstValueFrom(this.api.invoke(checkMailboxSend, { address, body: { from, to } }));
  }

  get(address: string): Promise<VersionedMailbox> {
    return firstValueFrom(
      this.api.invoke$Response(getMailbox, { address }).pipe(
        map((response) => ({
          value: response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  create(
    domain: string,
    body: CreateMailboxDto,
    idempotencyKey: string,
  ): Promise<CreatedMailboxResponseDto> {
    return firstValueFrom(
      this.api.invoke(createMailbox, { domain, body, 'Idempotency-Key': idempotencyKey }),
    );
  }

  update(
    address: string,
    body: UpdateMailboxDto,
    etag: string | undefined,
  ): Promise<VersionedMailbox> {
    return firstValueFrom(
      this.api.invoke$Response(updateMailbox, { address, body, 'If-Match': etag }).pipe(
        map((response) => ({
          value: response.body,
          etag: response.headers.get('ETag') ?? undefined,
        })),
      ),
    );
  }

  delete(address: string, etag: string | undefined): Promise<void> {
    return firstValueFrom(this.api.invoke(deleteMailbox, { address, 'If-Match': etag }));
  }

  restore(address: string): Promise<MailboxResponseDto> {
    return firstValueFrom(this.api.invoke(restoreMailbox, { address }));
  }

  /** Without a password the API generates a temporary one the user must change. */
  resetPassword(address: string, password?: string): Promise<PasswordResetResponseDto> {
    return firstValueFrom(
      this.api.invoke(resetMailboxPassword, {
        address,
        body: password === undefined ? {} : { password },
      }),
    );
  }

  /** What a new user is handed with their password: servers, ports, the autoconfig link. */
  handover(address: string): Promise<HandoverResponseDto> {
    return firstValueFrom(this.api.invoke(getMailboxHandover, { address }));
  }
  /**
   * Mails the handover sheet to `to`, with the temporary password this page holds (the
   * server keeps none), in the request body only.
   */
  sendHandover(
    address: string,
    to: string,
    temporaryPassword: string,
  ): Promise<HandoverSentResponseDto> {
    return firstValueFrom(
      this.api.invoke(sendMailboxHandover, { address, body: { to, temporaryPassword } }),
    );
  }

  /** Turns 2FA off for someone who lost their phone and codes; ends their sessions. */
  resetTwoFactor(address: string): Promise<void> {
    return firstValueFrom(this.api.invoke(resetMailboxTwoFactor, { address }));
  }

  /** Lifts a lock left by failed sign-in attempts. */
  unlock(address: string): Promise<void> {
    return firstValueFrom(this.api.invoke(unlockMailbox, { address }));
  }

  /** The app passwords of one mailbox, as an admin sees and issues them. */
  appPasswords(address: string): AppPasswordSource {
    return {
      list: () => firstValueFrom(this.api.invoke(listMailboxAppPasswords, { address })),
      create: (body, idempotencyKey) =>
        firstValueFrom(
          this.api.invoke(createMailboxAppPassword, {
            address,
            body,
            'Idempotency-Key': idempotencyKey,
          }),
        ),
      remove: (id) => firstValueFrom(this.api.invoke(deleteMailboxAppPassword, { address, id })),
    };
  }
}
