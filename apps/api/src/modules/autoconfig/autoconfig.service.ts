import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { parseAddress, type ParsedAddress } from '../../common/validators/address.js';
import {
  outlookAutodiscover,
  requestedEmailAddress,
  thunderbirdConfig,
} from './autoconfig-documents.js';
import { autoconfigKey } from '../throttle/throttle-policy.js';
import { ThrottleService } from '../throttle/throttle.service.js';
import { MailEndpointsService } from './mail-endpoints.service.js';
import type { MailEndpoints } from './mail-endpoints.js';

/** Only Outlook's JSON autodiscover protocol that points at the POX document is served. */
export const AUTODISCOVER_V1 = 'AutodiscoverV1';

/**
 * What mail apps ask anonymously, knowing only an address. Every answer depends on the
 * address's domain alone (an active hosted domain; anything else is 404), never on
 * whether a mailbox exists, so it reveals no more than the domain's MX records do. A
 * client that keeps asking about domains not hosted here is throttled (AUTOCONFIG_RULE).
 */
@Injectable()
export class AutoconfigService {
  constructor(
    private readonly endpoints: MailEndpointsService,
    private readonly throttle: ThrottleService,
  ) {}

  async thunderbird(emailAddress: string | undefined, ip: string | undefined): Promise<string> {
    const { address, endpoints } = await this.resolve(emailAddress, 'emailaddress', ip);
    return thunderbirdConfig(address.domain, endpoints);
  }

  async outlook(body: unknown, ip: string | undefined): Promise<string> {
    const requested = typeof body === 'string' ? requestedEmailAddress(body) : undefined;
    const { address, endpoints } = await this.resolve(requested, 'EMailAddress', ip);
    return outlookAutodiscover(address.address, endpoints);
  }

  /** Where Outlook finds the POX document: `autodiscover.<domain>`, which must reach Yubin. */
  async outlookJson(
    emailAddress: string,
    protocol: string | undefined,
    ip: string | undefined,
  ): Promise<{ Protocol: string; Url: string }> {
    if (protocol?.toLowerCase() !== AUTODISCOVER_V1.toLowerCase()) {
      throw new ValidationError([
        { field: 'Protocol', code: 'isIn', message: `Protocol must be ${AUTODISCOVER_V1}` },
      ]);
    }
    const { address } = await this.resolve(emailAddress, 'email', ip);
    return {
      Protocol: AUTODISCOVER_V1,
      Url: `https://autodiscover.${address.domain}/Autodiscover/Autodiscover.xml`,
    };
  }

  private async resolve(
    input: string | undefined,
    field: string,
    ip: string | undefined,
  ): Promise<{ address: ParsedAddress; endpoints: MailEndpoints }> {
    const attempt = await this.throttle.tryReserve([autoconfigKey(ip)]);
    try {
      const address = input === undefined ? undefined : parseAddress(input);
      const endpoints =
        address === undefined ? undefined : await this.endpoints.forDomain(address.domain);
      if (address !== undefined && endpoints !== undefined) return { address, endpoints };
      await this.throttle.fail(attempt);
      if (address === undefined) {
        throw new ValidationError([
          { field, code: 'isMailAddress', message: `${field} must be a mail address` },
        ]);
      }
      throw new NotFoundError('DOMAIN_NOT_FOUND', 'No mail domain is hosted here by that name.');
    } finally {
      await this.throttle.release(attempt);
    }
  }
}
