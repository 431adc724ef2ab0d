import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { createResolver, lookUp } from '../dns/dns-lookup.js';
import { absolute, txtStrings } from '../dns/dns-records.js';
import { dkimRecordText } from './dkim-keys.js';
import { DkimKeysService } from './dkim-keys.service.js';
import { DkimPublishing } from './dkim-publishing.js';
import { DkimRepository, type WaitingKeyRow } from './dkim.repository.js';

const DAY_MS = 86_400_000;

/**
 * The rotation's steps after the new key is published (ADR 0016): sign with it once DNS
 * shows its record (the old key becomes `retiring`), and retire the old key when the
 * overlap (DKIM_RETIRE_AFTER_DAYS) ends, which takes its record out of the desired ones.
 */
@Injectable()
export class DkimRotationService {
  private readonly logger = new Logger(DkimRotationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly keys: DkimRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly publishing: DkimPublishing,
    private readonly rotations: DkimKeysService,
  ) {}

  /**
   * One run: first publishes what an earlier step failed to push, so a waiting key can be
   * seen; starts the rotations domains' schedules ask for; then activates and retires;
   * then withdraws the retired keys' records.
   */
  async advance(): Promise<{
    started: number;
    activated: number;
    retired: number;
    published: number;
  }> {
    let published = await this.publishing.catchUp();
    let started = 0;
    for (const due of await this.keys.dueRotations(this.clock.now())) {
      try {
        if (await this.rotations.rotateOnSchedule(due)) started += 1;
      } catch (error) {
        this.logger.warn(
          `starting the scheduled rotation of ${due.domain} failed: ${String(error)}`,
        );
      }
    }
    const resolver = createResolver(this.config.dns.resolver);
    let activated = 0;
    for (const key of await this.keys.waitingKeys()) {
      try {
        const seen = await lookUp(resolver, {
          type: 'TXT',
          name: absolute(`${key.selector}._domainkey.${key.domain}`),
          value: txtStrings(dkimRecordText(key.algorithm, key.publicKey)),
          ttl: this.config.dns.recordTtlSeconds,
          purpose: 'dkim',
        });
        if (seen.status === 'ok' && (await this.activate(key))) activated += 1;
      } catch (error) {
        this.logger.warn(`looking up ${key.selector} of ${key.domain} failed: ${String(error)}`);
      }
    }
    const retired = await this.db.transaction(async () => {
      const rows = await this.keys.retireDue(this.clock.now());
      for (const row of rows) {
        await this.audit.recordSystem({
          action: 'dkim-key.retire',
          targetType: 'dkim-key',
          targetId: `${row.selector}._domainkey.${row.domain}`,
          domain: { id: row.domainId, name: row.domain },
          before: { state: 'retiring' },
          after: { state: 'retired' },
        });
      }
      return rows.length;
    });
    if (retired > 0) published += await this.publishing.catchUp();
    return { started, activated, retired, published };
  }

  /** The waiting key signs from now on; the one it replaces stays published for the overlap. */
  private activate(waiting: WaitingKeyRow): Promise<boolean> {
    return this.db.transaction(async () => {
      const keys = await this.keys.lockKeys(waiting.domainId);
      const key = keys.find((k) => k.id === waiting.id);
      if (key?.state !== 'published') return false;
      const now = this.clock.now();
      const previous = keys.find((k) => k.state === 'active');
      if (previous !== undefined) {
        await this.keys.update(previous.id, {
          state: 'retiring',
          retiringAt: now,
          retireAfter: new Date(
            now.getTime() + (waiting.overlapDays ?? this.config.dns.dkimRetireAfterDays) * DAY_MS,
          ),
        });
      }
      await this.keys.update(key.id, { state: 'active', activatedAt: now });
      await this.audit.recordSystem({
        action: 'dkim-key.activate',
        targetType: 'dkim-key',
        targetId: `${key.selector}._domainkey.${waiting.domain}`,
        domain: { id: waiting.domainId, name: waiting.domain },
        before: { signer: previous?.selector ?? null },
        after: { signer: key.selector },
      });
      return true;
    });
  }
}
