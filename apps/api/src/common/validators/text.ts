/** C0 and C1 controls and DEL. Tab, CR and LF included: no stored name or label needs them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/** Passwords may hold tabs (some generators use them); never NUL or line breaks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PASSWORD_FORBIDDEN = /[\u0000\r\n]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

export function isPasswordField(field: string): boolean {
  return /password$/i.test(field);
}

export function hasForbiddenCharacters(field: string, value: string): boolean {
  return isPasswordField(field) ? PASSWORD_FORBIDDEN.test(value) : hasControlCharacters(value);
}

export function octetLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
