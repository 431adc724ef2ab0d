import { randomBytes, randomInt } from 'node:crypto';
import { ownerWords } from '#contracts';
import type { ApiClient } from './api-client.js';

/** One module makes all test data: defaults, plus whatever a test overrides. */

export function unique(prefix = 'x'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export function uniqueDomainName(): string {
  return `${unique('d')}.example`;
}

/** Letters only: every digit is a l33t substitution zxcvbn would try, at ~0.3 s per check. */
const PASSWORD_LETTERS = 'bcdfghjkmnpqrstvwxz';

/**
 * Passes the default password policy (length 12+, zxcvbn score 3+). Given its owner's address, it
 * never contains a word of it (which the policy refuses), such as the `012` of `z-012@…`.
 */
export function strongPassword(ownerAddress?: string): string {
  const avoid = ownerAddress === undefined ? [] : ownerWords({ address: ownerAddress });
  for (let attempt = 0; attempt < 100; attempt++) {
    const middle = Array.from(
      { length: 10 },
      () => PASSWORD_LETTERS[randomInt(PASSWORD_LETTERS.length)],
    ).join('');
    const password = `Plum-orbit-${middle}-cascade`;
    if (!avoid.some((word) => password.toLowerCase().includes(word))) return password;
  }
  throw new Error(`No test password avoids the words of ${ownerAddress}`);
}

export interface DomainInput {
  name?: string;
  description?: string;
  active?: boolean;
  maxMailboxes?: number;
  maxAliases?: number;
  defaultQuotaBytes?: number;
  maxQuotaBytes?: number;
  quotaBytes?: number;
  mailHostname?: string | null;
  language?: 'en' | 'ja' | null;
}

export async function createDomain(client: ApiClient, overrides: DomainInput = {}): Promise<any> {
  const response = await client.post('/api/v1/domains', {
    body: { name: uniqueDomainName(), ...overrides },
  });
  if (response.status !== 201)
    throw new Error(`createDomain: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface MailboxInput {
  localPart?: string;
  displayName?: string;
  password?: string;
  quotaBytes?: number;
  active?: boolean;
  imapEnabled?: boolean;
  pop3Enabled?: boolean;
  smtpEnabled?: boolean;
  mustChangePassword?: boolean;
  forwardTo?: string[];
  keepCopy?: boolean;
  language?: 'en' | 'ja' | null;
  confirmUnknownDestinations?: boolean;
}

export async function createMailbox(
  client: ApiClient,
  domain: string,
  overrides: MailboxInput = {},
): Promise<any> {
  const localPart = overrides.localPart ?? unique('user');
  const response = await client.post(`/api/v1/domains/${domain}/mailboxes`, {
    body: { localPart, password: strongPassword(`${localPart}@${domain}`), ...overrides },
  });
  if (response.status !== 201)
    throw new Error(`createMailbox: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createAlias(
  client: ApiClient,
  domain: string,
  overrides: {
    localPart?: string;
    address?: string;
    destinations?: string[];
    active?: boolean;
    confirmUnknownDestinations?: boolean;
  } = {},
): Promise<any> {
  const body =
    overrides.address === undefined ? { localPart: unique('alias'), ...overrides } : overrides;
  const response = await client.post(`/api/v1/domains/${domain}/aliases`, {
    body: { destinations: ['someone@elsewhere.example'], ...body },
  });
  if (response.status !== 201)
    throw new Error(`createAlias: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createToken(
  client: ApiClient,
  overrides: { name?: string; scopes?: string[]; domains?: string[]; expiresAt?: string } = {},
): Promise<{ token: string; id: string } & Record<string, unknown>> {
  const response = await client.post('/api/v1/api-tokens', {
    body: { name: unique('token'), scopes: ['domains:read'], ...overrides },
  });
  if (response.status !== 201)
    throw new Error(`createToken: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
