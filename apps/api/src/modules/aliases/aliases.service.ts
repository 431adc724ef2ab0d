import { Injectable } from '@nestjs/common';
import { reachOf, type RequestContext } from '../../common/auth/principal.js';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { assertVersion, type Versioned } from '../../common/http/etag.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import { domainOf, normaliseLocalPart, parseAddress } from '../../common/validators/address.js';
import { toAsciiDomain } from '../../common/validators/domain-name.js';
import { assertHostedLocalPart } from '../../common/validators/local-part.js';
import { Database } from '../../infra/database/database.js';
import { isUniqueViolation } from '../../infra/database/pg-errors.js';
import { mailboxNotFound } from '../addresses/address-errors.js';
import { AddressesRepository } from '../addresses/addresses.repository.js';
import { assertNotSelf } from '../addresses/self-reference.js';
import {
  assertDestinationsKnown,
  type DestinationsField,
} from '../addresses/unknown-destinations.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainsService } from '../domains/domains.service.js';
import type { AliasEntity } from './alias.entity.js';
import { toAliasResponse } from './alias.mapper.js';
import { AliasesRepository } from './aliases.repository.js';
import type { AliasResponseDto } from './dto/alias-response.dto.js';
import type { CreateAliasDto } from './dto/create-alias.dto.js';
import { ALIAS_CURSOR, type ListAliasesQueryDto } from './dto/list-aliases-query.dto.js';
import type { UpdateAliasDto } from './dto/update-alias.dto.js';

export function aliasNotFound(address: string): NotFoundError {
  return new NotFoundError('ALIAS_NOT_FOUND', `No alias ${address}.`);
}

/** A mailbox's mail is sent on by its own forwarding, never by an alias in its place. */
function addressIsMailbox(address: string): ConflictError {
  return new ConflictError(
    'ADDRESS_IS_MAILBOX',
    `${address} is a mailbox. To send its mail elsewhere, set the mailbox's forwarding (forwardTo, and keepCopy to keep a copy): PATCH /api/v1/mailboxes/${address}.`,
    undefined,
    { forwarding: `/api/v1/mailboxes/${address}` },
  );
}

const ALIAS_DESTINATIONS: DestinationsField = {
  field: 'destinations',
  code: 'ALIAS_DESTINATION_UNKNOWN',
};

function assertNoLoop(address: string, destinations: string[]): void {
  assertNotSelf(address, destinations, 'destinations', 'An alias cannot deliver to itself.');
}

/**
 * Aliases and mailboxes share one address space: an alias is never made at a mailbox's
 * address (that mailbox's forwarding is a setting of its own), and a mailbox is never
 * made where an alias exists.
 */
@Injectable()
export class AliasesService {
  constructor(
    private readonly db: Database,
    private readonly aliases: AliasesRepository,
    private readonly addresses: AddressesRepository,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
  ) {}

