import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { mailRoleNames } from '../../infra/database/mail-roles.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { scramSha256Verifier } from '../../infra/crypto/scram-verifier.js';
import { MailRolesRepository } from './mail-roles.repository.js';

/**
 * Gives the mail server's database roles the passwords from Yubin's configuration at
 * every start (README: rotating a password). The roles are this database's own
 * (`<database>_mail_reader`, `<database>_mail_quota`), so another Yubin on the same
 * PostgreSQL server never resets them. The migrations create them without a password.
 */
@Injectable()
export class MailRolesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailRolesService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roles: MailRolesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.applyPasswords();
  }

  async applyPasswords(): Promise<void> {
    const { readerPassword, quotaWriterPassword } = this.config.mailServer;
    if (readerPassword === undefined && quotaWriterPassword === undefined) return;
    const roles = mailRoleNames(await this.roles.currentDatabase());
    for (const [role, password] of [
      [roles.reader, readerPassword],
      [roles.quotaWriter, quotaWriterPassword],
    ] as const) {
      if (password === undefined) continue;
      await this.setPassword(role, password);
    }
  }

  private async setPassword(role: string, password: string): Promise<void> {
    const verifier = scramSha256Verifier(password);
    try {
      await this.roles.setPasswordVerifier(role, verifier);
    } catch (error) {
      // Two Yubin processes of one instance starting together: the role row is being
      // updated by the other one. Once more settles it.
      if (!/concurrently updated/.test(String(error)))
        throw new Error(
          `Could not set the password of the database role ${role} (Yubin's database user needs CREATEROLE): ${String(error)}`,
          { cause: error },
        );
      await this.roles.setPasswordVerifier(role, verifier);
    }
    this.logger.log(`Mail server role ${role}: password set from configuration.`);
  }
}
