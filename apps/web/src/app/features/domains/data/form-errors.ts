import type { CreateDomainDto, UpdateDomainDto } from '@yubin/api-client';
import {
  defineFormErrors,
  lengthMessages,
  quotaGbMessages,
  rangeMessages,
} from '../../../shared/forms/form-errors';

/** Description, limits and storage, as the domain settings fields show them (sizes in GB). */
const SETTINGS_FIELDS = {
  description: lengthMessages({ max: 500 }),
  maxMailboxes: rangeMessages(0, 100_000_000, 'count'),
  maxAliases: rangeMessages(0, 100_000_000, 'count'),
  defaultQuotaBytes: quotaGbMessages(),
  maxQuotaBytes: quotaGbMessages(),
  quotaBytes: quotaGbMessages(),
};

const SETTINGS_SENT = [
  'description',
  'active',
  'maxMailboxes',
  'maxAliases',
  'defaultQuotaBytes',
  'maxQuotaBytes',
  'quotaBytes',
  'language',
] as const;

export const DOMAIN_CREATE_ERRORS = defineFormErrors<CreateDomainDto>(
  'CreateDomainDto',
  ['name', ...SETTINGS_SENT],
  SETTINGS_FIELDS,
);

export const DOMAIN_UPDATE_ERRORS = defineFormErrors<UpdateDomainDto>(
  'UpdateDomainDto',
  SETTINGS_SENT,
  SETTINGS_FIELDS,
);

export const DOMAIN_POLICY_ERRORS = defineFormErrors<UpdateDomainDto>(
  'UpdateDomainDto',
  ['twoFactorPolicy', 'twoFactorGraceDays', 'passwordMinLength', 'passwordMinScore'],
  {
    twoFactorGraceDays: rangeMessages(0, 365, 'days'),
    passwordMinLength: rangeMessages(8, 256, 'characters'),
    passwordMinScore: rangeMessages(0, 4, 'score'),
  },
);
