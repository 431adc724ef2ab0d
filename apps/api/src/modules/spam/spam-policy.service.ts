import { Injectable } from '@nestjs/common';
import {
  resolveSpamPolicy,
  SPAM_POLICY_DEFAULTS,
  type ResolvedSpamPolicy,
  type SpamPolicyLayer,
  type SpamPolicyValues,
} from '#contracts';
import type { RequestContext } from '../../common/auth/principal.js';
import { UnprocessableError } from '../../common/errors/app-error.js';
import { assertVersion, type Versioned } from '../../common/http/etag.js';
import { domainOf } from '../../common/validators/address.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainsService } from '../domains/domains.service.js';
import { UserProfilesService } from '../identities/user-profiles.service.js';
import { MailboxesService } from '../mailboxes/mailboxes.service.js';
import type {
  MySpamPolicyDto,
  SpamPolicyDto,
  SpamPolicyLayerDto,
  SpamPolicyResponseDto,
} from './dto/spam-policy.dto.js';
import { thresholdOrderErrors, userCeilingErrors } from './spam-policy-rules.js';
import type { SpamPolicyEntity } from './spam-policy.entity.js';
import { SpamPolicyRepository } from './spam-policy.repository.js';

const EMPTY: SpamPolicyLayer = {
  enabled: null,
  addHeaderScore: null,
  junkScore: null,
  rejectScore: null,
  junkFolder: null,
  virusAction: null,
};

function layerOf(row: SpamPolicyEntity | null): SpamPolicyLayer {
  if (row === null) return EMPTY;
  return {
    enabled: row.enabled,
    addHeaderScore: row.addHeaderScore,
    junkScore: row.junkScore,
    rejectScore: row.rejectScore,
    junkFolder: row.junkFolder,
    virusAction: row.virusAction,
  };
}

/** A PUT body: every own field, absent meaning null (inherit). */
function layerFrom(dto: SpamPolicyDto): SpamPolicyLayer {
  return {
    enabled: dto.enabled ?? null,
    addHeaderScore: dto.addHeaderScore ?? null,
    junkScore: dto.junkScore ?? null,
    rejectScore: dto.rejectScore ?? null,
    junkFolder: dto.junkFolder ?? null,
    virusAction: dto.virusAction ?? null,
  };
}

/** A mailbox (where the policy is its overrides) and the domain it inherits from. */
interface MailboxTarget {
  id: string;
  address: string;
  domainId: string;
  domainName: string;
}

function outOfOrder(errors: ReturnType<typeof thresholdOrderErrors>): UnprocessableError {
  return new UnprocessableError(
    'SPAM_THRESHOLDS_OUT_OF_ORDER',
    errors[0]?.message ?? 'The thresholds are out of order.',
    errors,
  );
}

/**
 * Spam policy: the domain's, and each mailbox's overrides of it (null inherits). Every
 * write in a domain takes the domain's row lock first, so the order of the thresholds
 * holds on the effective values whatever runs at the same time.
 */
@Injectable()
export class SpamPolicyService {
  constructor(
    private readonly db: Database,
    private readonly policies: SpamPolicyRepository,
    private readonly domains: DomainsService,
    private readonly mailboxes: MailboxesService,
    private readonly profiles: UserProfilesService,
    private readonly audit: AuditService,
  ) {}

  /** The policy in force for a mailbox the caller already reached. */
  async resolvedFor(mailbox: { id: string; domainId: string }): Promise<ResolvedSpamPolicy> {
    const [domainRow, row] = await Promise.all([
      this.policies.find({ domainId: mailbox.domainId }),
      this.policies.find({ mailboxId: mailbox.id }),
    ]);
    return resolveSpamPolicy(layerOf(domainRow), layerOf(row));
  }

  async getForDomain(ctx: RequestContext, name: string): Promise<Versioned<SpamPolicyResponseDto>> {
    const domain = await this.domains.require(ctx, name);
    const row = await this.policies.find({ domainId: domain.id });
    return { body: present(layerOf(row), null), version: row?.version ?? 0 };
  }

