import { Injectable } from '@nestjs/common';
import type { SendCheckCode } from '#contracts';
import type { RequestContext } from '../../common/auth/principal.js';
import { NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { domainOf } from '../../common/validators/address.js';
import { Clock } from '../../infra/clock/clock.js';
import type { PostfixLookup } from '../daemon-config/daemon-config.render.js';
import type { MailboxEntity } from '../mailboxes/mailbox.entity.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import { normaliseSender } from '../spam/sender-match.js';
import { SenderRulesService } from '../spam/sender-rules.service.js';
import { DiagnosticsRepository } from './diagnostics.repository.js';
import type { SendCheckDto, SendCheckResponseDto } from './dto/send-check.dto.js';
import { PostfixLookupsRepository } from './postfix-lookups.repository.js';
import { describeSendCheck, type SendCheckParams } from './send-check-messages.js';

/** Postfix's virtual_alias_maps, in main.cf's order. */
const ALIAS_TABLES: readonly PostfixLookup[] = [
  'virtual-alias-maps',
  'alias-domain-maps',
  'alias-domain-catchall-maps',
];
const SENDER_TABLES: readonly PostfixLookup[] = [
  'sender-login-maps',
  'alias-domain-sender-login-maps',
];
/** Far below Postfix's own limits (1000): a loop is what this catches. */
const MAX_EXPANSION_DEPTH = 10;
const MAX_EXPANDED = 100;

export interface SendVerdict {
  accepted: boolean;
  code: SendCheckCode;
  params: SendCheckParams;
}

/**
 * The keys Postfix looks an address up by (virtual(5), with recipient_delimiter `+`):
 * the address, the address without its extension, then `@domain`.
 */
export function lookupKeys(address: string): string[] {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  const keys = [address];
  if (plus > 0) keys.push(`${local.slice(0, plus)}@${domain}`);
  keys.push(`@${domain}`);
  return keys;
}

/**
 * "Would this message go through?", answered from the tables the mail server reads, in
 * the order it applies its rules. Mail to the mailbox itself is mail from the Internet
 * (port 25, no login); any other message is one the mailbox sends through submission
 * (port 587, signed in as the mailbox). What happens after Postfix took the message
 * (sender rules, the recipient's quota) is told for recipients within the caller's reach.
 */
@Injectable()
export class SendCheckService {
  constructor(
    private readonly lookups: PostfixLookupsRepository,
    private readonly state: DiagnosticsRepository,
    private readonly mailboxes: MailboxesService,
    private readonly senderRules: SenderRulesService,
    private readonly clock: Clock,
  ) {}

  async check(
    ctx: RequestContext,
    address: string,
    dto: SendCheckDto,
    locale: Locale,
  ): Promise<SendCheckResponseDto> {
    const mailbox = await this.mailboxes.require(ctx, address);
    const from = ['', '<>'].includes(dto.from) ? null : normaliseSender(dto.from);
    if (from === undefined)
      throw ValidationError.field(
        'from',
        'isMailAddress',
        'from must be a mail address, or "" for <>.',
      );
    const to = normaliseSender(dto.to);
    if (to === undefined)
      throw ValidationError.field('to', 'isMailAddress', 'to must be a mail address.');
    const verdict = await this.decide(ctx, mailbox, from, to);
    return {
      accepted: verdict.accepted,
      code: verdict.code,
      message: describeSendCheck(verdict.code, verdict.params, locale),
    };
  }

  private async decide(
    ctx: RequestContext,
    mailbox: MailboxEntity,
    from: string | null,
    to: string,
  ): Promise<SendVerdict> {
    const inbound = lookupKeys(to).slice(0, -1).includes(mailbox.address);
    const params: SendCheckParams = { mailbox: mailbox.address, from: from ?? '<>', to };
    const refuse = (code: SendCheckCode, extra: SendCheckParams = {}): SendVerdict => ({
      accepted: false,
      code,
      params: { ...params, ...extra },
    });
    if (!inbound) {
      const refusal = await this.submissionRefusal(mailbox, from);
      if (refusal !== undefined) return refuse(refusal.code, refusal.params);
    } else if (from !== null && (await this.globallyRefused(from))) {
      // Port 25's sender restrictions come before its recipient checks (ADR 0013).
      return refuse('sender-blocked', { recipient: to, level: 'global' });
    }
    const hosted = (await this.lookups.lookup('virtual-mailbox-domains', domainOf(to))).length > 0;
    if (!hosted) return { accepted: true, code: 'accepted-relay', params };
    if (!(await this.listed(to))) return refuse('recipient-unknown');
    for (const target of await this.finalMailboxes(ctx, to)) {
      const decision = await this.senderRules.decideFor(target, { sender: from, clientIp: null });
      if (decision.verdict === 'block')
        return refuse('sender-blocked', {
          recipient: target.address,
          level: decision.rule?.level ?? '',
        });
      const usage = await this.lookups.userdb(target.address);
      if (usage !== undefined && usage.limitBytes !== null && usage.usedBytes >= usage.limitBytes)
        return refuse('recipient-quota-full', { recipient: target.address });
    }
    return { accepted: true, code: 'accepted', params };
  }

  /** Submission: Dovecot's login, then Postfix's sender restrictions (master.cf). */
  private async submissionRefusal(
    mailbox: MailboxEntity,
    from: string | null,
  ): Promise<{ code: SendCheckCode; params: SendCheckParams } | undefined> {
    const now = this.clock.now();
    const state = await this.state.mailboxState(mailbox.id, now);
    if (state?.lockedUntil != null)
      return { code: 'account-locked', params: { until: state.lockedUntil.toISOString() } };
    if (!(await this.lookups.canLogIn(mailbox.address, 'smtp', now))) {
      const reason =
        state === undefined || !state.domainActive
          ? 'domain'
          : !state.active
            ? 'mailbox'
            : !state.smtpEnabled
              ? 'smtp'
              : 'app-password';
      return { code: 'login-refused', params: { reason } };
    }
    // reject_sender_login_mismatch skips <>, which the access table after it refuses.
    if (from === null) return { code: 'empty-sender', params: {} };
    const owners = await this.firstHit(SENDER_TABLES, from);
    if (!owners.includes(mailbox.address)) return { code: 'sender-not-owned', params: {} };
    return undefined;
  }

  /**
   * Port 25's check_sender_access lists (ADR 0013): an allow anywhere ends them (OK),
   * else a global block of the sender, its domain or a parent refuses (554). Keys as
   * Postfix walks them: the address, its domain, each parent, then `user@`.
   */
  private async globallyRefused(sender: string): Promise<boolean> {
    const at = sender.lastIndexOf('@');
    const labels = sender.slice(at + 1).split('.');
    const keys = [
      sender,
      labels.join('.'),
      ...labels.slice(1).map((_, i) => `.${labels.slice(i + 1).join('.')}`),
      sender.slice(0, at + 1),
    ];
    for (const table of ['sender-access-overrides', 'sender-access-blocks'] as const) {
      for (const key of keys) {
        if ((await this.lookups.lookup(table, key)).length > 0)
          return table === 'sender-access-blocks';
      }
    }
    return false;
  }

  /** The first table to answer for the first key that gets an answer, as Postfix reads a list of maps. */
  private async firstHit(tables: readonly PostfixLookup[], address: string): Promise<string[]> {
    for (const key of lookupKeys(address)) {
      for (const table of tables) {
        const result = await this.lookups.lookup(table, key);
        if (result.length > 0) return result;
      }
    }
    return [];
  }

  /** smtpd_reject_unlisted_recipient: known to virtual_alias_maps or virtual_mailbox_maps. */
  private async listed(address: string): Promise<boolean> {
    if ((await this.firstHit(ALIAS_TABLES, address)).length > 0) return true;
    return (await this.firstHit(['virtual-mailbox-maps'], address)).length > 0;
  }

  /**
   * The mailboxes a message to `address` ends in, after virtual alias expansion (an
   * address mapped to itself is final), limited to those the caller may see.
   */
  private async finalMailboxes(ctx: RequestContext, address: string): Promise<MailboxEntity[]> {
    const finals = new Set<string>();
    const seen = new Set<string>();
    let frontier = [address];
    for (let depth = 0; depth < MAX_EXPANSION_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const current of frontier) {
        if (seen.has(current) || seen.size >= MAX_EXPANDED) continue;
        seen.add(current);
        const expanded = await this.firstHit(ALIAS_TABLES, current);
        if (expanded.length === 0 || expanded.includes(current)) finals.add(current);
        next.push(...expanded.filter((destination) => destination !== current));
      }
      frontier = next;
    }
    const found: MailboxEntity[] = [];
    for (const final of finals) {
      if ((await this.lookups.lookup('virtual-mailbox-maps', final)).length === 0) continue;
      try {
        found.push(await this.mailboxes.require(ctx, final));
      } catch (error) {
        // Outside the caller's reach: Postfix's answer is all it may learn.
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return found;
  }
}
