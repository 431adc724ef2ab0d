import { Injectable } from '@nestjs/common';
import type { DkimAlgorithm } from '#contracts';
import type { RequestContext } from '../../common/auth/principal.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { Clock } from '../../infra/clock/clock.js';
import { SecretBox } from '../../infra/crypto/secret-box.js';
import { Database } from '../../infra/database/database.js';
import { AuditService, type AuditTarget } from '../audit/audit.service.js';
import type { DomainEntity } from '../domains/domain.entity.js';
import { DomainsService } from '../domains/domains.service.js';
import { absolute, txtStrings } from '../dns/dns-records.js';
import type { DkimKeyEntity } from './dkim-key.entity.js';
import {
  defaultSelector,
  dkimRecordText,
  generateDkimKeyPair,
  type DkimKeyPair,
} from './dkim-keys.js';
import { DkimPublishing } from './dkim-publishing.js';
import { DkimRepository, type DueRotationRow } from './dkim.repository.js';
import type {
  CreateDkimKeyDto,
  RotateDkimKeysDto,
  DkimKeyResponseDto,
  DkimKeysResponseDto,
} from './dto/dkim-key.dto.js';

/** The associated data that binds a sealed private key to its domain and selector. */
export function sealingPurpose(domainId: string, selector: string): string {
  return `dkim-key:${domainId}:${selector}`;
}

const DAY_MS = 86_400_000;

/** A DKIM TXT record a domain publishes. */
export interface DkimRecord {
  selector: string;
  text: string;
}

function keyNotFound(selector: string): NotFoundError {
  return new NotFoundError('DKIM_KEY_NOT_FOUND', `No DKIM key with the selector ${selector}.`);
}

/** A domain's DKIM keys (ADR 0016): made here, sealed at rest, never returned private. */
@Injectable()
export class DkimKeysService {
  constructor(
    private readonly db: Database,
    private readonly keys: DkimRepository,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly publishing: DkimPublishing,
  ) {}

  async list(ctx: RequestContext, name: string): Promise<DkimKeysResponseDto> {
    const domain = await this.domains.require(ctx, name);
    const [keys, settings] = await Promise.all([
      this.keys.findKeys(domain.id),
      this.keys.findSettings(domain.id),
    ]);
    // The schedule's next rotation, unless one is already under way.
    const days = settings?.rotationDays ?? null;
    const waiting = keys.some((key) => key.state === 'published');
    return {
      keys: keys.map((key) =>
        present(
          domain.name,
          key,
          days === null || waiting || key.state !== 'active'
            ? null
            : new Date(key.createdAt.getTime() + days * DAY_MS),
        ),
      ),
    };
  }

  /**
   * Makes a key. The domain's first key signs at once (there is nothing to rotate from,
   * and a signature whose record is not in DNS yet counts like none); any later key is
   * `published` and waits for a rotation to make it the signer.
   */
  create(ctx: RequestContext, name: string, dto: CreateDkimKeyDto): Promise<DkimKeyResponseDto> {
    return this.make(ctx, name, dto.algorithm, dto.selector, 'dkim-key.create');
  }

  /**
   * Starts a rotation (ADR 0016): a new key is published now, and the rotation job makes
   * it the signer once DNS shows its record. One rotation at a time per domain.
   */
  async rotate(
    ctx: RequestContext,
    name: string,
    dto: RotateDkimKeysDto,
  ): Promise<DkimKeyResponseDto> {
    const domain = await this.domains.require(ctx, name);
    const algorithm =
      dto.algorithm ?? (await this.keys.findActive(domain.id))?.algorithm ?? 'rsa-2048';
    return this.make(ctx, name, algorithm, undefined, 'dkim-key.rotate');
  }

