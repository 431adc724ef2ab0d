import { Injectable } from '@nestjs/common';
import { FULL_REACH, reachOf, type RequestContext } from '../../common/auth/principal.js';
import { ConflictError } from '../../common/errors/app-error.js';
import { assertVersion, type Versioned } from '../../common/http/etag.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import { domainOf } from '../../common/validators/address.js';
import { Clock } from '../../infra/clock/clock.js';
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
import type { DomainEntity } from '../domains/domain.entity.js';
import { quotaSettingsOf } from '../domains/domain.mapper.js';
import { mailboxQuotaProblem } from '../domains/domain-rules.js';
import { DomainsService } from '../domains/domains.service.js';
import { CredentialsService } from '../identities/credentials.service.js';
import { isSignInAddressTaken, signInAddressTaken } from '../identities/sign-in-address.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { CreateMailboxDto } from './dto/create-mailbox.dto.js';
import { MAILBOX_CURSOR, type ListMailboxesQueryDto } from './dto/list-mailboxes-query.dto.js';
import {
  MAILBOX_SEARCH_CURSOR,
  type SearchMailboxesQueryDto,
} from './dto/search-mailboxes-query.dto.js';
import type { CreatedMailboxResponseDto, MailboxResponseDto } from './dto/mailbox-response.dto.js';
import type { UpdateMailboxDto } from './dto/update-mailbox.dto.js';
import { MailboxStatusRepository } from './mailbox-status.repository.js';
import type { MailboxEntity } from './mailbox.entity.js';
import { toMailboxResponse } from './mailbox.mapper.js';
import { MailboxesRepository, usedRatioOf, type MailboxChanges } from './mailboxes.repository.js';

function mailboxExists(address: string): ConflictError {
  return new ConflictError('MAILBOX_EXISTS', `A mailbox ${address} already exists.`);
}

const QUOTA_MESSAGES = {
  QUOTA_UNLIMITED_NOT_ALLOWED:
    'This domain sets a ceiling per mailbox, so the quota cannot be 0 (unlimited).',
  QUOTA_EXCEEDS_DOMAIN_MAX:
    'The quota is larger than this domain allows one mailbox (maxQuotaBytes).',
  QUOTA_EXCEEDS_DOMAIN_POOL: 'The quota is larger than the whole domain pool (quotaBytes).',
} as const;

/** Forwarding to the mailbox itself is what keepCopy is for. */
function assertForwardingValid(address: string, forwardTo: string[] | undefined): void {
  if (forwardTo === undefined) return;
  assertNotSelf(
    address,
    forwardTo,
    'forwardTo',
    'A mailbox cannot forward to itself; set keepCopy to keep a copy.',
  );
}

const FORWARD_TO: DestinationsField = { field: 'forwardTo', code: 'FORWARD_DESTINATION_UNKNOWN' };

/**
 * Mailboxes within the caller's reach: its domains, minus mailboxes whose owner holds
 * a role the caller cannot act on (which answer 404, as if they did not exist).
 */
