import type { CreateAliasDomainDto } from '@yubin/api-client';
import { defineFormErrors } from '../../../shared/forms/form-errors';

export const ALIAS_DOMAIN_CREATE_ERRORS = defineFormErrors<CreateAliasDomainDto>(
  'CreateAliasDomainDto',
  ['name', 'targetDomain'],
);
