import type {
  ChangePasswordDto,
  CreateAppPasswordDto,
  DisableTwoFactorDto,
  TotpCodeDto,
} from '@yubin/api-client';
import {
  countMessages,
  defineFormErrors,
  lengthMessages,
  type FieldMessage,
} from '../../../shared/forms/form-errors';

const PASSWORD: Readonly<Record<string, FieldMessage>> = {
  minLength: { key: 'validation.required' },
  maxLength: { key: 'errors.fields.maxLength', params: { max: 256 } },
};

const CODE: Readonly<Record<string, FieldMessage>> = {
  minLength: { key: 'validation.codeFormat' },
  maxLength: { key: 'validation.codeFormat' },
};

export const APP_PASSWORD_CREATE_ERRORS = defineFormErrors<CreateAppPasswordDto>(
  'CreateAppPasswordDto',
  ['name', 'protocols', 'expiresAt'],
  { name: lengthMessages({ min: 1, max: 100 }), protocols: countMessages({ min: 1 }) },
);

export const TOTP_CONFIRM_ERRORS = defineFormErrors<TotpCodeDto>('TotpCodeDto', ['code'], {
  code: CODE,
});

export const CHANGE_PASSWORD_ERRORS = defineFormErrors<ChangePasswordDto>(
  'ChangePasswordDto',
  ['currentPassword', 'newPassword'],
  { currentPassword: PASSWORD, newPassword: PASSWORD },
);

export const DISABLE_TWO_FACTOR_ERRORS = defineFormErrors<DisableTwoFactorDto>(
  'DisableTwoFactorDto',
  ['code', 'password'],
  { code: CODE, password: PASSWORD },
);
