import { Inject, Injectable } from '@nestjs/common';
import { reachOf, type RequestContext } from '../../common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.js';
import { assertVersion, type Versioned } from '../../common/http/etag.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Database } from '../../infra/database/database.js';
import { Clock } from '../../infra/clock/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import type { DomainEntity } from './domain.entity.js';
import { quotaSettingsOf, toDomainResponse } from './domain.mapper.js';
import { defaultMailboxQuota, domainPolicyErrors, domainQuotaErrors } from './domain-rules.js';
import { DomainsRepository, type DomainChanges } from './domains.repository.js';
import type { CreateDomainDto } from './dto/create-domain.dto.js';
import type { DomainResponseDto } from './dto/domain-response.dto.js';
import { DOMAIN_CURSOR, type ListDomainsQueryDto } from './dto/list-domains-query.dto.js';
import type { UpdateDomainDto } from './dto/update-domain.dto.js';

export function domainNotFound(name: string): NotFoundError {
  return new NotFoundError('DOMAIN_NOT_FOUND', `No domain ${name}.`);
}

@Injectable()
export class DomainsService {
  constructor(
    private readonly db: Database,
    private readonly domains: DomainsRepository,
    private readonly audit: AuditService,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  present(domain: DomainEntity): DomainResponseDto {
    return toDomainResponse(domain, this.passwordPolicy.policyFor(domain));
  }

  async list(ctx: RequestContext, query: ListDomainsQueryDto): Promise<Page<DomainResponseDto>> {
    const rows = await this.domains.list(reachOf(ctx.principal), {
      limit: query.limit,
      sort: query.sort,
      q: query.q,
      after:
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, query.sort, DOMAIN_CURSOR),
    });
    return toPage(
      rows,
      query.limit,
      (row) => this.present(row),
      (row) => ({
        sort: query.sort,
        value: query.sort.endsWith('createdAt') ? row.createdAt.toISOString() : row.name,
        id: row.id,
      }),
    );
  }

  async get(ctx: RequestContext, name: string): Promise<Versioned<DomainResponseDto>> {
    const domain = await this.domains.findByName(reachOf(ctx.principal), name);
    if (domain === null) throw domainNotFound(name);
    return { body: this.present(domain), version: domain.version };
  }

  /** Resolves a domain the principal can reach, or fails with 404 whether it exists or not. */
  async require(ctx: RequestContext, name: string): Promise<DomainEntity> {
    const domain = await this.domains.findByName(reachOf(ctx.principal), name);
    if (domain === null) throw domainNotFound(name);
    return domain;
  }

  /** As `require`, and locks the row for the rest of the transaction. */
  async requireForUpdate(ctx: RequestContext, name: string): Promise<DomainEntity> {
    const domain = await this.domains.findByNameForUpdate(reachOf(ctx.principal), name);
    if (domain === null) throw domainNotFound(name);
    return domain;
  }

  async create(ctx: RequestContext, dto: CreateDomainDto): Promise<Versioned<DomainResponseDto>> {
    if (ctx.principal.domainScope.kind !== 'all') {
      throw new ForbiddenError(
        'FORBIDDEN',
        'Only an administrator of all domains can create domains.',
      );
    }
    const limits = { maxQuotaBytes: dto.maxQuotaBytes ?? 0, quotaBytes: dto.quotaBytes ?? 0 };
    const settings = {
      ...limits,
      defaultQuotaBytes:
        dto.defaultQuotaBytes ?? defaultMailboxQuota(this.config.defaultMailboxQuotaBytes, limits),
    };
    const twoFactorPolicy = dto.twoFactorPolicy ?? 'optional';
    const passwordMinLength = dto.passwordMinLength ?? null;
    const errors = [
      ...domainQuotaErrors(settings),
      ...domainPolicyErrors({ passwordMinLength, twoFactorPolicy }),
    ];
    if (errors.length > 0) throw new ValidationError(errors);

    return this.db.transaction(async () => {
      await this.domains.lockName(dto.name);
      if (await this.domains.isNameTaken(dto.name)) {
        throw new ConflictError(
          'DOMAIN_EXISTS',
          `${dto.name} is already a domain or an alias domain.`,
        );
      }
      const domain = await this.domains.insert({
        name: dto.name,
        description: dto.description ?? '',
        active: dto.active ?? true,
        maxMailboxes: dto.maxMailboxes ?? 0,
        maxAliases: dto.maxAliases ?? 0,
        defaultQuotaBytes: String(settings.defaultQuotaBytes),
        maxQuotaBytes: String(settings.maxQuotaBytes),
        quotaBytes: String(settings.quotaBytes),
        passwordMinLength,
        passwordMinScore: dto.passwordMinScore ?? null,
        twoFactorPolicy,
        twoFactorGraceDays: dto.twoFactorGraceDays ?? 7,
        twoFactorRequiredSince: twoFactorPolicy === 'required' ? this.clock.now() : null,
        mailHostname: dto.mailHostname ?? null,
        language: dto.language ?? null,
      });
      const body = this.present(domain);
      await this.audit.record(ctx, {
        action: 'domain.create',
        targetType: 'domain',
        targetId: domain.name,
        domain,
        after: body,
      });
      return { body, version: domain.version };
    });
  }

