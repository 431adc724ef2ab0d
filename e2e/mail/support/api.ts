import pg from 'pg';
import { ApiClient } from '../../../apps/api/test/support/api-client.js';
import {
  createDomain,
  createMailbox,
  strongPassword,
  unique,
  type DomainInput,
  type MailboxInput,
} from '../../../apps/api/test/support/factory.js';
import { stack } from './clients.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './mail-stack.js';

let admin: Promise<ApiClient> | undefined;

/** The bootstrap superadmin, signed in to the suite's Yubin. */
export function api(): Promise<ApiClient> {
  admin ??= ApiClient.login(stack().apiBaseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  return admin;
}

export interface TestMailbox {
  address: string;
  password: string;
  domain: string;
}

/** A new domain through the API. */
export async function newDomain(overrides: DomainInput = {}): Promise<string> {
  return ((await createDomain(await api(), overrides)) as { name: string }).name;
}

/** A new mailbox (in a new domain unless one is given) with a known password. */
export async function newMailbox(
  overrides: MailboxInput & { domain?: string } = {},
): Promise<TestMailbox> {
  const { domain: givenDomain, ...mailbox } = overrides;
  const domain = givenDomain ?? (await newDomain());
  const password = mailbox.password ?? strongPassword();
  const created = (await createMailbox(await api(), domain, { ...mailbox, password })) as {
    address: string;
  };
  return { address: created.address, password, domain };
}

/** Calls the API and insists on the expected status. */
export async function expectStatus<T = any>(
  response: Promise<{ status: number; body: T }>,
  status: number,
): Promise<T> {
  const { status: actual, body } = await response;
  if (actual !== status)
    throw new Error(`expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
  return body;
}

let pool: pg.Pool | undefined;

/** SQL on the suite's database as its owner: only for what the API cannot do yet. */
export function sql(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: stack().databaseUrl, max: 2 });
  return pool;
}

export { strongPassword, unique };
