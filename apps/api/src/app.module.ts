import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from './infra/config/app-config.js';
import { ConfigModule } from './infra/config/config.module.js';
import { ClockModule } from './infra/clock/clock.js';
import { CryptoModule } from './infra/crypto/crypto.module.js';
import { DatabaseModule } from './infra/database/database.module.js';
import { AdminsModule } from './modules/admins/admins.module.js';
import { AppPasswordsModule } from './modules/app-passwords/app-passwords.module.js';
import { AliasDomainsModule } from './modules/alias-domains/alias-domains.module.js';
import { AliasesModule } from './modules/aliases/aliases.module.js';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { DaemonConfigModule } from './modules/daemon-config/daemon-config.module.js';
import { DkimModule } from './modules/dkim/dkim.module.js';
import { DnsModule } from './modules/dns/dns.module.js';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module.js';
import { DomainsModule } from './modules/domains/domains.module.js';
import { HandoverModule } from './modules/handover/handover.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdempotencyModule } from './modules/idempotency/idempotency.module.js';
import { MailAuthPolicyModule } from './modules/mail-auth-policy/mail-auth-policy.module.js';
import { QuotaWarningsModule } from './modules/quota-warnings/quota-warnings.module.js';
import { MailboxesModule } from './modules/mailboxes/mailboxes.module.js';
import { MeModule } from './modules/me/me.module.js';
import { SettingsModule } from './modules/settings/settings.module.js';
import { RspamdMapsModule } from './modules/rspamd-maps/rspamd-maps.module.js';
import { SpamModule } from './modules/spam/spam.module.js';
import { TwoFactorModule } from './modules/two-factor/two-factor.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        CryptoModule,
        ClockModule,
        DiscoveryModule,
        IdempotencyModule,
        HealthModule,
        AuditModule,
        AuthModule,
        ApiTokensModule,
        DomainsModule,
        AliasDomainsModule,
        MailboxesModule,
        AliasesModule,
        AdminsModule,
        MeModule,
        TwoFactorModule,
        AppPasswordsModule,
        DaemonConfigModule,
        MailAuthPolicyModule,
        QuotaWarningsModule,
        SettingsModule,
        SpamModule,
        RspamdMapsModule,
        DnsModule,
        DkimModule,
        DiagnosticsModule,
        HandoverModule,
      ],
    };
  }
}
