import type { CreateAdminDto, UpdateAdminDto } from '@yubin/api-client';
import { countMessages, defineFormErrors } from '../../../shared/forms/form-errors';

const DOMAINS = countMessages({ max: 1000 });

export const ADMIN_CREATE_ERRORS = defineFormErrors<CreateAdminDto>(
  'CreateAdminDto',
  ['email', 'role', 'domains'],
  { domains: DOMAINS },
);

export const ADMIN_UPDATE_ERRORS = defineFormErrors<UpdateAdminDto>(
  'UpdateAdminDto',
  ['role', 'domains', 'active'],
  { domains: DOMAINS },
);
