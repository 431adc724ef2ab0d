import { Injectable } from '@nestjs/common';
import type { AdminRole } from '#contracts';
import { reachOf, type RequestContext } from '../../common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.js';
import { inReach } from '../../infra/database/reach.js';
import { assertHostedLocalPart } from '../../common/validators/local-part.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/cursor.js';
import { Database } from '../../infra/database/database.js';
import { isUniqueViolation } from '../../infra/database/pg-errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CredentialsService } from '../identities/credentials.service.js';
import { isSignInAddressTaken, signInAddressTaken } from '../identities/sign-in-address.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import { canGrantRole } from './admin-rules.js';
import { AdminsRepository, type AdminRow } from './admins.repository.js';
import type {
  AdminResponseDto,
  CreateAdminDto,
  CreatedAdminResponseDto,
  UpdateAdminDto,
} from './dto/admin.dto.js';
import { ADMIN_CURSOR, type ListAdminsQueryDto } from './dto/list-admins-query.dto.js';

export function adminNotFound(id: string): NotFoundError {
  return new NotFoundError('ADMIN_NOT_FOUND', `No admin ${id}.`);
}

function adminExists(email: string): ConflictError {
  return new ConflictError('ADMIN_EXISTS', `${email} already holds a role; change it instead.`);
}

/**
 * One answer for an address in a domain the caller does not administer and for one
 * held by an admin it cannot see, so the refusal tells nothing about who is there.
 */
function addressOutOfReach(email: string): ForbiddenError {
  return new ForbiddenError(
    'ADDRESS_OUT_OF_REACH',
    `You cannot give a role at ${email}: it is outside your reach.`,
  );
}

