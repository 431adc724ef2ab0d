import { Injectable } from '@nestjs/common';
import { reachOf, type RequestContext } from '../../common/auth/principal.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import { toUnicodeDomain } from '../../common/validators/domain-name.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import { DomainsService } from '../domains/domains.service.js';
import { AliasDomainsRepository, type AliasDomainRow } from './alias-domains.repository.js';
import type { AliasDomainResponseDto } from './dto/alias-domain-response.dto.js';
import type { CreateAliasDomainDto } from './dto/create-alias-domain.dto.js';
import {
  ALIAS_DOMAIN_CURSOR,
  type ListAliasDomainsQueryDto,
} from './dto/list-alias-domains-query.dto.js';

function aliasDomainNotFound(name: string): NotFoundError {
  return new NotFoundError('ALIAS_DOMAIN_NOT_FOUND', `No alias domain ${name}.`);
}

/**
 * An alias domain routes a whole domain name to an existing domain. Because it
 * decides where mail for a name goes on this server, only administrators of all
 * domains may add or remove one; domain admins can see those of their domains.
 */
@Injectable()
export class AliasDomainsService {
  constructor(
    private readonly db: Database,
    private readonly aliasDomains: AliasDomainsRepository,
    private readonly domainNames: DomainsRepository,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
  ) {}

  async list(
    ctx: RequestContext,
    query: ListAliasDomainsQueryDto,
  ): Promise<Page<AliasDomainResponseDto>> {
    const reach = reachOf(ctx.principal);
    const target =
      query.targetDomain === undefined
        ? undefined
        : await this.domains.require(ctx, query.targetDomain);
    const rows = await this.aliasDomains.list(reach, {
      limit: query.limit,
      sort: query.sort,
      q: query.q,
      targetDomainId: target?.id,
      after:
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, query.sort, ALIAS_DOMAIN_CURSOR),
    });
    return toPage(rows, query.limit, toAliasDomainResponse, (row) => ({
      sort: query.sort,
      value: row.name,
      id: row.id,
    }));
  }

  async get(ctx: RequestContext, name: string): Promise<AliasDomainResponseDto> {
    const row = await this.aliasDomains.find(reachOf(ctx.principal), name);
    if (row === undefined) throw aliasDomainNotFound(name);
    return toAliasDomainResponse(row);
  }

  async create(ctx: RequestContext, dto: CreateAliasDomainDto): Promise<AliasDomainResponseDto> {
    this.assertAllDomains(ctx);
    return this.db.transaction(async () => {
      const target = await this.domains.requireForUpdate(ctx, dto.targetDomain);
      await this.domainNames.lockName(dto.name);
      if (await this.domainNames.isNameTaken(dto.name)) {
        throw new ConflictError(
          'ALIAS_DOMAIN_EXISTS',
          `${dto.name} is already a domain or an alias domain.`,
        );
      }
      await this.aliasDomains.insert({ name: dto.name, targetDomainId: target.id });
      const row = await this.aliasDomains.find(reachOf(ctx.principal), dto.name);
      const body = toAliasDomainResponse(row as AliasDomainRow);
      await this.audit.record(ctx, {
        action: 'alias-domain.create',
        targetType: 'alias-domain',
        targetId: dto.name,
        domain: target,
        after: body,
      });
      return body;
    });
  }

  async delete(ctx: RequestContext, name: string): Promise<void> {
    this.assertAllDomains(ctx);
    await this.db.transaction(async () => {
      const row = await this.aliasDomains.find(reachOf(ctx.principal), name);
      if (row === undefined) throw aliasDomainNotFound(name);
      await this.aliasDomains.delete(row.id);
      await this.audit.record(ctx, {
        action: 'alias-domain.delete',
        targetType: 'alias-domain',
        targetId: name,
        domain: { id: row.targetDomainId, name: row.targetDomain },
        before: toAliasDomainResponse(row),
      });
    });
  }

  private assertAllDomains(ctx: RequestContext): void {
    if (ctx.principal.domainScope.kind !== 'all') {
      throw new ForbiddenError(
        'FORBIDDEN',
        'Only an administrator of all domains can add or remove alias domains.',
      );
    }
  }
}

function toAliasDomainResponse(row: AliasDomainRow): AliasDomainResponseDto {
  return {
    name: row.name,
    unicodeName: toUnicodeDomain(row.name),
    targetDomain: row.targetDomain,
    active: row.active,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
