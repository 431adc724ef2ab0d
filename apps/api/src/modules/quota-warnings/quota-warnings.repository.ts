import { Injectable } from '@nestjs/common';
import { LOCALES, type Locale } from '../../common/i18n/locale.js';
import { Database } from '../../infra/database/database.js';

export interface WarnedMailbox {
  id: string;
  address: string;
  quotaBytes: number;
  usedBytes: number;
  /** The mailbox's language, else its domain's, else English. */
  language: Locale;
  domain: { id: string; name: string };
}

@Injectable()
export class QuotaWarningsRepository {
  constructor(private readonly db: Database) {}

  /** A live mailbox by address: the mail server speaks for every domain. */
  async findMailbox(address: string): Promise<WarnedMailbox | undefined> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT m.id, m.address, m.quota_bytes, m.used_bytes, d.id AS domain_id, d.name AS domain_name,
              COALESCE(m.language, d.language) AS language
         FROM mailbox m JOIN domain d ON d.id = m.domain_id
        WHERE m.address = $1 AND m.deleted_at IS NULL`,
      [address],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      id: row.id as string,
      address: row.address as string,
      quotaBytes: Number(row.quota_bytes),
      usedBytes: Number(row.used_bytes),
      language: LOCALES.find((locale) => locale === row.language) ?? 'en',
      domain: { id: row.domain_id as string, name: row.domain_name as string },
    };
  }
}