  async list(
    ctx: RequestContext,
    domainName: string,
    query: ListAliasesQueryDto,
  ): Promise<Page<AliasResponseDto>> {
    const domain = await this.domains.require(ctx, domainName);
    const rows = await this.aliases.list(reachOf(ctx.principal), domain.id, {
      limit: query.limit,
      sort: query.sort,
      q: query.q,
      catchAll: query.catchAll,
      after:
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, query.sort, ALIAS_CURSOR),
    });
    return toPage(rows, query.limit, toAliasResponse, (row) => ({
      sort: query.sort,
      value: query.sort.endsWith('createdAt') ? row.createdAt.toISOString() : row.address,
      id: row.id,
    }));
  }

  async get(ctx: RequestContext, address: string): Promise<Versioned<AliasResponseDto>> {
    const alias = await this.aliases.find(reachOf(ctx.principal), address);
    if (alias === null) throw aliasNotFound(address);
    return { body: toAliasResponse(alias), version: alias.version };
  }

  async create(
    ctx: RequestContext,
    domainName: string,
    dto: CreateAliasDto,
  ): Promise<Versioned<AliasResponseDto>> {
    const localPart = this.localPartOf(dto, domainName);
    const address = `${localPart}@${domainName}`;
    try {
      return await this.db.transaction(async () => {
        const domain = await this.domains.requireForUpdate(ctx, domainName);
        if (domain.maxAliases > 0 && domain.aliasCount >= domain.maxAliases) {
          throw new ConflictError(
            'DOMAIN_ALIAS_LIMIT_REACHED',
            `${domainName} already has its maximum of ${domain.maxAliases} aliases.`,
          );
        }
        await this.addresses.lock(address);
        const use = await this.addresses.use(address, reachOf(ctx.principal));
        // Mail to a principal out of reach (a superadmin's mailbox) is not this caller's
        // to redirect: the address answers as if nothing were there to act on.
        if (use.outOfReach) throw mailboxNotFound(address);
        if (use.alias)
          throw new ConflictError('ALIAS_EXISTS', `An alias ${address} already exists.`);
        if (use.mailbox) throw addressIsMailbox(address);
        assertNoLoop(address, dto.destinations);
        await this.assertDestinationsKnown(ctx, dto.destinations, [], dto);
        const alias = await this.aliases.insert({
          domainId: domain.id,
          address,
          localPart,
          destinations: dto.destinations,
          active: dto.active ?? true,
        });
        const body = toAliasResponse(alias);
        await this.audit.record(ctx, { ...this.target('create', alias, domain.name), after: body });
        return { body, version: alias.version };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('ALIAS_EXISTS', `An alias ${address} already exists.`);
      throw error;
    }
  }

  async update(
    ctx: RequestContext,
    address: string,
    dto: UpdateAliasDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<AliasResponseDto>> {
    return this.db.transaction(async () => {
      const alias = await this.requireForUpdate(ctx, address);
      assertVersion(expectedVersion, alias.version);
      if (dto.destinations !== undefined) {
        assertNoLoop(alias.address, dto.destinations);
        await this.assertDestinationsKnown(ctx, dto.destinations, alias.destinations, dto);
      }
      const updated = await this.aliases.update(alias.id, {
        ...(dto.destinations === undefined ? {} : { destinations: dto.destinations }),
        ...(dto.active === undefined ? {} : { active: dto.active }),
      });
      const body = toAliasResponse(updated);
      await this.audit.record(ctx, {
        ...this.target('update', alias),
        before: toAliasResponse(alias),
        after: body,
      });
      return { body, version: updated.version };
    });
  }

  async delete(
    ctx: RequestContext,
    address: string,
    expectedVersion: number | undefined,
  ): Promise<void> {
    await this.db.transaction(async () => {
      const alias = await this.requireForUpdate(ctx, address);
      assertVersion(expectedVersion, alias.version);
      await this.aliases.delete(alias.id);
      await this.audit.record(ctx, {
        ...this.target('delete', alias),
        before: toAliasResponse(alias),
      });
    });
  }

  /** New destinations here that nothing receives need the caller's confirmation. */
  private async assertDestinationsKnown(
    ctx: RequestContext,
    destinations: string[],
    kept: readonly string[],
    dto: { confirmUnknownDestinations?: boolean },
  ): Promise<void> {
    await assertDestinationsKnown(
      this.addresses,
      reachOf(ctx.principal),
      ALIAS_DESTINATIONS,
      destinations,
      kept,
      dto.confirmUnknownDestinations,
    );
  }

  private async requireForUpdate(ctx: RequestContext, address: string): Promise<AliasEntity> {
    const alias = await this.aliases.findForUpdate(reachOf(ctx.principal), address);
    if (alias === null) throw aliasNotFound(address);
    return alias;
  }

  private target(verb: string, alias: AliasEntity, domainName?: string) {
    return {
      action: `alias.${verb}`,
      targetType: 'alias',
      targetId: alias.address,
      domain: {
        id: alias.domainId,
        name: domainName ?? domainOf(alias.address),
      },
    };
  }

  /** The local part the request names, checked to lie in the path's domain. '' is the catch-all. */
  private localPartOf(dto: CreateAliasDto, domainName: string): string {
    if ((dto.localPart === undefined) === (dto.address === undefined)) {
      throw ValidationError.field(
        'localPart',
        'localPartOrAddress',
        'Give either localPart or address.',
      );
    }
    if (dto.localPart !== undefined) return dto.localPart;
    const given = (dto.address as string).trim();
    if (given.startsWith('@')) {
      if (toAsciiDomain(given.slice(1)) === domainName) return '';
    } else {
      const parsed = parseAddress(given);
      if (parsed === undefined) {
        throw ValidationError.field(
          'address',
          'isMailAddress',
          'address must be a mail address such as sales@example.com',
        );
      }
      if (parsed.domain === domainName) {
        assertHostedLocalPart('address', parsed.localPart);
        return normaliseLocalPart(parsed.localPart);
      }
    }
    throw ValidationError.field('address', 'otherDomain', `address must be in ${domainName}.`);
  }
}
