import type { CreateDkimKeyDto, DkimSettingsDto, DnsPublishingDto } from '@yubin/api-client';
import {
  DKIM_OVERLAP_DAYS_MAX,
  DKIM_OVERLAP_DAYS_MIN,
  DKIM_ROTATION_DAYS_MAX,
  DKIM_ROTATION_DAYS_MIN,
} from '#contracts';
import { defineFormErrors, lengthMessages, rangeMessages } from '../../../shared/forms/form-errors';

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

export const DKIM_SETTINGS_ERRORS = defineFormErrors<DkimSettingsDto>(
  'DkimSettingsDto',
  ['dkimRotationDays', 'dkimOverlapDays'],
  {
    dkimRotationDays: rangeMessages(DKIM_ROTATION_DAYS_MIN, DKIM_ROTATION_DAYS_MAX, 'days'),
    dkimOverlapDays: rangeMessages(DKIM_OVERLAP_DAYS_MIN, DKIM_OVERLAP_DAYS_MAX, 'days'),
  },
);