  private async make(
    ctx: RequestContext,
    name: string,
    algorithm: DkimAlgorithm,
    givenSelector: string | undefined,
    action: 'dkim-key.create' | 'dkim-key.rotate',
  ): Promise<DkimKeyResponseDto> {
    // RSA generation is the slow part: before the transaction and its row lock.
    const pair = await generateDkimKeyPair(algorithm);
    const made = await this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      if (action === 'dkim-key.rotate' && (await this.keys.hasPublished(domain.id))) {
        throw new ConflictError(
          'DKIM_ROTATION_IN_PROGRESS',
          'A new key already waits for DNS to show its record; it signs once DNS does.',
        );
      }
      const key = await this.insert(domain, algorithm, givenSelector, pair);
      await this.audit.record(ctx, auditOf(action, domain, key));
      return {
        body: present(domain.name, key, null),
        domain: { id: domain.id, name: domain.name },
      };
    });
    // After the commit, and whatever the DNS server says: the key stays made.
    await this.publishing.afterChange(made.domain);
    return made.body;
  }

  /**
   * Starts the rotation the domain's schedule asks for (ADR 0018), as the system; false
   * if, under the domain's lock, it is no longer due (another process started it, a
   * rotation is under way, the schedule changed).
   */
  async rotateOnSchedule(due: DueRotationRow): Promise<boolean> {
    const pair = await generateDkimKeyPair(due.algorithm);
    const domain = await this.db.transaction(async () => {
      const locked = await this.keys.lockActiveDomain(due.domainId);
      if (locked === undefined) return undefined;
      const stillDue = await this.keys.dueRotations(this.clock.now());
      if (!stillDue.some((row) => row.domainId === due.domainId)) return undefined;
      const key = await this.insert(locked, due.algorithm, undefined, pair);
      await this.audit.recordSystem({
        ...auditOf('dkim-key.rotate', locked, key),
        before: { schedule: true },
      });
      return locked;
    });
    if (domain === undefined) return false;
    await this.publishing.afterChange(domain);
    return true;
  }

  /**
   * Inserts a key under the domain's lock. The domain's first key signs at once; any
   * later one is `published` and waits for the rotation job.
   */
  private async insert(
    domain: { id: string; name: string },
    algorithm: DkimAlgorithm,
    givenSelector: string | undefined,
    pair: DkimKeyPair,
  ): Promise<DkimKeyEntity> {
    const now = this.clock.now();
    const taken = await this.keys.selectors(domain.id);
    const selector = givenSelector ?? defaultSelector(now, taken);
    if (taken.has(selector)) {
      throw new ConflictError(
        'DKIM_SELECTOR_TAKEN',
        `This domain already has a key with the selector ${selector}.`,
        [{ field: 'selector', code: 'selectorTaken', message: 'This selector is taken.' }],
      );
    }
    const first = !(await this.keys.hasActive(domain.id));
    return this.keys.insert({
      domainId: domain.id,
      selector,
      algorithm,
      publicKey: pair.publicKey,
      privateKeySealed: this.box.seal(pair.privateKey, sealingPurpose(domain.id, selector)),
      state: first ? 'active' : 'published',
      createdAt: now,
      activatedAt: first ? now : null,
      retiringAt: null,
      retireAfter: null,
      retiredAt: null,
      firstSignedAt: null,
    });
  }

  /** Removes a key that does not sign; its record leaves the desired records with it. */
  async remove(ctx: RequestContext, name: string, selector: string): Promise<void> {
    const domain = await this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      const key = await this.keys.findKey(domain.id, selector);
      if (key === null) throw keyNotFound(selector);
      if (key.state === 'active') {
        throw new ConflictError(
          'DKIM_KEY_SIGNING',
          `The key ${selector} signs the domain’s mail: rotate to a new key first.`,
        );
      }
      await this.keys.delete(key.id);
      await this.audit.record(ctx, {
        action: 'dkim-key.delete',
        targetType: 'dkim-key',
        targetId: `${selector}._domainkey.${domain.name}`,
        domain: { id: domain.id, name: domain.name },
        before: { selector, algorithm: key.algorithm, state: key.state },
      });
      return { id: domain.id, name: domain.name };
    });
    await this.publishing.afterChange(domain);
  }

  /**
   * When each domain's first signed message was reported, for the setup checklist; the
   * caller has checked that it reaches these domains.
   */
  firstSignedAt(domains: readonly string[]): Promise<Map<string, Date>> {
    return this.keys.firstSignedAt(domains);
  }

  /** The records `desiredRecords` lists: every key in DNS, by selector. */
  async publishedRecords(domainId: string): Promise<DkimRecord[]> {
    return (await this.publishedRecordsOf([domainId])).get(domainId) ?? [];
  }

  /** The same for several domains in one query, by domain id. */
  async publishedRecordsOf(domainIds: readonly string[]): Promise<Map<string, DkimRecord[]>> {
    const records = new Map<string, DkimRecord[]>();
    for (const key of await this.keys.findPublished(domainIds)) {
      const record = { selector: key.selector, text: dkimRecordText(key.algorithm, key.publicKey) };
      records.set(key.domainId, [...(records.get(key.domainId) ?? []), record]);
    }
    return records;
  }
}

function auditOf(
  action: 'dkim-key.create' | 'dkim-key.rotate',
  domain: { id: string; name: string },
  key: DkimKeyEntity,
): AuditTarget {
  return {
    action,
    targetType: 'dkim-key',
    targetId: `${key.selector}._domainkey.${domain.name}`,
    domain: { id: domain.id, name: domain.name },
    after: {
      selector: key.selector,
      algorithm: key.algorithm,
      state: key.state,
      publicKey: key.publicKey,
    },
  };
}

function present(
  domain: DomainEntity['name'],
  key: DkimKeyEntity,
  rotatesAt: Date | null,
): DkimKeyResponseDto {
  return {
    selector: key.selector,
    algorithm: key.algorithm,
    state: key.state,
    publicKey: key.publicKey,
    dnsName: absolute(`${key.selector}._domainkey.${domain}`),
    dnsValue: txtStrings(dkimRecordText(key.algorithm, key.publicKey)),
    createdAt: key.createdAt.toISOString(),
    activatedAt: key.activatedAt?.toISOString() ?? null,
    retiringAt: key.retiringAt?.toISOString() ?? null,
    retireAfter: key.retireAfter?.toISOString() ?? null,
    retiredAt: key.retiredAt?.toISOString() ?? null,
    rotatesAt: rotatesAt?.toISOString() ?? null,
    firstSignedAt: key.firstSignedAt?.toISOString() ?? null,
  };
}
