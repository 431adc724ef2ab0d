import type { CreateDkimKeyDto, DnsPublishingDto } from '@yubin/api-client';
import { defineFormErrors, lengthMessages } from '../../../shared/forms/form-errors';

export const DNS_PUBLISHING_ERRORS = defineFormErrors<DnsPublishingDto>(
  'DnsPublishingDto',
  ['server', 'zone', 'tsigKeyName', 'tsigAlgorithm', 'tsigSecret'],
  {
    server: lengthMessages({ max: 262 }),
    tsigKeyName: { matches: { key: 'errors.fields.tsigKeyName' } },
    tsigSecret: lengthMessages({ max: 512 }),
  },
);

export const DKIM_KEY_CREATE_ERRORS = defineFormErrors<CreateDkimKeyDto>('CreateDkimKeyDto', [
  'algorithm',
  'selector',
]);
