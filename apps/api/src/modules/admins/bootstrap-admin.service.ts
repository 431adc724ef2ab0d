import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { generateTemporaryPassword } from '../../infra/crypto/random-secrets.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { AdminsRepository } from './admins.repository.js';

/**
 * On the first start with an empty database, creates the first superadmin: from
 * BOOTSTRAP_ADMIN_EMAIL/PASSWORD, or with a generated password printed once to
 * stdout (not through the logger, so it never reaches a log sink twice). A generated
 * password is temporary: the first sign-in must replace it. A configured one was chosen
 * by the operator, who may have stored it in a secret manager, so it stays.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly admins: AdminsRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password: configured } = this.config.bootstrapAdmin;
    const password = configured ?? generateTemporaryPassword();
    const created = await this.db.transaction(async () => {
      await this.admins.lockBootstrap();
      if (await this.admins.any()) return false;
      await this.admins.insert(
        {
          email,
          role: 'superadmin',
          mailboxId: null,
          passwordHash: await this.hasher.hash(password),
          mustChangePassword: configured === undefined,
        },
        [],
      );
      await this.audit.recordSystem({
        action: 'admin.bootstrap',
        targetType: 'admin',
        targetId: email,
        after: { email, role: 'superadmin' },
      });
      return true;
    });
    if (!created) return;
    if (configured !== undefined) {
      this.logger.log(`Created the first superadmin ${email} with the configured password.`);
      return;
    }
    const notice = 'First start: a superadmin account was created.';
    const advice = 'This password is shown only now; the first sign-in asks for a new one.';
    process.stdout.write(
      this.config.log.format === 'json'
        ? `${JSON.stringify({ level: 'log', timestamp: Date.now(), context: 'Bootstrap', message: `${notice} ${advice}`, email, temporaryPassword: password })}\n`
        : [
            '',
            '================================================================',
            ` ${notice}`,
            `   email:    ${email}`,
            `   password: ${password}`,
            ` ${advice}`,
            '================================================================',
            '',
          ].join('\n') + '\n',
    );
  }
}
