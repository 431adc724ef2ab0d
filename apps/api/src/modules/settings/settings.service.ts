import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import type { SettingsResponseDto } from './dto/settings-response.dto.js';

@Injectable()
export class SettingsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  describe(): SettingsResponseDto {
    return {
      defaultMailboxQuotaBytes: this.config.defaultMailboxQuotaBytes,
      mailboxRetentionDays: this.config.mailboxRetentionDays,
      mailHostnamesConfigured: this.config.mailHosts.configured,
    };
  }
}