  async update(
    ctx: RequestContext,
    name: string,
    dto: UpdateDomainDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<DomainResponseDto>> {
    return this.db.transaction(async () => {
      const domain = await this.requireForUpdate(ctx, name);
      assertVersion(expectedVersion, domain.version);
      this.assertMayChangeLimits(ctx, dto);
      const current = quotaSettingsOf(domain);
      const next = {
        defaultQuotaBytes: dto.defaultQuotaBytes ?? current.defaultQuotaBytes,
        maxQuotaBytes: dto.maxQuotaBytes ?? current.maxQuotaBytes,
        quotaBytes: dto.quotaBytes ?? current.quotaBytes,
      };
      const twoFactorPolicy = dto.twoFactorPolicy ?? domain.twoFactorPolicy;
      const passwordMinLength =
        dto.passwordMinLength === undefined ? domain.passwordMinLength : dto.passwordMinLength;
      const errors = [
        ...domainQuotaErrors(next),
        ...domainPolicyErrors({ passwordMinLength, twoFactorPolicy }),
      ];
      if (errors.length > 0) throw new ValidationError(errors);
      await this.assertLimitsCoverUsage(domain, dto, next.maxQuotaBytes);
      const becomesRequired =
        twoFactorPolicy === 'required' && domain.twoFactorPolicy !== 'required';

      const changes: DomainChanges = {
        description: dto.description,
        active: dto.active,
        maxMailboxes: dto.maxMailboxes,
        maxAliases: dto.maxAliases,
        defaultQuotaBytes:
          dto.defaultQuotaBytes === undefined ? undefined : String(dto.defaultQuotaBytes),
        maxQuotaBytes: dto.maxQuotaBytes === undefined ? undefined : String(dto.maxQuotaBytes),
        quotaBytes: dto.quotaBytes === undefined ? undefined : String(dto.quotaBytes),
        passwordMinLength: dto.passwordMinLength,
        passwordMinScore: dto.passwordMinScore,
        twoFactorPolicy: dto.twoFactorPolicy,
        twoFactorGraceDays: dto.twoFactorGraceDays,
        mailHostname: dto.mailHostname,
        language: dto.language,
        twoFactorRequiredSince: becomesRequired
          ? this.clock.now()
          : twoFactorPolicy === 'required'
            ? undefined
            : null,
      };
      const updated = await this.domains.update(domain.id, dropUndefined(changes));
      const body = this.present(updated);
      await this.audit.record(ctx, {
        action: 'domain.update',
        targetType: 'domain',
        targetId: domain.name,
        domain,
        before: this.present(domain),
        after: body,
      });
      return { body, version: updated.version };
    });
  }

  async delete(
    ctx: RequestContext,
    name: string,
    force: boolean,
    expectedVersion: number | undefined,
  ): Promise<void> {
    if (ctx.principal.domainScope.kind !== 'all') {
      throw new ForbiddenError(
        'FORBIDDEN',
        'Only an administrator of all domains can delete domains.',
      );
    }
    await this.db.transaction(async () => {
      const domain = await this.requireForUpdate(ctx, name);
      assertVersion(expectedVersion, domain.version);
      if (!force && domain.mailboxCount > 0) {
        throw new ConflictError(
          'DOMAIN_NOT_EMPTY',
          `${name} still has ${domain.mailboxCount} mailbox(es). Delete them first, or pass force=true to delete the domain with everything in it.`,
        );
      }
      await this.domains.delete(domain.id);
      await this.audit.record(ctx, {
        action: 'domain.delete',
        targetType: 'domain',
        targetId: domain.name,
        domain,
        before: { ...this.present(domain), force },
      });
    });
  }

  /** Limits and quotas are the superadmin's resource decisions; a domain admin manages the rest. */
  private assertMayChangeLimits(ctx: RequestContext, dto: UpdateDomainDto): void {
    const limits = [
      dto.maxMailboxes,
      dto.maxAliases,
      dto.defaultQuotaBytes,
      dto.maxQuotaBytes,
      dto.quotaBytes,
    ];
    if (ctx.principal.domainScope.kind !== 'all' && limits.some((value) => value !== undefined)) {
      throw new ForbiddenError(
        'FORBIDDEN',
        'Only an administrator of all domains changes limits and quotas.',
      );
    }
  }

  private async assertLimitsCoverUsage(
    domain: DomainEntity,
    dto: UpdateDomainDto,
    maxQuotaBytes: number,
  ): Promise<void> {
    const below = (limit: number | undefined, count: number): boolean =>
      limit !== undefined && limit > 0 && limit < count;
    if (below(dto.maxMailboxes, domain.mailboxCount)) {
      throw new ConflictError(
        'DOMAIN_LIMIT_BELOW_USAGE',
        `maxMailboxes ${dto.maxMailboxes} is below the ${domain.mailboxCount} mailboxes the domain has.`,
      );
    }
    if (below(dto.maxAliases, domain.aliasCount)) {
      throw new ConflictError(
        'DOMAIN_LIMIT_BELOW_USAGE',
        `maxAliases ${dto.maxAliases} is below the ${domain.aliasCount} aliases the domain has.`,
      );
    }
    if (dto.maxQuotaBytes !== undefined && maxQuotaBytes > 0) {
      const { largest, anyUnlimited } = await this.domains.mailboxQuotaExtremes(domain.id);
      if (anyUnlimited || largest > maxQuotaBytes) {
        throw new ConflictError(
          'DOMAIN_LIMIT_BELOW_USAGE',
          'maxQuotaBytes is below the quota of existing mailboxes; lower their quotas first.',
        );
      }
    }
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
