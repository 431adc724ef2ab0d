import type { CreateApiTokenDto } from '@yubin/api-client';
import { countMessages, defineFormErrors, lengthMessages } from '../../../shared/forms/form-errors';

export const API_TOKEN_CREATE_ERRORS = defineFormErrors<CreateApiTokenDto>(
  'CreateApiTokenDto',
  ['name', 'scopes', 'domains', 'expiresAt'],
  {
    name: lengthMessages({ min: 1, max: 100 }),
    scopes: countMessages({ min: 1 }),
    domains: countMessages({ max: 1000 }),
  },
);
