import type {
  AppPasswordResponseDto,
  CreateAppPasswordDto,
  CreatedAppPasswordResponseDto,
} from '@yubin/api-client';

/**
 * Where a list of app passwords lives: the user's own (`/me/app-passwords`) or a
 * mailbox's, managed by an admin (`/mailboxes/{address}/app-passwords`). The panel that
 * shows them works with either.
 */
export interface AppPasswordSource {
  list(): Promise<AppPasswordResponseDto[]>;
  create(
    body: CreateAppPasswordDto,
    idempotencyKey: string,
  ): Promise<CreatedAppPasswordResponseDto>;
  remove(id: string): Promise<void>;
}
