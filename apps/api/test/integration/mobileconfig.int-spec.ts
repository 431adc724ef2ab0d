import { createHash } from 'node:crypto';
import { generate } from 'otplib';
import { ApiClient, type ApiResponse } from '../support/api-client.js';
import { expectProblem, fieldErrors } from '../support/expectations.js';
import {
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
} from '../support/factory.js';
import { parsePlist, type PlistDict, type PlistValue } from '../support/plist.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const APP_PASSWORD = /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/;

type Kind = 'string' | 'integer' | 'boolean' | 'array';
/**
 * Apple's Device Management reference: the keys of a profile's top level, of any payload,
 * and of the com.apple.mail.managed payload, each with its type. Nothing else may appear.
 */
const TOP_LEVEL: Record<string, Kind> = {
  PayloadContent: 'array',
  PayloadDescription: 'string',
  PayloadDisplayName: 'string',
  PayloadIdentifier: 'string',
  PayloadOrganization: 'string',
  PayloadRemovalDisallowed: 'boolean',
  PayloadType: 'string',
  PayloadUUID: 'string',
  PayloadVersion: 'integer',
};
const MAIL_PAYLOAD: Record<string, Kind> = {
  PayloadDescription: 'string',
  PayloadDisplayName: 'string',
  PayloadIdentifier: 'string',
  PayloadOrganization: 'string',
  PayloadType: 'string',
  PayloadUUID: 'string',
  PayloadVersion: 'integer',
  EmailAccountDescription: 'string',
  EmailAccountName: 'string',
  EmailAccountType: 'string',
  EmailAddress: 'string',
  IncomingMailServerAuthentication: 'string',
  IncomingMailServerHostName: 'string',
  IncomingMailServerPortNumber: 'integer',
  IncomingMailServerUseSSL: 'boolean',
  IncomingMailServerUsername: 'string',
  IncomingPassword: 'string',
  OutgoingPassword: 'string',
  OutgoingPasswordSameAsIncomingPassword: 'boolean',
  OutgoingMailServerAuthentication: 'string',
  OutgoingMailServerHostName: 'string',
  OutgoingMailServerPortNumber: 'integer',
  OutgoingMailServerUseSSL: 'boolean',
  OutgoingMailServerUsername: 'string',
  PreventMove: 'boolean',
  PreventAppSheet: 'boolean',
  SMIMEEnabled: 'boolean',
  allowMailDrop: 'boolean',
  disableMailRecentsSyncing: 'boolean',
};
const AUTHENTICATIONS = [
  'EmailAuthNone',
  'EmailAuthPassword',
  'EmailAuthCRAMMD5',
  'EmailAuthNTLM',
  'EmailAuthHTTPMD5',
];

function kindOf(value: PlistValue): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  return typeof value;
}

/** Every key documented, of its documented type. */
function expectDocumented(
  dict: PlistDict,
  documented: Record<string, Kind>,
  required: string[],
): void {
  for (const [key, value] of Object.entries(dict)) {
    expect(documented[key], `undocumented key ${key}`).toBeDefined();
    expect(kindOf(value), key).toBe(documented[key]);
  }
  for (const key of required) expect(Object.keys(dict)).toContain(key);
}

