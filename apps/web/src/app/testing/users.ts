import type { UserResponseDto } from '@yubin/api-client';

/** `GET /me` of a signed-in mailbox user with no role, 2FA or language of their own; for specs. */
export function signedInUser(overrides: Partial<UserResponseDto> = {}): UserResponseDto {
  return {
    id: 'm1',
    kind: 'mailbox',
    email: 'hanako@example.com',
    displayName: 'Hanako Suzuki',
    role: null,
    permissions: [],
    domains: null,
    via: 'session',
    restriction: null,
    twoFactor: { enabled: false, required: false, deadline: null },
    language: null,
    effectiveLanguage: 'en',
    ...overrides,
  };
}
