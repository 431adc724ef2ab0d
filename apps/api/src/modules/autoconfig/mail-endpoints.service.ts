import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { AutoconfigRepository, type MailDomain } from './autoconfig.repository.js';
import { mailEndpoints, type MailEndpoints } from './mail-endpoints.js';

/** The servers a hosted domain's mail apps use, from configuration and the domain. */
@Injectable()
export class MailEndpointsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AutoconfigRepository,
  ) {}

  /** Undefined for a name that is not an active hosted domain. */
  async forDomain(name: string): Promise<(MailEndpoints & { domain: MailDomain }) | undefined> {
    const domain = await this.repository.findActiveDomain(name);
    if (domain === undefined) return undefined;
    return { domain, ...mailEndpoints(this.config.mailHosts, domain.mailHostname) };
  }
}
