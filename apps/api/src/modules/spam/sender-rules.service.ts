import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestContext } from '../../common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import { domainOf } from '../../common/validators/address.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Database } from '../../infra/database/database.js';
import { isUniqueViolation } from '../../infra/database/pg-errors.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainsService } from '../domains/domains.service.js';
import { UserProfilesService } from '../identities/user-profiles.service.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import {
  SENDER_RULE_CURSOR,
  type CreateSenderRuleDto,
  type ListSenderRulesQueryDto,
  type SenderDecisionQueryDto,
  type SenderDecisionResponseDto,
  type SenderRuleResponseDto,
} from './dto/sender-rule.dto.js';
import { decideSender, type Envelope, type SenderDecision } from './sender-decision.js';
import {
  domainSuffixes,
  normaliseClientAddress,
  normaliseMatch,
  normaliseSender,
} from './sender-match.js';
import {
  SenderRulesRepository,
  type RuleList,
  type SenderRuleRow,
} from './sender-rules.repository.js';

/** A list as a route names it. */
export type ListRef =
  | { of: 'global' }
  | { of: 'domain'; name: string }
  | { of: 'mailbox'; address: string }
  | { of: 'me' };

/** A list as the caller may reach it: which rows, and what the audit log calls it. */
interface Target {
  list: RuleList;
  /** The lists it inherits from that the caller may read. */
  inherited: RuleList[];
  audit: { targetType: string; targetId: string; domain?: { id: string; name: string } };
}

