import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { domainOf } from '../../common/validators/address.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { OutboundMail, OutboundMailFailure } from '../../infra/mail/outbound-mail.js';
import { AuditService } from '../audit/audit.service.js';
import { autoconfigUrl, mailEndpoints } from '../autoconfig/mail-endpoints.js';
import { DomainsService } from '../domains/domains.service.js';
import { CredentialsService } from '../identities/credentials.service.js';
import type { MailboxEntity } from '../mailboxes/mailbox.entity.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import { handoverActorKey, handoverMailboxKey } from '../throttle/throttle-policy.js';
import { ThrottleService } from '../throttle/throttle.service.js';
import type { HandoverResponseDto } from './dto/handover.dto.js';
import type { HandoverSentResponseDto, SendHandoverDto } from './dto/send-handover.dto.js';
import {
  HandoverMailFailedError,
  handoverPasswordNotCurrent,
  outboundMailNotConfigured,
} from './handover-errors.js';
import { handoverMessage } from './handover-message.js';

/** The sheet a new user (or one with a reset password) is handed: how to set up mail. */
@Injectable()
export class HandoverService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailboxes: MailboxesService,
    private readonly domains: DomainsService,
    private readonly credentials: CredentialsService,
    private readonly throttle: ThrottleService,
    private readonly audit: AuditService,
    private readonly outbound: OutboundMail,
  ) {}

  /**
   * The same servers as the connection settings page and autoconfiguration. An inactive
   * domain still gets its sheet: the helpdesk may prepare it before switching mail on.
   */
  async sheet(ctx: RequestContext, address: string): Promise<HandoverResponseDto> {
    return (await this.mailboxSheet(ctx, address)).sheet;
  }

  /**
   * Mails the sheet to one other address, with the temporary password if the caller holds
   * it (Yubin keeps none): only while it is the mailbox's current password and must still
   * be changed, so a password that was replaced is never sent. Every send counts against
   * the mailbox's and the sender's hourly limits, as a guess and as a mail.
   */
  async send(
    ctx: RequestContext,
    address: string,
    dto: SendHandoverDto,
  ): Promise<HandoverSentResponseDto> {
    const { mailbox, sheet } = await this.mailboxSheet(ctx, address);
    if (!this.outbound.available) throw outboundMailNotConfigured();
    const attempt = await this.throttle.tryReserve([
      handoverMailboxKey(mailbox.address),
      handoverActorKey(ctx.principal.subject),
    ]);
    const temporaryPassword = dto.temporaryPassword;
    try {
      if (
        temporaryPassword !== undefined &&
        !(await this.credentials.isPendingTemporary(mailbox.id, temporaryPassword))
      ) {
        throw handoverPasswordNotCurrent();
      }
      const message = handoverMessage({ ...sheet, temporaryPassword });
      await this.outbound.send({ to: dto.to, ...message, language: sheet.language });
    } catch (error) {
      throw error instanceof OutboundMailFailure ? new HandoverMailFailedError() : error;
    } finally {
      await this.throttle.fail(attempt);
    }
    const passwordIncluded = temporaryPassword !== undefined;
    await this.audit.record(ctx, {
      ...this.mailboxes.target('handover-sent', mailbox),
      // Not `passwordIncluded`: the audit log drops every key that names a password.
      after: { to: dto.to, credentialIncluded: passwordIncluded, language: sheet.language },
    });
    return { sentTo: dto.to, passwordIncluded };
  }

  private async mailboxSheet(
    ctx: RequestContext,
    address: string,
  ): Promise<{ mailbox: MailboxEntity; sheet: HandoverResponseDto }> {
    const mailbox = await this.mailboxes.require(ctx, address);
    const domain = await this.domains.require(ctx, domainOf(mailbox.address));
    const endpoints = mailEndpoints(this.config.mailHosts, domain.mailHostname);
    const sheet: HandoverResponseDto = {
      address: mailbox.address,
      displayName: mailbox.displayName,
      incoming: endpoints.incoming,
      outgoing: endpoints.outgoing,
      autoconfigUrl: autoconfigUrl(this.config.dns.webHostname, mailbox.address),
      language: mailbox.language ?? domain.language ?? 'en',
      canSendByMail: this.outbound.available,
    };
    return { mailbox, sheet };
  }
}
