import type { CreateMailboxDto, SendHandoverDto, UpdateMailboxDto } from '@yubin/api-client';
import {
  countMessages,
  defineFormErrors,
  lengthMessages,
  quotaGbMessages,
  type FieldMessage,
} from '../../../shared/forms/form-errors';

/** The password policy's own messages say more than the schema's 1–256 characters. */
const PASSWORD: Readonly<Record<string, FieldMessage>> = {
  minLength: { key: 'validation.required' },
  maxLength: { key: 'errors.fields.maxLength', params: { max: 256 } },
};

export const MAILBOX_CREATE_ERRORS = defineFormErrors<CreateMailboxDto>(
  'CreateMailboxDto',
  [
    'localPart',
    'displayName',
    'quotaBytes',
    'active',
    'imapEnabled',
    'pop3Enabled',
    'smtpEnabled',
    'password',
    'mustChangePassword',
    'language',
  ],
  {
    displayName: lengthMessages({ max: 255 }),
    quotaBytes: quotaGbMessages(),
    password: PASSWORD,
  },
);

export const MAILBOX_UPDATE_ERRORS = defineFormErrors<UpdateMailboxDto>(
  'UpdateMailboxDto',
  [
    'displayName',
    'active',
    'mustChangePassword',
    'quotaBytes',
    'imapEnabled',
    'pop3Enabled',
    'smtpEnabled',
    'forwardTo',
    'keepCopy',
    'confirmUnknownDestinations',
    'language',
  ],
  {
    displayName: lengthMessages({ max: 255 }),
    quotaBytes: quotaGbMessages(),
    forwardTo: countMessages({ max: 1000 }),
  },
);

/** Sending the handover sheet: the address typed here; the password is the page's own. */
export const HANDOVER_SEND_ERRORS = defineFormErrors<SendHandoverDto>('SendHandoverDto', ['to'], {
  temporaryPassword: { notCurrent: { key: 'errors.codes.HANDOVER_PASSWORD_NOT_CURRENT' } },
});
