import type { CreateAliasDto, UpdateAliasDto } from '@yubin/api-client';
import { countMessages, defineFormErrors } from '../../../shared/forms/form-errors';

const DESTINATIONS = countMessages({ min: 1, max: 1000 });

export const ALIAS_CREATE_ERRORS = defineFormErrors<CreateAliasDto>(
  'CreateAliasDto',
  ['localPart', 'destinations', 'active', 'confirmUnknownDestinations'],
  { destinations: DESTINATIONS },
);

export const ALIAS_UPDATE_ERRORS = defineFormErrors<UpdateAliasDto>(
  'UpdateAliasDto',
  ['destinations', 'active', 'confirmUnknownDestinations'],
  { destinations: DESTINATIONS },
);
