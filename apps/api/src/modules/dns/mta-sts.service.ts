import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/app-error.js';
import { toAsciiDomain } from '../../common/validators/domain-name.js';
import { DnsRecordsService } from './dns-records.service.js';

const PREFIX = 'mta-sts.';

function noPolicy(): NotFoundError {
  return new NotFoundError('NOT_FOUND', 'No MTA-STS policy is served for this host.');
}

@Injectable()
export class MtaStsService {
  constructor(private readonly records: DnsRecordsService) {}

  /** The policy for `mta-sts.<domain>` of an active hosted domain; 404 for any other host. */
  async policyForHost(hostname: string | undefined): Promise<string> {
    const host = (hostname ?? '').toLowerCase().replace(/\.$/, '');
    if (!host.startsWith(PREFIX)) throw noPolicy();
    const domain = toAsciiDomain(host.slice(PREFIX.length));
    if (domain === undefined) throw noPolicy();
    const policy = await this.records.mtaStsPolicyFor(domain);
    if (policy === undefined) throw noPolicy();
    return policy;
  }
}