function toAdminResponse(row: AdminRow): AdminResponseDto {
  return {
    id: row.id,
    email: row.email,
    kind: row.mailboxId === null ? 'admin' : 'mailbox',
    role: row.role,
    domains: row.domainNames,
    active: row.active,
    twoFactorEnabled: row.twoFactorEnabled,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Roles granted to identities. Nobody grants what they do not hold: a role above
 * their own, a domain outside their scope. Nobody sees or changes an admin with more
 * rights than themselves. The last active superadmin cannot be removed.
 */
@Injectable()
export class AdminsService {
  constructor(
    private readonly db: Database,
    private readonly admins: AdminsRepository,
    private readonly policy: PasswordPolicyService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: ListAdminsQueryDto): Promise<Page<AdminResponseDto>> {
    const after =
      query.cursor === undefined
        ? undefined
        : String(decodeCursor(query.cursor, 'email', ADMIN_CURSOR).value);
    const rows = await this.admins.list(
      reachOf(ctx.principal),
      query.limit,
      after,
      query.q === undefined
        ? undefined
        : `${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
    return toPage(rows, query.limit, toAdminResponse, (row) => ({
      sort: 'email',
      value: row.email,
      id: row.id,
    }));
  }

  async get(ctx: RequestContext, id: string): Promise<AdminResponseDto> {
    return toAdminResponse(await this.require(ctx, id));
  }

  async create(ctx: RequestContext, dto: CreateAdminDto): Promise<CreatedAdminResponseDto> {
    const domainIds = await this.grantableDomains(ctx, dto.role, dto.domains ?? []);
    const hostedIn = await this.admins.hostedDomainOf(dto.email);
    if (hostedIn !== undefined && !inReach(reachOf(ctx.principal), { domainId: hostedIn })) {
      throw addressOutOfReach(dto.email);
    }
    // An address in a hosted domain is also one the mail server must serve (ADR 0010).
    if (hostedIn !== undefined) {
      assertHostedLocalPart('email', dto.email.slice(0, dto.email.lastIndexOf('@')));
    }
    const mailbox = await this.admins.mailboxAt(dto.email);
    // A password asks for a standalone account, and a mailbox already signs in here.
    if (mailbox !== undefined && dto.password !== undefined) throw signInAddressTaken(dto.email);
    // A standalone account's password, hashed before anything is locked.
    const { passwordHash, temporaryPassword } =
      mailbox !== undefined
        ? { passwordHash: null, temporaryPassword: undefined }
        : dto.password === undefined
          ? await this.credentials.temporary()
          : {
              passwordHash: await this.credentials.chosen(
                dto.password,
                { address: dto.email },
                this.policy.policyFor(),
              ),
              temporaryPassword: undefined,
            };
    try {
      return await this.db.transaction(async () => {
        // Domains first, as a mailbox create does, so claiming the address cannot deadlock with one.
        await this.admins.lockDomainsShared(domainIds);
        const existing = await this.admins.idByEmail(dto.email);
        if (existing !== undefined) {
          const visible = await this.admins.find(reachOf(ctx.principal), existing);
          throw visible === undefined ? addressOutOfReach(dto.email) : adminExists(dto.email);
        }
        const id = await this.admins.insert(
          {
            email: dto.email,
            role: dto.role,
            mailboxId: mailbox?.id ?? null,
            passwordHash,
            mustChangePassword: temporaryPassword !== undefined,
          },
          domainIds,
        );
        const body = toAdminResponse(
          (await this.admins.find(reachOf(ctx.principal), id)) as AdminRow,
        );
        await this.audit.record(ctx, { ...this.target('create', body), after: body });
        return temporaryPassword === undefined ? body : { ...body, temporaryPassword };
      });
    } catch (error) {
      // A mailbox created meanwhile at this address: the namespace's key is the backstop.
      if (isSignInAddressTaken(error)) throw signInAddressTaken(dto.email);
      if (isUniqueViolation(error)) throw adminExists(dto.email);
      throw error;
    }
  }

  async update(ctx: RequestContext, id: string, dto: UpdateAdminDto): Promise<AdminResponseDto> {
    return this.db.transaction(async () => {
      // Concurrent changes to one admin (its domains are delete-then-insert) take turns,
      // and each reads the state the previous one left.
      await this.admins.lock(id);
      const before = await this.require(ctx, id);
      const role = dto.role ?? before.role;
      if (dto.role !== undefined || dto.domains !== undefined) {
        const domainIds = await this.grantableDomains(ctx, role, dto.domains ?? before.domainNames);
        await this.admins.setDomains(id, domainIds);
      }
      const losesSuperadmin =
        before.role === 'superadmin' &&
        before.active &&
        (role !== 'superadmin' || dto.active === false);
      if (losesSuperadmin) await this.assertAnotherSuperadmin(id);
      await this.admins.update(id, {
        ...(dto.role === undefined ? {} : { role: dto.role }),
        ...(dto.active === undefined ? {} : { active: dto.active }),
      });
      const after = toAdminResponse(
        (await this.admins.find(reachOf(ctx.principal), id)) as AdminRow,
      );
      await this.audit.record(ctx, {
        ...this.target('update', after),
        before: toAdminResponse(before),
        after,
      });
      return after;
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const admin = await this.require(ctx, id);
      if (admin.role === 'superadmin' && admin.active) await this.assertAnotherSuperadmin(id);
      await this.admins.delete(id);
      await this.audit.record(ctx, {
        ...this.target('delete', toAdminResponse(admin)),
        before: toAdminResponse(admin),
      });
    });
  }

  /** A standalone admin account the caller can reach; 404 for everyone else. */
  async require(ctx: RequestContext, id: string): Promise<AdminRow> {
    const admin = await this.admins.find(reachOf(ctx.principal), id);
    if (admin === undefined) throw adminNotFound(id);
    return admin;
  }

  target(verb: string, admin: { id: string; email: string }) {
    return { action: `admin.${verb}`, targetType: 'admin', targetId: admin.email };
  }

  /** The ids of the domains a role is granted for, after checking the caller may grant them. */
  private async grantableDomains(
    ctx: RequestContext,
    role: AdminRole,
    names: string[],
  ): Promise<string[]> {
    if (!canGrantRole(ctx.principal, role)) {
      // The request is well formed; the caller's own rank is what stands in the way.
      throw new ForbiddenError('ROLE_NOT_GRANTABLE', `You cannot grant the ${role} role.`);
    }
    if (role === 'superadmin') {
      if (names.length > 0) {
        throw ValidationError.field(
          'domains',
          'superadminHasAllDomains',
          'A superadmin reaches every domain: leave domains empty.',
        );
      }
      return [];
    }
    if (names.length === 0) {
      throw ValidationError.field('domains', 'required', `A ${role} needs at least one domain.`);
    }
    const found = await this.admins.domainIdsByName(names);
    const errors = names.flatMap((name, index) => {
      const domainId = found.get(name);
      return domainId !== undefined && inReach(reachOf(ctx.principal), { domainId })
        ? []
        : [
            {
              field: `domains.${index}`,
              code: 'unknownDomain',
              message: `No domain ${name} that you administer.`,
            },
          ];
    });
    if (errors.length > 0) throw new ValidationError(errors);
    return names.map((name) => found.get(name) as string);
  }

  private async assertAnotherSuperadmin(id: string): Promise<void> {
    const active = await this.admins.lockActiveSuperadmins();
    if (active.filter((other) => other !== id).length === 0) {
      throw new ConflictError(
        'LAST_SUPERADMIN',
        'This is the last active superadmin. Make another one first.',
      );
    }
  }
}
