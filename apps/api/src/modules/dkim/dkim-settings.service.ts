import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/principal.js';
import { assertVersion, type Versioned } from '../../common/http/etag.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Database } from '../../infra/database/database.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainsService } from '../domains/domains.service.js';
import type { DkimSettingsEntity } from './dkim-settings.entity.js';
import { DkimRepository, type DkimSchedule } from './dkim.repository.js';
import type {
  DkimSettingsDto,
  DkimSettingsOwnDto,
  DkimSettingsResponseDto,
} from './dto/dkim-settings.dto.js';

function ownOf(row: DkimSettingsEntity | null): DkimSettingsOwnDto {
  return { dkimRotationDays: row?.rotationDays ?? null, dkimOverlapDays: row?.overlapDays ?? null };
}

/** A domain's DKIM schedule (ADR 0018): when to rotate by itself, how long to overlap. */
@Injectable()
export class DkimSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly keys: DkimRepository,
    private readonly domains: DomainsService,
    private readonly audit: AuditService,
  ) {}

  async get(ctx: RequestContext, name: string): Promise<Versioned<DkimSettingsResponseDto>> {
    const domain = await this.domains.require(ctx, name);
    const row = await this.keys.findSettings(domain.id);
    return { body: this.present(ownOf(row)), version: row?.version ?? 0 };
  }

  async put(
    ctx: RequestContext,
    name: string,
    dto: DkimSettingsDto,
    expectedVersion: number | undefined,
  ): Promise<Versioned<DkimSettingsResponseDto>> {
    return this.db.transaction(async () => {
      const domain = await this.domains.requireForUpdate(ctx, name);
      const row = await this.keys.findSettings(domain.id);
      assertVersion(expectedVersion, row?.version ?? 0);
      const saved = await this.keys.upsertSettings(domain.id, {
        rotationDays: dto.dkimRotationDays ?? null,
        overlapDays: dto.dkimOverlapDays ?? null,
      });
      const body = this.present(ownOf(saved));
      await this.audit.record(ctx, {
        action: 'dkim-settings.update',
        targetType: 'domain',
        targetId: domain.name,
        domain: { id: domain.id, name: domain.name },
        before: ownOf(row),
        after: body.own,
      });
      return { body, version: saved.version };
    });
  }

  /** The domain's schedule with the defaults filled in. */
  effective(own: DkimSchedule): { rotationDays: number | null; overlapDays: number } {
    return {
      rotationDays: own.rotationDays,
      overlapDays: own.overlapDays ?? this.config.dns.dkimRetireAfterDays,
    };
  }

  private present(own: DkimSettingsOwnDto): DkimSettingsResponseDto {
    const effective = this.effective({
      rotationDays: own.dkimRotationDays,
      overlapDays: own.dkimOverlapDays,
    });
    return {
      own,
      effective: {
        dkimRotationDays: effective.rotationDays,
        dkimOverlapDays: effective.overlapDays,
      },
      inherited: { dkimRotationDays: null, dkimOverlapDays: this.config.dns.dkimRetireAfterDays },
    };
  }
}
