import { Injectable } from '@nestjs/common';
import type { AdminRole } from '#contracts';
import type { Reach } from '../../common/auth/principal.js';
import { Database } from '../../infra/database/database.js';
import { reachSqlAt } from '../../infra/database/reach.js';
import { AdminAccountEntity } from '../identities/admin-account.entity.js';

export interface AdminRow {
  id: string;
  email: string;
  role: AdminRole;
  mailboxId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  domainIds: string[];
  domainNames: string[];
  twoFactorEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const SELECT_ADMIN = `
  SELECT a.id, a.email, a.role, a.mailbox_id AS "mailboxId", a.active, a.must_change_password AS "mustChangePassword",
         a.last_login_at AS "lastLoginAt", a.created_at AS "createdAt",
         coalesce(array(SELECT ad.domain_id FROM admin_domain ad WHERE ad.admin_id = a.id), '{}') AS "domainIds",
         coalesce(array(SELECT d.name FROM admin_domain ad JOIN domain d ON d.id = ad.domain_id
                         WHERE ad.admin_id = a.id ORDER BY d.name), '{}') AS "domainNames",
         EXISTS (SELECT 1 FROM totp_factor t
                  WHERE (t.admin_id = a.id OR t.mailbox_id = a.mailbox_id) AND t.confirmed_at IS NOT NULL)
           AS "twoFactorEnabled"
    FROM admin_account a`;

/** Admin accounts the reach may see: none with a higher role or a domain outside its scope. */
function reachClause(reach: Reach, firstParam: number): { sql: string; params: unknown[] } {
  return reachSqlAt(reach, { adminAccount: 'a' }, firstParam);
}

@Injectable()
export class AdminsRepository {
  constructor(private readonly db: Database) {}

  /** Ordered by email, after `afterEmail`; `limit + 1` rows to tell whether more follow. */
  list(
    reach: Reach,
    limit: number,
    afterEmail: string | undefined,
    q: string | undefined,
  ): Promise<AdminRow[]> {
    const visible = reachClause(reach, 4);
    return this.db.manager.query(
      `${SELECT_ADMIN}
        WHERE ($1::text IS NULL OR a.email > $1) AND ($2::text IS NULL OR a.email LIKE $2) AND ${visible.sql}
        ORDER BY a.email LIMIT $3`,
      [afterEmail ?? null, q ?? null, limit + 1, ...visible.params],
    );
  }

  async find(reach: Reach, id: string): Promise<AdminRow | undefined> {
    const visible = reachClause(reach, 2);
    const rows: AdminRow[] = await this.db.manager.query(
      `${SELECT_ADMIN} WHERE a.id = $1 AND ${visible.sql}`,
      [id, ...visible.params],
    );
    return rows[0];
  }

  /** The admin account at an email, whoever may see it. */
  async idByEmail(email: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.manager.query(
      'SELECT id FROM admin_account WHERE email = $1',
      [email],
    );
    return rows[0]?.id;
  }

  /**
   * The hosted domain an address lies in: a domain, or the domain an alias domain
   * points to. Undefined for an address outside every hosted domain.
   */
  async hostedDomainOf(email: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.manager.query(
      `SELECT d.id FROM domain d WHERE d.name = split_part($1, '@', 2)
       UNION ALL
       SELECT ad.target_domain_id FROM alias_domain ad WHERE ad.name = split_part($1, '@', 2)`,
      [email],
    );
    return rows[0]?.id;
  }

  /** The live mailbox an email names, if any, with its domain. */
  async mailboxAt(email: string): Promise<{ id: string; domainId: string } | undefined> {
    const rows: { id: string; domain_id: string }[] = await this.db.manager.query(
      'SELECT id, domain_id FROM mailbox WHERE address = $1 AND deleted_at IS NULL',
      [email],
    );
    const row = rows[0];
    return row === undefined ? undefined : { id: row.id, domainId: row.domain_id };
  }

  async insert(
    values: Pick<
      AdminAccountEntity,
      'email' | 'role' | 'mailboxId' | 'passwordHash' | 'mustChangePassword'
    >,
    domainIds: string[],
  ): Promise<string> {
    const result = await this.db.manager.insert(AdminAccountEntity, values);
    const id = (result.identifiers[0] as { id: string }).id;
    await this.setDomains(id, domainIds);
    return id;
  }

  async update(
    id: string,
    changes: Partial<Pick<AdminAccountEntity, 'role' | 'active'>>,
  ): Promise<void> {
    if (Object.keys(changes).length > 0)
      await this.db.manager.update(AdminAccountEntity, { id }, changes);
  }

  /** What inserting admin_domain rows would lock anyway, taken before anything else. */
  async lockDomainsShared(domainIds: string[]): Promise<void> {
    if (domainIds.length === 0) return;
    await this.db.manager.query(
      'SELECT 1 FROM domain WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE',
      [domainIds],
    );
  }

  /** Holds the account's row until the transaction ends: its changes take turns. */
  async lock(id: string): Promise<void> {
    await this.db.manager.query('SELECT 1 FROM admin_account WHERE id = $1 FOR UPDATE', [id]);
  }

  async setDomains(id: string, domainIds: string[]): Promise<void> {
    await this.db.manager.query('DELETE FROM admin_domain WHERE admin_id = $1', [id]);
    if (domainIds.length > 0) {
      await this.db.manager.query(
        'INSERT INTO admin_domain (admin_id, domain_id) SELECT $1, unnest($2::uuid[])',
        [id, domainIds],
      );
    }
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(AdminAccountEntity, { id });
  }

  /** Active superadmins, locked so two requests cannot both remove "another" one. */
  async lockActiveSuperadmins(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.manager.query(
      `SELECT id FROM admin_account WHERE role = 'superadmin' AND active FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  async domainIdsByName(names: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.db.manager.query(
      'SELECT id, name FROM domain WHERE name = ANY($1)',
      [names],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  async any(): Promise<boolean> {
    return (await this.db.manager.count(AdminAccountEntity)) > 0;
  }

  async lockBootstrap(): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['bootstrap-admin']);
  }
}
