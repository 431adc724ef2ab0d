import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

@Injectable()
export class MailRolesRepository {
  constructor(private readonly db: Database) {}

  /** The database's name, which names its mail roles. */
  async currentDatabase(): Promise<string> {
    const [row]: { name: string }[] = await this.db.manager.query(
      'SELECT current_database() AS name',
    );
    if (row === undefined) throw new Error('current_database() returned nothing');
    return row.name;
  }

  /**
   * Sets a role's password from a SCRAM verifier. ALTER ROLE takes no bind parameters,
   * so the server's own format(%I, %L) quotes the name and the verifier.
   */
  async setPasswordVerifier(role: string, verifier: string): Promise<void> {
    const [row]: { statement: string }[] = await this.db.manager.query(
      `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS statement`,
      [role, verifier],
    );
    if (row === undefined) throw new Error('format() returned nothing');
    await this.db.manager.query(row.statement);
  }
}
