import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

/** A hosted domain as mail apps see it. */
export interface MailDomain {
  name: string;
  mailHostname: string | null;
}

@Injectable()
export class AutoconfigRepository {
  constructor(private readonly db: Database) {}

  /** An active domain by its (punycode) name; alias domains and inactive ones are not served. */
  async findActiveDomain(name: string): Promise<MailDomain | undefined> {
    const rows: { name: string; mail_hostname: string | null }[] = await this.db.manager.query(
      `SELECT name, mail_hostname FROM domain WHERE name = $1 AND active`,
      [name],
    );
    const row = rows[0];
    return row === undefined ? undefined : { name: row.name, mailHostname: row.mail_hostname };
  }
}
