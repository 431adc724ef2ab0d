import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  MAIL_QUOTA_WRITER_ROLE,
  MAIL_READER_ROLE,
} from '../../../../../migrations/1796083200000-mail-server-contract.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { scramSha256Verifier } from '../../infra/crypto/scram-verifier.js';
import { MailRolesRepository } from './mail-roles.repository.js';

/**
 * Gives the mail server's database roles the passwords from Yubin's configuration at
 * every start, so rotating one is: change the setting, restart Yubin, re-run
 * daemon-config. The migration creates the roles without a password (no login).
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
    for (const [role, password] of [
      [MAIL_READER_ROLE, readerPassword],
      [MAIL_QUOTA_WRITER_ROLE, quotaWriterPassword],
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
      // Two Yubin instances starting together on one server: the role row is being
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