@Injectable()
export class MailboxesService {
  constructor(
    private readonly db: Database,
    private readonly mailboxes: MailboxesRepository,
    private readonly statuses: MailboxStatusRepository,
    private readonly addresses: AddressesRepository,
    private readonly domains: DomainsService,
    private readonly policy: PasswordPolicyService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    ctx: RequestContext,
    domainName: string,
    query: ListMailboxesQueryDto,
  ): Promise<Page<MailboxResponseDto>> {
    const domain = await this.domains.require(ctx, domainName);
    const rows = await this.mailboxes.list(reachOf(ctx.principal), domain.id, {
      deleted: query.deleted,
      limit: query.limit,
      sort: query.sort,
      q: query.q,
      after:
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, query.sort, MAILBOX_CURSOR),
    });
    const statuses = await this.statuses.statuses(rows.slice(0, query.limit), this.clock.now());
    return toPage(
      rows,
      query.limit,
      (row) => toMailboxResponse(row, statuses.get(row.id)),
      (row) => ({
        sort: query.sort,
        value: query.sort.endsWith('createdAt') ? row.createdAt.toISOString() : row.address,
        id: row.id,
      }),
    );
  }

  /** Mailboxes across the caller's domains: a directory search, or the fullest first. */
  async search(
    ctx: RequestContext,
    query: SearchMailboxesQueryDto,
  ): Promise<Page<MailboxResponseDto>> {
    const rows = await this.mailboxes.search(reachOf(ctx.principal), {
      limit: query.limit,
      sort: query.sort,
      q: query.q,
      minUsedRatio: query.minUsedRatio,
      after:
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, query.sort, MAILBOX_SEARCH_CURSOR),
    });
    const statuses = await this.statuses.statuses(rows.slice(0, query.limit), this.clock.now());
    return toPage(
      rows,
      query.limit,
      (row) => toMailboxResponse(row, statuses.get(row.id)),
      (row) => ({
        sort: query.sort,
        value: query.sort === '-usedRatio' ? String(usedRatioOf(row)) : row.address,
        id: row.id,
      }),
    );
  }

  async get(ctx: RequestContext, address: string): Promise<Versioned<MailboxResponseDto>> {
    const mailbox = await this.mailboxes.findLive(reachOf(ctx.principal), address);
    if (mailbox === null) throw mailboxNotFound(address);
    return { body: await this.describe(mailbox), version: mailbox.version };
  }

  async create(
    ctx: RequestContext,
    domainName: string,
    dto: CreateMailboxDto,
  ): Promise<Versioned<CreatedMailboxResponseDto>> {
    const address = `${dto.localPart}@${domainName}`;
    assertForwardingValid(address, dto.forwardTo);
    // Checked before anything is locked: hashing is the slow part.
    const found = await this.domains.require(ctx, domainName);
    await this.assertForwardingKnown(ctx, dto, []);
    const credential = await this.credentials.fromInput(
      ctx,
      dto,
      { address, displayName: dto.displayName },
      this.policy.policyFor(found),
    );
    try {
      return await this.db.transaction(async () => {
        const domain = await this.domains.requireForUpdate(ctx, domainName);
        if (domain.maxMailboxes > 0 && domain.mailboxCount >= domain.maxMailboxes) {
          throw new ConflictError(
            'DOMAIN_MAILBOX_LIMIT_REACHED',
            `${domainName} already has its maximum of ${domain.maxMailboxes} mailboxes.`,
          );
        }
        const quotaBytes = dto.quotaBytes ?? Number(domain.defaultQuotaBytes);
        this.assertQuotaFits(quotaBytes, domain);
        await this.assertAddressFree(address);
        const temporary = credential.temporaryPassword !== undefined;
        const mailbox = await this.mailboxes.insert({
          domainId: domain.id,
          localPart: dto.localPart,
          address,
          passwordHash: credential.passwordHash,
          displayName: dto.displayName ?? '',
          quotaBytes: String(quotaBytes),
          active: dto.active ?? true,
          imapEnabled: dto.imapEnabled ?? true,
          pop3Enabled: dto.pop3Enabled ?? true,
          smtpEnabled: dto.smtpEnabled ?? true,
          mustChangePassword: temporary || (dto.mustChangePassword ?? false),
          forwardTo: dto.forwardTo ?? [],
          keepCopy: dto.keepCopy ?? true,
          language: dto.language ?? null,
        });
        const body = toMailboxResponse(mailbox);
        await this.audit.record(ctx, {
          ...this.target('create', mailbox, domain),
          after: { ...body, passwordImported: dto.passwordHash !== undefined },
        });
        return {
          body: temporary ? { ...body, temporaryPassword: credential.temporaryPassword } : body,
          version: mailbox.version,
        };
      });
    } catch (error) {
      // A standalone admin account signs in at this address (one namespace for both).
      if (isSignInAddressTaken(error)) throw signInAddressTaken(address);
      // Two requests for one new address: the advisory lock orders them, the index is the backstop.
      if (isUniqueViolation(error)) throw mailboxExists(address);
      throw error;
    }
  }

  async update(
    ctx: RequestContext,
    address: string,
    dto: UpdateMailboxDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<MailboxResponseDto>> {
    // Hashing is the slow part: done before the mailbox and its domain are locked.
    const passwordHash =
      dto.password === undefined
        ? undefined
        : await this.newPasswordHash(ctx, address, dto.password, dto.displayName);
    return this.db.transaction(async () => {
      const mailbox = await this.requireForUpdate(ctx, address);
      assertVersion(expectedVersion, mailbox.version);
      assertForwardingValid(mailbox.address, dto.forwardTo);
      await this.assertForwardingKnown(ctx, dto, mailbox.forwardTo);
      const domain = await this.domains.requireForUpdate(ctx, domainOf(mailbox.address));
      if (dto.quotaBytes !== undefined) this.assertQuotaFits(dto.quotaBytes, domain);
      if (passwordHash !== undefined) {
        await this.credentials.set(
          { kind: 'mailbox', id: mailbox.id },
          passwordHash,
          dto.mustChangePassword ?? mailbox.mustChangePassword,
        );
      }
      const changes: MailboxChanges = Object.fromEntries(
        Object.entries({
          displayName: dto.displayName,
          quotaBytes: dto.quotaBytes === undefined ? undefined : String(dto.quotaBytes),
          active: dto.active,
          imapEnabled: dto.imapEnabled,
          pop3Enabled: dto.pop3Enabled,
          smtpEnabled: dto.smtpEnabled,
          mustChangePassword: dto.mustChangePassword,
          forwardTo: dto.forwardTo,
          keepCopy: dto.keepCopy,
          language: dto.language,
        }).filter(([, value]) => value !== undefined),
      );
      const updated = await this.mailboxes.update(mailbox.id, changes);
      // A new password set by an admin, or a disabled mailbox, ends the user's web sessions.
      if (passwordHash !== undefined || dto.active === false) {
        await this.sessions.endAll({ kind: 'mailbox', id: mailbox.id });
      }
      const body = await this.describe(updated);
      await this.audit.record(ctx, {
        ...this.target('update', mailbox, domain),
        before: toMailboxResponse(mailbox),
        after: { ...body, ...(passwordHash === undefined ? {} : { passwordChanged: true }) },
      });
      return { body, version: updated.version };
    });
  }

  /** New forwarding addresses here that nothing receives need the caller's confirmation. */
  private async assertForwardingKnown(
    ctx: RequestContext,
    dto: { forwardTo?: string[]; confirmUnknownDestinations?: boolean },
    kept: readonly string[],
  ): Promise<void> {
    if (dto.forwardTo === undefined) return;
    await assertDestinationsKnown(
      this.addresses,
      reachOf(ctx.principal),
      FORWARD_TO,
      dto.forwardTo,
      kept,
      dto.confirmUnknownDestinations,
    );
  }

  /** Invisible to the mail server at once; restorable until the retention period ends. */
  async delete(
    ctx: RequestContext,
    address: string,
    expectedVersion: number | undefined,
  ): Promise<void> {
    await this.db.transaction(async () => {
      const mailbox = await this.requireForUpdate(ctx, address);
      assertVersion(expectedVersion, mailbox.version);
      const deleted = await this.mailboxes.setDeleted(mailbox.id, this.clock.now());
      await this.sessions.endAll({ kind: 'mailbox', id: mailbox.id });
      await this.audit.record(ctx, {
        ...this.target('delete', mailbox),
        before: toMailboxResponse(mailbox),
        after: toMailboxResponse(deleted),
      });
    });
  }

  async restore(ctx: RequestContext, address: string): Promise<Versioned<MailboxResponseDto>> {
    try {
      return await this.restoreLocked(ctx, address);
    } catch (error) {
      // A standalone admin account took the address while the mailbox was deleted.
      if (isSignInAddressTaken(error)) throw signInAddressTaken(address);
      throw error;
    }
  }

  private async restoreLocked(
    ctx: RequestContext,
    address: string,
  ): Promise<Versioned<MailboxResponseDto>> {
    return this.db.transaction(async () => {
      const reach = reachOf(ctx.principal);
      const mailbox = await this.mailboxes.findDeletedForUpdate(reach, address);
      if (mailbox === null) {
        const live = await this.mailboxes.findLive(reach, address);
        if (live !== null)
          throw new ConflictError('MAILBOX_NOT_DELETED', `${address} is not deleted.`);
        throw mailboxNotFound(address);
      }
      const domain = await this.domains.requireForUpdate(ctx, domainOf(address));
      if (domain.maxMailboxes > 0 && domain.mailboxCount >= domain.maxMailboxes) {
        throw new ConflictError(
          'DOMAIN_MAILBOX_LIMIT_REACHED',
          `${domain.name} is at its maximum of ${domain.maxMailboxes} mailboxes.`,
        );
      }
      // The forwarding was kept with the mailbox; an alias made meanwhile holds the address.
      await this.assertAddressFree(address);
      const restored = await this.mailboxes.setDeleted(mailbox.id, null);
      const body = await this.describe(restored);
      await this.audit.record(ctx, {
        ...this.target('restore', mailbox, domain),
        before: toMailboxResponse(mailbox),
        after: body,
      });
      return { body, version: restored.version };
    });
  }

  /** A live mailbox within reach; 404 otherwise. */
  async require(ctx: RequestContext, address: string): Promise<MailboxEntity> {
    const mailbox = await this.mailboxes.findLive(reachOf(ctx.principal), address);
    if (mailbox === null) throw mailboxNotFound(address);
    return mailbox;
  }

  /** A live mailbox within reach, locked for the transaction; 404 otherwise. */
  async requireForUpdate(ctx: RequestContext, address: string): Promise<MailboxEntity> {
    const mailbox = await this.mailboxes.findLiveForUpdate(reachOf(ctx.principal), address);
    if (mailbox === null) throw mailboxNotFound(address);
    return mailbox;
  }

  target(verb: string, mailbox: MailboxEntity, domain?: DomainEntity) {
    return {
      action: `mailbox.${verb}`,
      targetType: 'mailbox',
      targetId: mailbox.address,
      domain: { id: mailbox.domainId, name: domain?.name ?? domainOf(mailbox.address) },
    };
  }

  /** A new password an admin chose, checked against the domain's policy and hashed. */
  private async newPasswordHash(
    ctx: RequestContext,
    address: string,
    password: string,
    displayName: string | undefined,
  ): Promise<string> {
    const mailbox = await this.require(ctx, address);
    const domain = await this.domains.require(ctx, domainOf(mailbox.address));
    return this.credentials.chosen(
      password,
      { address, displayName: displayName ?? mailbox.displayName },
      this.policy.policyFor(domain),
    );
  }

  private async describe(mailbox: MailboxEntity): Promise<MailboxResponseDto> {
    const statuses = await this.statuses.statuses([mailbox], this.clock.now());
    return toMailboxResponse(mailbox, statuses.get(mailbox.id));
  }

  private assertQuotaFits(quotaBytes: number, domain: DomainEntity): void {
    const problem = mailboxQuotaProblem(quotaBytes, quotaSettingsOf(domain));
    if (problem !== undefined) throw new ConflictError(problem, QUOTA_MESSAGES[problem]);
  }

  /** One address, one holder: a mailbox is neither made nor restored where an alias is. */
  private async assertAddressFree(address: string): Promise<void> {
    await this.addresses.lock(address);
    const use = await this.addresses.use(address, FULL_REACH);
    if (use.mailbox) throw mailboxExists(address);
    if (use.alias) {
      throw new ConflictError('ADDRESS_IN_USE', `${address} is an alias. Delete the alias first.`);
    }
  }
}
