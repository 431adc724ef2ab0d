import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DkimPublishing, type DkimRecordsPublisher } from '../../dkim/dkim-publishing.js';
import { DnsPublishingRepository } from './dns-publishing.repository.js';
import { DnsPublishingService } from './dns-publishing.service.js';

/** DKIM rotation's way into DNS (ADR 0018): the same RFC 2136 publish as the route's. */
@Injectable()
export class DkimRecordsPublisherAdapter implements DkimRecordsPublisher, OnModuleInit {
  constructor(
    private readonly dkim: DkimPublishing,
    private readonly publishing: DnsPublishingService,
    private readonly repository: DnsPublishingRepository,
  ) {}

  onModuleInit(): void {
    this.dkim.register(this);
  }

  async publish(domainId: string): Promise<boolean> {
    return (await this.publishing.publishIfConfigured(domainId)) !== undefined;
  }

  domainsBehind(): Promise<{ id: string; name: string }[]> {
    return this.repository.domainsWithDkimBehind();
  }
}
