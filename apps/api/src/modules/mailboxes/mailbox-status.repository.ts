import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

export interface MailboxStatus {
  twoFactorEnabled: boolean;
  lockedUntil: Date | null;
}

/** What the mail and sign-in machinery knows about mailboxes: 2FA and sign-in locks. */
@Injectable()
export class MailboxStatusRepository {
  constructor(private readonly db: Database) {}

  async statuses(
    mailboxes: { id: string; address: string }[],
    now: Date,
  ): Promise<Map<string, MailboxStatus>> {
    const statuses = new Map<string, MailboxStatus>(
      mailboxes.map((m) => [m.id, { twoFactorEnabled: false, lockedUntil: null }]),
    );
    if (mailboxes.length === 0) return statuses;
    const factors: { mailbox_id: string }[] = await this.db.manager.query(
      'SELECT mailbox_id FROM totp_factor WHERE mailbox_id = ANY($1) AND confirmed_at IS NOT NULL',
      [mailboxes.map((m) => m.id)],
    );
    for (const row of factors) {
      const status = statuses.get(row.mailbox_id);
      if (status !== undefined) status.twoFactorEnabled = true;
    }
    const locks: { key: string; locked_until: Date }[] = await this.db.manager.query(
      'SELECT key, locked_until FROM auth_throttle WHERE key = ANY($1) AND locked_until > $2',
      [mailboxes.map((m) => `account:${m.address}`), now],
    );
    for (const lock of locks) {
      const mailbox = mailboxes.find((m) => `account:${m.address}` === lock.key);
      const status = mailbox === undefined ? undefined : statuses.get(mailbox.id);
      if (status !== undefined) status.lockedUntil = lock.locked_until;
    }
    return statuses;
  }
}