describe('Apple configuration profile', () => {
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ ...CHEAP_HASHING, MAIL_HOSTNAME: 'mx.hosting.example' });
    root = await t.superadmin();
  });
  afterAll(() => t.close());

  async function user(displayName = 'Hanako Yamada', mailHostname: string | null = null) {
    const domain = (await createDomain(root, mailHostname === null ? {} : { mailHostname }))
      .name as string;
    const localPart = unique('user');
    const password = strongPassword(`${localPart}@${domain}`);
    const created = await createMailbox(root, domain, { localPart, password, displayName });
    const address = created.address as string;
    return {
      address,
      domain,
      password,
      client: await ApiClient.login(t.baseUrl, address, password),
    };
  }

  function download(client: ApiClient, withAppPassword: boolean): Promise<ApiResponse<string>> {
    return client.post(`${API}/me/mobileconfig`, { body: { withAppPassword } });
  }

  function profileOf(response: ApiResponse<string>): { top: PlistDict; mail: PlistDict } {
    expect(response.status, response.body).toBe(200);
    const top = parsePlist(response.body) as PlistDict;
    const content = top.PayloadContent as PlistDict[];
    expect(content).toHaveLength(1);
    return { top, mail: content[0]! };
  }

  it('sets up IMAP on 993 over TLS and sending on 587, every key Apple’s, and no password inside', async () => {
    const { address, domain, client } = await user(
      'Hanako <Yamada> & Co',
      `mail.${uniqueLabel()}.example`,
    );
    const response = await download(client, false);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-apple-aspen-config(;|$)/);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${address}.mobileconfig"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { top, mail } = profileOf(response);
    expectDocumented(top, TOP_LEVEL, [
      'PayloadContent',
      'PayloadIdentifier',
      'PayloadType',
      'PayloadUUID',
      'PayloadVersion',
    ]);
    expectDocumented(mail, MAIL_PAYLOAD, [
      'PayloadIdentifier',
      'PayloadType',
      'PayloadUUID',
      'PayloadVersion',
      'EmailAccountType',
      'IncomingMailServerHostName',
      'IncomingMailServerAuthentication',
      'OutgoingMailServerHostName',
      'OutgoingMailServerAuthentication',
    ]);
    expect(top).toMatchObject({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadRemovalDisallowed: false,
    });
    expect(top.PayloadUUID).toMatch(UUID);
    expect(mail.PayloadUUID).toMatch(UUID);
    expect(mail.PayloadUUID).not.toBe(top.PayloadUUID);
    const host = (await root.get(`${API}/domains/${domain}`)).body.mailHostname as string;
    expect(mail).toEqual({
      PayloadType: 'com.apple.mail.managed',
      PayloadVersion: 1,
      PayloadIdentifier: `${top.PayloadIdentifier as string}.account`,
      PayloadUUID: mail.PayloadUUID,
      PayloadDisplayName: address,
      EmailAccountDescription: address,
      EmailAccountName: 'Hanako <Yamada> & Co',
      EmailAccountType: 'EmailTypeIMAP',
      EmailAddress: address,
      IncomingMailServerAuthentication: 'EmailAuthPassword',
      IncomingMailServerHostName: host,
      IncomingMailServerPortNumber: 993,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: address,
      OutgoingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerHostName: host,
      OutgoingMailServerPortNumber: 587,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerUsername: address,
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(AUTHENTICATIONS).toContain(mail.IncomingMailServerAuthentication);
    expect((await client.get(`${API}/me/app-passwords`)).body).toEqual([]);
    const events = await root.get(
      `${API}/audit-events?action=mailbox.mobileconfig&target=${encodeURIComponent(address)}`,
    );
    expect((events.body.items as { after: unknown }[]).map((item) => item.after)).toEqual([
      { profile: 'apple-mail', issuedCredentialId: null },
    ]);
  });

  it('uses the global mail host names for a domain without its own', async () => {
    const { client } = await user();
    const { mail } = profileOf(await download(client, false));
    expect(mail.IncomingMailServerHostName).toBe('mx.hosting.example');
    expect(mail.OutgoingMailServerHostName).toBe('mx.hosting.example');
  });

  it('puts a new IMAP and SMTP app password inside when asked, which the mail server accepts; the audit log keeps no password', async () => {
    const { address, client } = await user();
    const secret = (await client.post(`${API}/me/2fa/totp`)).body.secret as string;
    expect(
      (
        await client.post(`${API}/me/2fa/totp/confirm`, {
          body: { code: await generate({ secret }) },
        })
      ).status,
    ).toBe(200);
    const first = profileOf(await download(client, true));
    const password = first.mail.IncomingPassword as string;
    expect(password).toMatch(APP_PASSWORD);
    expect(first.mail.OutgoingPassword).toBe(password);
    const listed = (await client.get(`${API}/me/app-passwords`)).body as {
      id: string;
      protocols: string[];
      name: string;
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]!.protocols.sort()).toEqual(['imap', 'smtp']);
    expect(listed[0]!.name).toMatch(/^Apple profile \d{4}-\d\d-\d\d$/);
    // What Dovecot looks the password up by, opening IMAP and SMTP.
    const rows = await t.sql.query<{ services: string[] }>(
      'SELECT services FROM mailserver.passdb_map WHERE username = $1 AND lookup_key = $2',
      [address, createHash('sha256').update(password).digest('hex')],
    );
    expect(rows.rows.map((row) => [...row.services].sort())).toEqual([['imap', 'smtp']]);

    // A second download replaces the profile on the device and brings its own password.
    const second = profileOf(await download(client, true));
    expect(second.top.PayloadIdentifier).toBe(first.top.PayloadIdentifier);
    expect(second.top.PayloadUUID).not.toBe(first.top.PayloadUUID);
    expect(second.mail.IncomingPassword).not.toBe(password);

    const events = await root.get(
      `${API}/audit-events?action=mailbox.mobileconfig&target=${encodeURIComponent(address)}`,
    );
    expect(events.status).toBe(200);
    const items = events.body.items as { after: unknown }[];
    expect(items).toHaveLength(2);
    const issued = ((await client.get(`${API}/me/app-passwords`)).body as { id: string }[]).map(
      (item) => item.id,
    );
    expect(items.map((item) => item.after)).toEqual(
      expect.arrayContaining(
        issued.map((id) => ({ profile: 'apple-mail', issuedCredentialId: id })),
      ),
    );
    expect(JSON.stringify(events.body)).not.toContain(password);
  });

  it('is for mailbox users signed in: not for an account without a mailbox, an API token, or anyone unsigned', async () => {
    expectProblem(await download(root, false), 403, 'NOT_A_MAILBOX_USER');
    const token = await createToken(root, { scopes: ['mailboxes:read'] });
    expectProblem(await download(t.anonymous().withToken(token.token), false), 403, 'FORBIDDEN');
    expectProblem(await download(t.anonymous(), false), 401, 'UNAUTHENTICATED');
    const { client } = await user();
    const missing = await client.post(`${API}/me/mobileconfig`, { body: {} });
    expectProblem(missing, 422, 'VALIDATION_FAILED');
    expect(fieldErrors(missing).map((f) => f.split(':')[0])).toEqual(['withAppPassword']);
  });
});

function uniqueLabel(): string {
  return unique('h');
}
