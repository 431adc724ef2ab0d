import { Inject, Injectable } from '@nestjs/common';
import { ScheduledJob } from '../../common/jobs/scheduled-job.js';
import { ScheduledJobsRepository } from '../../common/jobs/scheduled-jobs.repository.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { DnsVerificationService } from './dns-verification.service.js';
import { DnsRepository } from './dns.repository.js';

const BATCH = 100;

/** Verifies every active domain's records again, every DNS_VERIFY_INTERVAL_SECONDS. */
@Injectable()
export class DnsReverificationJob extends ScheduledJob {
  protected readonly jobName = 'dns-verify';
  protected readonly everyMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dns: DnsRepository,
    private readonly verification: DnsVerificationService,
    private readonly audit: AuditService,
    protected readonly jobs: ScheduledJobsRepository,
  ) {
    super();
    this.everyMs = config.dns.verifyIntervalSeconds * 1000;
  }

  /** Returns how many records changed status; one domain's failure does not stop the rest. */
  async run(): Promise<number> {
    let changed = 0;
    let after = '';
    for (;;) {
      const domains = await this.dns.listActiveDomains(after, BATCH);
      for (const domain of domains) {
        try {
          changed += await this.verification.verifyDomain(domain, (target) =>
            this.audit.recordSystem(target),
          );
        } catch (error) {
          this.logger.warn(`verifying ${domain.name} failed: ${String(error)}`);
        }
      }
      const last = domains.at(-1);
      if (last === undefined || domains.length < BATCH) break;
      after = last.name;
    }
    if (changed > 0) this.logger.log(`${changed} DNS record(s) changed status.`);
    return changed;
  }
}
