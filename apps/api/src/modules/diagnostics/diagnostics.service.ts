import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { ValidationError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { Clock } from '../../infra/clock/clock.js';
import { mailboxNotFound } from '../addresses/address-errors.js';
import { UserProfilesService } from '../identities/user-profiles.service.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import { normaliseSender } from '../spam/sender-match.js';
import { SenderRulesService } from '../spam/sender-rules.service.js';
import { SpamPolicyService } from '../spam/spam-policy.service.js';
import { diagnose, type MailboxFacts, type Viewer } from './diagnostic-checks.js';
import { actionLabel, describeFinding } from './diagnostic-messages.js';
import { DiagnosticsRepository } from './diagnostics.repository.js';
import type { DiagnosticsQueryDto, DiagnosticsResponseDto } from './dto/diagnostics.dto.js';
import { DnsStateService } from './dns-state.service.js';

interface MailboxRef {
  id: string;
  domainId: string;
}

/**
 * "Something's wrong?": the same checks for the user and for the helpdesk on the phone;
 * only the offered fixes differ (an admin's need its permission).
 */
@Injectable()
export class DiagnosticsService {
  constructor(
    private readonly repository: DiagnosticsRepository,
    private readonly mailboxes: MailboxesService,
    private readonly profiles: UserProfilesService,
    private readonly spamPolicies: SpamPolicyService,
    private readonly senderRules: SenderRulesService,
    private readonly dns: DnsStateService,
    private readonly clock: Clock,
  ) {}

  async forMailbox(
    ctx: RequestContext,
    address: string,
    query: DiagnosticsQueryDto,
    locale: Locale,
  ): Promise<DiagnosticsResponseDto> {
    const mailbox = await this.mailboxes.require(ctx, address);
    const viewer: Viewer = { kind: 'admin', permissions: ctx.principal.permissions };
    return this.run(mailbox, viewer, query, locale);
  }

  async mine(
    ctx: RequestContext,
    query: DiagnosticsQueryDto,
    locale: Locale,
  ): Promise<DiagnosticsResponseDto> {
    const own = await this.profiles.ownMailbox(ctx.principal, 'Diagnostics');
    return this.run(own, { kind: 'self' }, query, locale);
  }

  private async run(
    mailbox: MailboxRef & { address: string },
    viewer: Viewer,
    query: DiagnosticsQueryDto,
    locale: Locale,
  ): Promise<DiagnosticsResponseDto> {
    const sender = query.from === undefined ? undefined : normaliseSender(query.from);
    if (sender === undefined && query.from !== undefined)
      throw ValidationError.field('from', 'isMailAddress', 'from must be a mail address.');
    const now = this.clock.now();
    const [state, spam, dns, decision] = await Promise.all([
      this.repository.mailboxState(mailbox.id, now),
      this.spamPolicies.resolvedFor(mailbox),
      this.dns.forDomain(mailbox.domainId),
      sender === undefined
        ? undefined
        : this.senderRules.decideFor(mailbox, { sender, clientIp: null }),
    ]);
    // Deleted between the reach check and now.
    if (state === undefined || dns === undefined) throw mailboxNotFound(mailbox.address);
    const facts: MailboxFacts = {
      ...state,
      spam,
      dns,
      ...(sender === undefined || decision === undefined
        ? {}
        : {
            sender: {
              address: sender,
              verdict: decision.verdict,
              level: decision.rule?.level ?? null,
            },
          }),
    };
    return {
      checks: diagnose(facts, viewer, now).map((finding) => ({
        status: finding.status,
        code: finding.code,
        message: describeFinding(finding, locale),
        action:
          finding.action === null
            ? null
            : { code: finding.action, label: actionLabel(finding.action, locale) },
      })),
    };
  }
}
