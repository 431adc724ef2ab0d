import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { WEAK_TSIG_ALGORITHMS, type ProblemFieldError } from '#contracts';
import type { RequestContext } from '../../../common/auth/principal.js';
import {
  AppError,
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../../../common/errors/app-error.js';
import { assertVersion, type Versioned } from '../../../common/http/etag.js';
import { Clock } from '../../../infra/clock/clock.js';
import { SecretBox } from '../../../infra/crypto/secret-box.js';
import { Database } from '../../../infra/database/database.js';
import { AuditService, type AuditTarget } from '../../audit/audit.service.js';
import { DomainsService } from '../../domains/domains.service.js';
import { DnsRecordsService } from '../dns-records.service.js';
import type { DnsDomain } from '../dns.repository.js';
import type {
  DnsPublishingDto,
  DnsPublishingResponseDto,
  DnsPublishResponseDto,
} from '../dto/dns-publishing.dto.js';
import {
  DnsServerUnreachable,
  DnsUpdateRejected,
  parseServer,
  sendUpdate,
} from './dns-update-client.js';
import type { DnsPublishingEntity } from './dns-publishing.entity.js';
import { DnsPublishingRepository } from './dns-publishing.repository.js';
import { DnsWireError, encodeUpdate } from './dns-wire.js';
import { planPublish } from './publish-plan.js';

const MIN_SECRET_BYTES = 16;

/** The secret is bound to its domain: copied into another domain's row it does not open. */
const sealingPurpose = (domainId: string): string => `dns-publishing:${domainId}`;

/** The DNS server refused or failed the UPDATE: a problem of the upstream, 502. */
export class DnsUpdateError extends AppError {
  readonly status = 502;
}

/** RFC 2136/8945 answers, as stable codes and words an admin can act on. */
function problemOf(reason: string, server: string, zone: string): AppError {
  switch (reason) {
    case 'BADKEY':
      return new DnsUpdateError(
        'DNS_TSIG_KEY_UNKNOWN',
        `${server} does not know this TSIG key name and algorithm (BADKEY); nothing was changed.`,
      );
    case 'BADSIG':
      return new DnsUpdateError(
        'DNS_TSIG_SIGNATURE_INVALID',
        `${server} refused the TSIG signature (BADSIG): the secret differs from the server’s; nothing was changed.`,
      );
    case 'BADTIME':
      return new DnsUpdateError(
        'DNS_TSIG_TIME_INVALID',
        `${server} refused the TSIG time (BADTIME): the clocks differ by more than 5 minutes; nothing was changed.`,
      );
    case 'NOTAUTH':
      return new DnsUpdateError(
        'DNS_UPDATE_NOT_AUTHORITATIVE',
        `${server} is not authoritative for ${zone}, or the key may not update it (NOTAUTH); nothing was changed.`,
      );
    case 'REFUSED':
      return new DnsUpdateError(
        'DNS_UPDATE_REFUSED',
        `${server} refused the update (REFUSED): its policy does not allow this key to update ${zone}; nothing was changed.`,
      );
    default:
      return new DnsUpdateError(
        'DNS_UPDATE_FAILED',
        `${server} answered the update with ${reason}; nothing was changed.`,
      );
  }
}

function present(row: DnsPublishingEntity): DnsPublishingResponseDto {
  return {
    server: row.server,
    zone: row.zone,
    tsigKeyName: row.tsigKeyName,
    tsigAlgorithm: row.tsigAlgorithm,
    hasTsigSecret: true,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function notConfigured(domain: string): NotFoundError {
  return new NotFoundError(
    'DNS_PUBLISHING_NOT_CONFIGURED',
    `No DNS server is set up for publishing ${domain}'s records.`,
  );
}

/** Publishes a domain's records to its authoritative server by RFC 2136 UPDATE (ADR 0017). */
@Injectable()
export class DnsPublishingService {
  constructor(
    private readonly db: Database,
    private readonly repository: DnsPublishingRepository,
    private readonly records: DnsRecordsService,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** The settings, or undefined while none are set (the normal state of a new domain). */
  async get(
    ctx: RequestContext,
    name: string,
  ): Promise<Versioned<DnsPublishingResponseDto> | undefined> {
    const domain = await this.domains.require(ctx, name);
    const row = await this.repository.find(domain.id);
    return row === null ? undefined : { body: present(row), version: row.version };
  }

  async put(
    ctx: RequestContext,
    name: string,
    dto: DnsPublishingDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<DnsPublishingResponseDto>> {
    return this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      const row = await this.repository.find(domain.id);
      assertVersion(expectedVersion, row?.version ?? 0);
      const sealed = await this.sealedSecretFor(domain, dto, row !== null);
      const saved = await this.repository.upsert(domain.id, {
        server: dto.server.toLowerCase(),
        zone: dto.zone,
        tsigKeyName: dto.tsigKeyName,
        tsigAlgorithm: dto.tsigAlgorithm,
        tsigSecretSealed: sealed,
      });
      const body = present(saved);
      const visible = (value: DnsPublishingEntity | null): Record<string, unknown> | null =>
        value === null
          ? null
          : {
              server: value.server,
              zone: value.zone,
              tsigKeyName: value.tsigKeyName,
              tsigAlgorithm: value.tsigAlgorithm,
            };
      await this.audit.record(ctx, {
        action: 'dns-publishing.update',
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
        before: visible(row),
        after: { ...visible(saved), keyReplaced: dto.tsigSecret !== undefined },
      });
      return { body, version: saved.version };
    });
  }

  async delete(
    ctx: RequestContext,
    name: string,
    expectedVersion: number | undefined,
  ): Promise<void> {
    await this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      const row = await this.repository.find(domain.id);
      if (row === null) throw notConfigured(domain.name);
      assertVersion(expectedVersion, row.version);
      await this.repository.delete(domain.id);
      await this.audit.record(ctx, {
        action: 'dns-publishing.delete',
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
        before: { server: row.server, zone: row.zone, tsigKeyName: row.tsigKeyName },
        after: null,
      });
    });
  }

  async publish(ctx: RequestContext, name: string): Promise<DnsPublishResponseDto> {
    const domain = await this.domains.require(ctx, name);
    const result = await this.publishDomain(domain, (target) => this.audit.record(ctx, target));
    if (result === undefined) {
      throw new ConflictError(
        'DNS_PUBLISHING_NOT_CONFIGURED',
        `Set up a DNS server for ${domain.name} first (PUT …/dns-publishing).`,
      );
    }
    return result;
  }

  /**
   * Publishes the domain's records if it has a DNS server set up; undefined if not (or
   * the domain is not active). For changes made by Yubin itself, such as a DKIM rotation
   * adding or withdrawing a selector; audited as the system. Failures throw as for publish.
   */
  async publishIfConfigured(domainId: string): Promise<DnsPublishResponseDto | undefined> {
    const domain = await this.repository.findActiveDomainById(domainId);
    if (domain === undefined) return undefined;
    return this.publishDomain(domain, (target) => this.audit.recordSystem(target));
  }

  private async publishDomain(
    domain: DnsDomain,
    record: (target: AuditTarget) => Promise<void>,
  ): Promise<DnsPublishResponseDto | undefined> {
    const desired = await this.records.recordsOf(domain);
    return this.db.transaction(async () => {
      await this.repository.lockPublishing(domain.id);
      const settings = await this.repository.find(domain.id);
      const sealed = await this.repository.findSealedSecret(domain.id);
      if (settings === null || sealed === undefined) return undefined;
      const target = parseServer(settings.server);
      if (target === undefined)
        throw new Error(`stored server is not host:port: ${settings.server}`);
      const plan = planPublish(
        domain.name,
        desired,
        await this.repository.findPublished(domain.id),
      );
      const key = {
        name: settings.tsigKeyName,
        algorithm: settings.tsigAlgorithm,
        secret: Buffer.from(this.box.open(sealed, sealingPurpose(domain.id)), 'base64'),
      };
      try {
        // TSIG time is the wall clock the server compares with, not the app's clock.
        await sendUpdate(target, encodeUpdate(settings.zone, plan.operations), key, new Date());
      } catch (error) {
        if (error instanceof DnsServerUnreachable) {
          throw new ServiceUnavailableError(
            'DNS_SERVER_UNREACHABLE',
            `${settings.server} did not answer (${error.message}); nothing was changed.`,
          );
        }
        if (error instanceof DnsUpdateRejected) {
          throw problemOf(error.reason, settings.server, settings.zone);
        }
        if (error instanceof DnsWireError) {
          throw new DnsUpdateError(
            'DNS_UPDATE_FAILED',
            `The update could not be sent: ${error.message}`,
          );
        }
        throw error;
      }
      const publishedAt = this.clock.now();
      await this.repository.replacePublished(domain.id, plan.published, publishedAt);
      await record({
        action: 'dns-records.publish',
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
        before: null,
        after: {
          server: settings.server,
          zone: settings.zone,
          published: plan.records.filter((r) => r.action === 'published').length,
          withdrawn: plan.records
            .filter((r) => r.action === 'withdrawn')
            .map((r) => ({ type: r.type, name: r.name, value: r.value })),
        },
      });
      return {
        server: settings.server,
        zone: settings.zone,
        records: plan.records,
        publishedAt: publishedAt.toISOString(),
      };
    });
  }

  /** Checks what the DTO's validators cannot, then seals the new secret or keeps the stored one. */
  private async sealedSecretFor(
    domain: { id: string; name: string },
    dto: DnsPublishingDto,
    exists: boolean,
  ): Promise<string> {
    const errors: ProblemFieldError[] = [];
    const target = parseServer(dto.server);
    if (
      target === undefined ||
      (isIP(target.host) === 0 &&
        !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(
          target.host,
        ))
    ) {
      errors.push({
        field: 'server',
        code: 'isHostPort',
        message: 'Give the server as host:port, e.g. ns1.example.net:53 or [2001:db8::53]:53.',
      });
    }
    const domainId = domain.id;
    const domainName = domain.name;
    if (dto.zone !== domainName && !domainName.endsWith(`.${dto.zone}`)) {
      errors.push({
        field: 'zone',
        code: 'zoneNotAncestor',
        message: `The zone must be ${domainName} or a parent of it.`,
      });
    }
    if ((WEAK_TSIG_ALGORITHMS as readonly string[]).includes(dto.tsigAlgorithm)) {
      errors.push({
        field: 'tsigAlgorithm',
        code: 'weakTsigAlgorithm',
        message: `${dto.tsigAlgorithm} is too weak for TSIG; use hmac-sha256, hmac-sha384 or hmac-sha512.`,
      });
    }
    if (dto.tsigSecret === undefined && !exists) {
      errors.push({
        field: 'tsigSecret',
        code: 'tsigSecretRequired',
        message: 'Give the TSIG secret (base64) the first time.',
      });
    }
    if (
      dto.tsigSecret !== undefined &&
      Buffer.from(dto.tsigSecret, 'base64').length < MIN_SECRET_BYTES
    ) {
      errors.push({
        field: 'tsigSecret',
        code: 'tsigSecretTooShort',
        message: `The TSIG secret must be at least ${MIN_SECRET_BYTES} bytes.`,
      });
    }
    if (errors.length > 0) throw new ValidationError(errors);
    if (dto.tsigSecret !== undefined) {
      return this.box.seal(dto.tsigSecret, sealingPurpose(domainId));
    }
    const stored = await this.repository.findSealedSecret(domainId);
    if (stored === undefined) throw new Error('dns_publishing row without a secret');
    return stored;
  }
}
