import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';

/**
 * How DKIM changes reach the domain's DNS server (ADR 0018). The DNS module implements it
 * with RFC 2136 publishing and registers itself here at start-up: it imports this module,
 * so this module cannot import it.
 */
export interface DkimRecordsPublisher {
  /** Publishes the domain's records if it has a DNS server set up; throws when that fails. */
  publish(domainId: string): Promise<boolean>;
  /** Domains with a DNS server set up whose published selectors are not their keys in DNS states. */
  domainsBehind(): Promise<{ id: string; name: string }[]>;
}

/**
 * Pushes a domain's DKIM records after each change of its published selectors: a key
 * made, a rotation started, a key retired or deleted. A failure never undoes the change
 * that caused it: it is logged and audited, and the rotation job's next run publishes
 * every domain whose server is behind.
 */
@Injectable()
export class DkimPublishing {
  private readonly logger = new Logger(DkimPublishing.name);
  private publisher: DkimRecordsPublisher | undefined;

  constructor(private readonly audit: AuditService) {}

  register(publisher: DkimRecordsPublisher): void {
    this.publisher = publisher;
  }

  /** After a change, outside its transaction; never throws. True if the server took it. */
  async afterChange(domain: { id: string; name: string }): Promise<boolean> {
    if (this.publisher === undefined) return false;
    try {
      return await this.publisher.publish(domain.id);
    } catch (error) {
      await this.failed(domain, error);
      return false;
    }
  }

  /** Publishes every domain whose server does not hold its DKIM selectors yet; how many did. */
  async catchUp(): Promise<number> {
    if (this.publisher === undefined) return 0;
    let published = 0;
    for (const domain of await this.publisher.domainsBehind()) {
      if (await this.afterChange(domain)) published += 1;
    }
    return published;
  }

  private async failed(domain: { id: string; name: string }, error: unknown): Promise<void> {
    // The problem's code and detail name the server and zone, never the TSIG secret.
    const reason =
      error instanceof AppError
        ? { code: error.code, detail: error.detail }
        : { code: 'DNS_UPDATE_FAILED', detail: 'The update could not be sent.' };
    this.logger.warn(`publishing ${domain.name}'s DKIM records failed: ${reason.code}`);
    if (!(error instanceof AppError)) this.logger.error(error);
    try {
      await this.audit.recordSystem({
        action: 'dns-records.publish-failed',
        targetType: 'domain',
        targetId: domain.name,
        domain,
        before: null,
        after: reason,
      });
    } catch (auditError) {
      this.logger.error(auditError);
    }
  }
}
