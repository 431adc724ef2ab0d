import { Injectable } from '@nestjs/common';
import { API_TOKEN_PREFIX, impliedScopes } from '#contracts';
import {
  intersectScopes,
  reachOf,
  type Principal,
  type RequestContext,
} from '../../common/auth/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { Database } from '../../infra/database/database.js';
import { randomToken, sha256Hex } from '../../infra/crypto/random-secrets.js';
import { Clock } from '../../infra/clock/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { IdentitiesRepository } from '../identities/identities.repository.js';
import { roleRights } from '../identities/principal.factory.js';
import { ApiTokensRepository, type TokenListRow } from './api-tokens.repository.js';
import type {
  ApiTokenResponseDto,
  CreatedApiTokenResponseDto,
} from './dto/api-token-response.dto.js';
import type { CreateApiTokenDto } from './dto/create-api-token.dto.js';

const HINT_LENGTH = API_TOKEN_PREFIX.length + 8;

export function tokenNotFound(id: string): NotFoundError {
  return new NotFoundError('API_TOKEN_NOT_FOUND', `No API token ${id}.`);
}

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly db: Database,
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditService,
    private readonly identities: IdentitiesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Resolves a bearer token to the principal it acts as: its owner's current rights,
   * narrowed to the token's scopes and domains. Undefined for anything not valid now.
   */
  async authenticate(rawToken: string): Promise<Principal | undefined> {
    if (!rawToken.startsWith(API_TOKEN_PREFIX) || rawToken.length > 200) return undefined;
    const now = this.clock.now();
    const token = await this.tokens.findByHash(sha256Hex(rawToken));
    if (token === undefined || (token.expiresAt !== null && token.expiresAt <= now))
      return undefined;
    const owner = await this.identities.findAdminAccount(token.ownerId);
    if (owner?.role?.active !== true) return undefined;
    await this.tokens.touch(token.id, now);

    const rights = roleRights(owner);
    const granted = new Set(token.scopes.flatMap(impliedScopes));
    return {
      subject: owner.subject,
      email: owner.email,
      adminAccountId: token.ownerId,
      role: owner.role.role,
      via: 'token',
      tokenId: token.id,
      restriction: undefined,
      permissions: new Set([...granted].filter((scope) => rights.permissions.has(scope))),
      domainScope: token.allDomains
        ? rights.domainScope
        : intersectScopes(rights.domainScope, { kind: 'some', domainIds: token.domainIds }),
    };
  }

  async create(ctx: RequestContext, dto: CreateApiTokenDto): Promise<CreatedApiTokenResponseDto> {
    const { principal } = ctx;
    this.assertSession(principal);
    const ownerId = principal.adminAccountId;
    if (ownerId === undefined) {
      throw new ForbiddenError('FORBIDDEN', 'Only administrators can create API tokens.');
    }
    const notGrantable = dto.scopes.filter((scope) => !principal.permissions.has(scope));
    if (notGrantable.length > 0) {
      // The request is well formed; the caller's own rights are what stand in the way.
      throw new ForbiddenError(
        'SCOPE_NOT_GRANTABLE',
        `You cannot grant ${notGrantable.join(', ')}: you do not hold it yourself.`,
      );
    }
    if (dto.expiresAt !== undefined && dto.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw ValidationError.field('expiresAt', 'inThePast', 'expiresAt must be in the future');
    }
    const domainIds = await this.resolveDomains(principal, dto.domains);

    const token = API_TOKEN_PREFIX + randomToken(32);
    return this.db.transaction(async () => {
      const created = await this.tokens.insert(
        {
          name: dto.name,
          tokenHash: sha256Hex(token),
          tokenHint: token.slice(0, HINT_LENGTH),
          ownerId,
          scopes: dto.scopes,
          allDomains: domainIds === undefined,
          expiresAt: dto.expiresAt ?? null,
        },
        domainIds ?? [],
      );
      const body = toApiTokenResponse({ ...created, domainNames: dto.domains ?? [] });
      await this.audit.record(ctx, {
        action: 'api-token.create',
        targetType: 'api-token',
        targetId: created.id,
        after: body,
      });
      return { ...body, token };
    });
  }

  /** A superadmin's session sees every token, an admin's its own; a token sees only itself. */
  async list(ctx: RequestContext): Promise<ApiTokenResponseDto[]> {
    const rows = await this.tokens.list(this.visibleOwners(ctx.principal));
    const { tokenId } = ctx.principal;
    return rows
      .filter((row) => tokenId === undefined || row.id === tokenId)
      .map(toApiTokenResponse);
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    this.assertSession(ctx.principal);
    await this.db.transaction(async () => {
      const token = await this.tokens.findOwned(id, this.visibleOwners(ctx.principal));
      if (token === null) throw tokenNotFound(id);
      await this.tokens.delete(token.id);
      await this.audit.record(ctx, {
        action: 'api-token.delete',
        targetType: 'api-token',
        targetId: token.id,
        before: { name: token.name, ownerId: token.ownerId, scopes: token.scopes },
      });
    });
  }

  /** Administrators of all domains see and revoke every token; everyone else only their own. */
  private visibleOwners(principal: Principal): string[] | undefined {
    if (principal.domainScope.kind === 'all') return undefined;
    return principal.adminAccountId === undefined ? [] : [principal.adminAccountId];
  }

  /** Tokens are managed from a signed-in session: a token cannot mint or revoke tokens. */
  private assertSession(principal: Principal): void {
    if (principal.via !== 'session') {
      throw new ForbiddenError(
        'FORBIDDEN',
        'API tokens are managed from a signed-in session, not with a token.',
      );
    }
  }

  private async resolveDomains(
    principal: Principal,
    names: string[] | undefined,
  ): Promise<string[] | undefined> {
    if (names === undefined)
      return principal.domainScope.kind === 'all'
        ? undefined
        : [...principal.domainScope.domainIds];
    const found = await this.tokens.domainIdsByName(reachOf(principal), names);
    const errors = names
      .map((name, index) => ({ name, index }))
      .filter(({ name }) => !found.has(name))
      .map(({ name, index }) => ({
        field: `domains.${index}`,
        code: 'unknownDomain',
        message: `No domain ${name} that you can reach.`,
      }));
    if (errors.length > 0) throw new ValidationError(errors);
    return names.map((name) => found.get(name) as string);
  }
}

export function toApiTokenResponse(row: TokenListRow): ApiTokenResponseDto {
  return {
    id: row.id,
    name: row.name,
    tokenHint: row.tokenHint,
    scopes: row.scopes,
    domains: row.allDomains ? null : row.domainNames,
    ownerId: row.ownerId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