export function toSenderRuleResponse(row: SenderRuleRow): SenderRuleResponseDto {
  return {
    id: row.id,
    level: row.level,
    domain: row.domainName,
    mailbox: row.mailboxAddress,
    kind: row.kind,
    match: { [row.matchType]: row.matchValue },
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Global rules are the operator's: read and changed only with every domain in reach. */
function readsGlobal(principal: Principal): boolean {
  return principal.domainScope.kind === 'all' && principal.permissions.has('spam:read');
}

function ruleNotFound(id: string): NotFoundError {
  return new NotFoundError('SENDER_RULE_NOT_FOUND', `No sender rule ${id} in this list.`);
}

/**
 * Sender allow and block lists at three levels. Which rule wins is decideSender's
 * (ADR 0012); here: who may see and change which list, its limit, and the audit.
 */
@Injectable()
export class SenderRulesService {
  constructor(
    private readonly db: Database,
    private readonly rules: SenderRulesRepository,
    private readonly domains: DomainsService,
    private readonly mailboxes: MailboxesService,
    private readonly profiles: UserProfilesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Who names which list -------------------------------------------------------------

  /** The list a route names, if the caller may reach it (404 or 403 otherwise). */
  private resolve(ctx: RequestContext, ref: ListRef): Promise<Target> {
    switch (ref.of) {
      case 'global':
        return this.global(ctx);
      case 'domain':
        return this.ofDomain(ctx, ref.name);
      case 'mailbox':
        return this.ofMailbox(ctx, ref.address);
      case 'me':
        return this.mine(ctx);
    }
  }

  private global(ctx: RequestContext): Promise<Target> {
    if (ctx.principal.domainScope.kind !== 'all') {
      throw new ForbiddenError(
        'FORBIDDEN',
        'Global sender rules are for administrators of all domains.',
      );
    }
    return Promise.resolve({
      list: { level: 'global' },
      inherited: [],
      audit: { targetType: 'sender-rules', targetId: 'global' },
    });
  }

  private async ofDomain(ctx: RequestContext, name: string): Promise<Target> {
    const domain = await this.domains.require(ctx, name);
    return {
      list: { level: 'domain', domainId: domain.id },
      inherited: readsGlobal(ctx.principal) ? [{ level: 'global' }] : [],
      audit: {
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
      },
    };
  }

  private async ofMailbox(ctx: RequestContext, address: string): Promise<Target> {
    const mailbox = await this.mailboxes.require(ctx, address);
    const domainName = domainOf(mailbox.address);
    return this.mailboxTarget(
      ctx.principal,
      mailbox.id,
      mailbox.address,
      mailbox.domainId,
      domainName,
    );
  }

  private async mine(ctx: RequestContext): Promise<Target> {
    const own = await this.profiles.ownMailbox(ctx.principal, 'Personal sender rules');
    return this.mailboxTarget(ctx.principal, own.id, own.address, own.domainId, own.domainName);
  }

  private mailboxTarget(
    principal: Principal,
    mailboxId: string,
    address: string,
    domainId: string,
    domainName: string,
  ): Target {
    return {
      list: { level: 'mailbox', domainId, mailboxId },
      inherited: [
        { level: 'domain', domainId },
        ...(readsGlobal(principal) ? [{ level: 'global' as const }] : []),
      ],
      audit: {
        targetType: 'mailbox',
        targetId: address,
        domain: { id: domainId, name: domainName },
      },
    };
  }

  // What is done with a list -------------------------------------------------------

  async list(
    ctx: RequestContext,
    ref: ListRef,
    query: ListSenderRulesQueryDto,
  ): Promise<Page<SenderRuleResponseDto>> {
    const target = await this.resolve(ctx, ref);
    const rows = await this.rules.list(
      query.inherited ? [target.list, ...target.inherited] : [target.list],
      {
        limit: query.limit,
        kind: query.kind,
        q: query.q,
        after:
          query.cursor === undefined
            ? undefined
            : decodeCursor(query.cursor, query.sort, SENDER_RULE_CURSOR),
      },
    );
    return toPage(rows, query.limit, toSenderRuleResponse, (row) => ({
      sort: query.sort,
      value: row.createdAt.toISOString(),
      id: row.id,
    }));
  }

  async create(
    ctx: RequestContext,
    ref: ListRef,
    dto: CreateSenderRuleDto,
  ): Promise<SenderRuleResponseDto> {
    const target = await this.resolve(ctx, ref);
    const normalised = normaliseMatch(dto.match);
    if (!normalised.ok) {
      const field = normalised.field === 'match' ? 'match' : `match.${normalised.field}`;
      throw ValidationError.field(
        field,
        normalised.field === 'match' ? 'exactlyOne' : 'invalid',
        normalised.field === 'match'
          ? 'match must name exactly one of sender, senderDomain, clientIp.'
          : `match.${normalised.field} is not a valid ${normalised.field === 'sender' ? 'mail address' : normalised.field === 'senderDomain' ? 'domain name' : 'IP address or network'}.`,
      );
    }
    const limit = this.config.senderRuleLimits[target.list.level];
    try {
      return await this.db.transaction(async () => {
        await this.rules.lock(target.list);
        if ((await this.rules.count(target.list)) >= limit) {
          throw new ConflictError(
            'SENDER_RULE_LIMIT_REACHED',
            `This list already holds its maximum of ${limit} rules. Remove some, or use a domain or network rule for many senders.`,
          );
        }
        const row = await this.rules.insert(target.list, {
          kind: dto.kind,
          match: normalised.match,
          note: dto.note ?? '',
        });
        const body = toSenderRuleResponse(row);
        await this.audit.record(ctx, {
          action: 'sender-rule.create',
          ...target.audit,
          after: body,
        });
        return body;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          'SENDER_RULE_EXISTS',
          `This list already has a rule for ${normalised.match.value}; remove it first to change its kind.`,
        );
      }
      throw error;
    }
  }

  async delete(ctx: RequestContext, ref: ListRef, id: string): Promise<void> {
    const target = await this.resolve(ctx, ref);
    await this.db.transaction(async () => {
      await this.rules.lock(target.list);
      const deleted = await this.rules.delete(target.list, id);
      if (deleted === undefined) throw ruleNotFound(id);
      await this.audit.record(ctx, {
        action: 'sender-rule.delete',
        ...target.audit,
        before: toSenderRuleResponse(deleted),
      });
    });
  }

  /**
   * Which rule decides for mail to a mailbox the caller already reached, as the mail
   * server will: every level counts, whoever asks, since the answer must be the server's.
   */
  async decideFor(
    mailbox: { id: string; domainId: string },
    envelope: Envelope,
  ): Promise<SenderDecision<SenderRuleRow>> {
    const everyLevel: RuleList[] = [
      { level: 'mailbox', domainId: mailbox.domainId, mailboxId: mailbox.id },
      { level: 'domain', domainId: mailbox.domainId },
      { level: 'global' },
    ];
    const rows = await this.rules.applying(everyLevel, {
      sender: envelope.sender,
      senderDomains: envelope.sender === null ? [] : domainSuffixes(domainOf(envelope.sender)),
      clientIp: envelope.clientIp,
    });
    return decideSender(rows, envelope);
  }

  /** Which rule decides for a sender and/or a client address, as the mail server will. */
  async decide(
    ctx: RequestContext,
    address: string,
    query: SenderDecisionQueryDto,
  ): Promise<SenderDecisionResponseDto> {
    const target = await this.ofMailbox(ctx, address);
    if (query.sender === undefined && query.clientIp === undefined) {
      throw ValidationError.field('sender', 'senderOrClientIp', 'Give sender, clientIp or both.');
    }
    const sender = query.sender === undefined ? null : normaliseSender(query.sender);
    if (sender === undefined)
      throw ValidationError.field('sender', 'isMailAddress', 'sender must be a mail address.');
    const clientIp = query.clientIp === undefined ? null : normaliseClientAddress(query.clientIp);
    if (clientIp === undefined)
      throw ValidationError.field('clientIp', 'isIp', 'clientIp must be one IPv4 or IPv6 address.');
    const list = target.list;
    if (list.level !== 'mailbox') throw new Error('a decision is made for a mailbox');
    const { verdict, rule } = await this.decideFor(
      { id: list.mailboxId, domainId: list.domainId },
      { sender, clientIp },
    );
    const shown = rule !== null && (rule.level !== 'global' || readsGlobal(ctx.principal));
    return {
      verdict,
      level: rule?.level ?? null,
      rule: shown ? toSenderRuleResponse(rule) : null,
    };
  }
}
