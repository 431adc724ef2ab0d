import { Injectable } from '@nestjs/common';
import type { MailProtocol } from '#contracts';
import { Database } from '../../infra/database/database.js';
import { accountKey } from '../throttle/throttle-policy.js';

/** A mailbox as the checks see it: its settings, its domain's switch, sign-in state. */
export interface MailboxStateRow {
  address: string;
  domainName: string;
  active: boolean;
  domainActive: boolean;
  quotaBytes: number;
  usedBytes: number;
  imapEnabled: boolean;
  pop3Enabled: boolean;
  smtpEnabled: boolean;
  mustChangePassword: boolean;
  forwardTo: string[];
  keepCopy: boolean;
  twoFactorEnabled: boolean;
  appPasswordProtocols: MailProtocol[];
  lockedUntil: Date | null;
}

@Injectable()
export class DiagnosticsRepository {
  constructor(private readonly db: Database) {}

  /**
   * One live mailbox by id (the caller has already checked reach), in one round trip.
   * An app password counts while unexpired; a lock while it lasts.
   */
  async mailboxState(mailboxId: string, now: Date): Promise<MailboxStateRow | undefined> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT m.address, d.name AS domain_name, m.active, d.active AS domain_active,
              m.quota_bytes, m.used_bytes, m.imap_enabled, m.pop3_enabled, m.smtp_enabled,
              m.must_change_password, m.forward_to, m.keep_copy,
              EXISTS (SELECT 1 FROM totp_factor f
                       WHERE f.mailbox_id = m.id AND f.confirmed_at IS NOT NULL) AS two_factor,
              ARRAY(SELECT DISTINCT p.protocol::text
                      FROM app_password a, unnest(a.protocols) AS p(protocol)
                     WHERE a.mailbox_id = m.id AND (a.expires_at IS NULL OR a.expires_at > $2)
                     ORDER BY 1) AS app_password_protocols,
              (SELECT t.locked_until FROM auth_throttle t
                WHERE t.key = $3 || m.address AND t.locked_until > $2) AS locked_until
         FROM mailbox m JOIN domain d ON d.id = m.domain_id
        WHERE m.id = $1 AND m.deleted_at IS NULL`,
      [mailboxId, now, accountKey('')],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      address: row.address as string,
      domainName: row.domain_name as string,
      active: row.active as boolean,
      domainActive: row.domain_active as boolean,
      quotaBytes: Number(row.quota_bytes),
      usedBytes: Number(row.used_bytes),
      imapEnabled: row.imap_enabled as boolean,
      pop3Enabled: row.pop3_enabled as boolean,
      smtpEnabled: row.smtp_enabled as boolean,
      mustChangePassword: row.must_change_password as boolean,
      forwardTo: row.forward_to as string[],
      keepCopy: row.keep_copy as boolean,
      twoFactorEnabled: row.two_factor as boolean,
      appPasswordProtocols: row.app_password_protocols as MailProtocol[],
      lockedUntil: (row.locked_until as Date | null) ?? null,
    };
  }
}
