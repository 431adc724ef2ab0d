import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { domainOf } from '../../common/validators/address.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { autoconfigUrl, mailEndpoints } from '../autoconfig/mail-endpoints.js';
import { DomainsService } from '../domains/domains.service.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import type { HandoverResponseDto } from './dto/handover.dto.js';

/** The sheet a new user (or one with a reset password) is handed: how to set up mail. */
@Injectable()
export class HandoverService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailboxes: MailboxesService,
    private readonly domains: DomainsService,
  ) {}

  /**
   * The same servers as the connection settings page and autoconfiguration. An inactive
   * domain still gets its sheet: the helpdesk may prepare it before switching mail on.
   */
  async sheet(ctx: RequestContext, address: string): Promise<HandoverResponseDto> {
    const mailbox = await this.mailboxes.require(ctx, address);
    const domain = await this.domains.require(ctx, domainOf(mailbox.address));
    const endpoints = mailEndpoints(this.config.mailHosts, domain.mailHostname);
    return {
      address: mailbox.address,
      displayName: mailbox.displayName,
      incoming: endpoints.incoming,
      outgoing: endpoints.outgoing,
      autoconfigUrl: autoconfigUrl(this.config.dns.webHostname, mailbox.address),
      language: mailbox.language ?? domain.language ?? 'en',
    };
  }
}