  async putForDomain(
    ctx: RequestContext,
    name: string,
    dto: SpamPolicyDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<SpamPolicyResponseDto>> {
    return this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      const row = await this.policies.find({ domainId: domain.id });
      assertVersion(expectedVersion, row?.version ?? 0);
      const own = layerFrom(dto);
      const { effective } = resolveSpamPolicy(own, null);
      const errors = thresholdOrderErrors(effective, own);
      if (errors.length > 0) throw outOfOrder(errors);
      const broken = await this.policies.countOverridesOutOfOrder(domain.id, effective);
      if (broken > 0) {
        throw new UnprocessableError(
          'SPAM_THRESHOLDS_OUT_OF_ORDER',
          `${broken} mailbox(es) of ${name} set thresholds of their own that these would put out of order (spam header ≤ junk folder ≤ reject). Change those first.`,
        );
      }
      const saved = await this.policies.upsert({ domainId: domain.id }, own);
      const body = present(layerOf(saved), null);
      await this.audit.record(ctx, {
        action: 'spam-policy.update',
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
        before: layerOf(row),
        after: body.own,
      });
      return { body, version: saved.version };
    });
  }

  async getForMailbox(
    ctx: RequestContext,
    address: string,
  ): Promise<Versioned<SpamPolicyResponseDto>> {
    return this.describeMailbox(await this.mailboxTarget(ctx, address));
  }

  async putForMailbox(
    ctx: RequestContext,
    address: string,
    dto: SpamPolicyDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<SpamPolicyResponseDto>> {
    const target = await this.mailboxTarget(ctx, address);
    return this.writeMailbox(ctx, target, expectedVersion, () => layerFrom(dto));
  }

  async getMine(ctx: RequestContext): Promise<Versioned<SpamPolicyResponseDto>> {
    return this.describeMailbox(await this.ownTarget(ctx));
  }

  /**
   * A user sets their thresholds and junk folder; whether mail is scored and what
   * happens to viruses stay as their admin set them.
   */
  async putMine(
    ctx: RequestContext,
    dto: MySpamPolicyDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<SpamPolicyResponseDto>> {
    const target = await this.ownTarget(ctx);
    return this.writeMailbox(ctx, target, expectedVersion, (stored, inherited) => {
      const requested = {
        addHeaderScore: dto.addHeaderScore ?? null,
        junkScore: dto.junkScore ?? null,
        rejectScore: dto.rejectScore ?? null,
      };
      const errors = userCeilingErrors(requested, stored, inherited);
      if (errors.length > 0) {
        throw new UnprocessableError(
          'SPAM_THRESHOLD_ABOVE_DOMAIN',
          'A threshold may only be lowered (stricter) below what your domain sets.',
          errors,
        );
      }
      return { ...stored, ...requested, junkFolder: dto.junkFolder ?? null };
    });
  }

  private async writeMailbox(
    ctx: RequestContext,
    target: MailboxTarget,
    expectedVersion: number | undefined,
    next: (stored: SpamPolicyLayer, inherited: SpamPolicyValues) => SpamPolicyLayer,
  ): Promise<Versioned<SpamPolicyResponseDto>> {
    return this.db.transaction(async () => {
      await this.policies.lockDomain(target.domainId);
      const row = await this.policies.find({ mailboxId: target.id });
      assertVersion(expectedVersion, row?.version ?? 0);
      const domainLayer = layerOf(await this.policies.find({ domainId: target.domainId }));
      const stored = layerOf(row);
      const own = next(stored, resolveSpamPolicy(domainLayer, null).effective);
      const errors = thresholdOrderErrors(resolveSpamPolicy(domainLayer, own).effective, own);
      if (errors.length > 0) throw outOfOrder(errors);
      const saved = await this.policies.upsert({ mailboxId: target.id }, own);
      const body = present(domainLayer, layerOf(saved));
      await this.audit.record(ctx, {
        action: 'spam-policy.update',
        targetType: 'mailbox',
        targetId: target.address,
        domain: { id: target.domainId, name: target.domainName },
        before: stored,
        after: body.own,
      });
      return { body, version: saved.version };
    });
  }

  private async describeMailbox(target: MailboxTarget): Promise<Versioned<SpamPolicyResponseDto>> {
    const [domainRow, row] = await Promise.all([
      this.policies.find({ domainId: target.domainId }),
      this.policies.find({ mailboxId: target.id }),
    ]);
    return { body: present(layerOf(domainRow), layerOf(row)), version: row?.version ?? 0 };
  }

  private async mailboxTarget(ctx: RequestContext, address: string): Promise<MailboxTarget> {
    const mailbox = await this.mailboxes.require(ctx, address);
    return {
      id: mailbox.id,
      address: mailbox.address,
      domainId: mailbox.domainId,
      domainName: domainOf(mailbox.address),
    };
  }

  private ownTarget(ctx: RequestContext): Promise<MailboxTarget> {
    return this.profiles.ownMailbox(ctx.principal, 'Spam settings');
  }
}

/**
 * The answer for a domain (`mailbox` null: its own layer is the domain's) or a mailbox
 * (its own layer over the domain's).
 */
function present(domain: SpamPolicyLayer, mailbox: SpamPolicyLayer | null): SpamPolicyResponseDto {
  const resolved = resolveSpamPolicy(domain, mailbox);
  const inherited =
    mailbox === null ? { ...SPAM_POLICY_DEFAULTS } : resolveSpamPolicy(domain, null).effective;
  const own: SpamPolicyLayerDto = { ...(mailbox ?? domain) };
  return { own, effective: resolved.effective, sources: resolved.sources, inherited };
}
