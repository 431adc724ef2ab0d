import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { TOKEN_SCOPES, type Permission } from '#contracts';
import type { AccessRule } from '../../src/common/auth/access.decorators.js';
import { routeTable, type RouteEntry } from '../../src/common/auth/route-table.js';
import { ApiClient, type ApiResponse } from '../support/api-client.js';
import {
  createAlias,
  createDomain,
  createMailbox,
  createToken,
  strongPassword,
  unique,
  uniqueDomainName,
} from '../support/factory.js';
import { startTestApp } from '../support/test-app.js';

/**
 * The authorization matrix: every route the application serves (read from its route
 * table, not listed by hand) called by every kind of principal. The table below only
 * says how to call a route; what each principal must get is derived from the route's
 * access rule, the principal's rights and the OpenAPI document.
 */

const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
/** Set, so the mail server's routes refuse principals for what they are, not for a missing key. */
const MAIL_SERVER_KEY = { MAIL_AUTH_POLICY_SECRET: 'matrix-mail-server-key-0123456789abcdef' };
const API = '/api/v1';

// The route table is needed to name the tests, so the app starts while the file loads.
const t = await startTestApp({ ...CHEAP_HASHING, ...MAIL_SERVER_KEY });
// The API's routes; mail app autoconfiguration at the root is public by design (autoconfig.int-spec).
const ROUTES: RouteEntry[] = routeTable(t.app, 'api/v1').filter((route) =>
  route.path.startsWith(`${API}/`),
);

// ---------------------------------------------------------------------------------------
// Principals

type ActorName =
  | 'anonymous'
  | 'superadmin'
  | 'domainAdminA'
  | 'helpdeskA'
  | 'domainAdminB'
  | 'mailboxUserA'
  | 'mailboxUserB'
  | 'tokenWithoutScope'
  | 'tokenLimitedToB';

interface Credentials {
  email: string;
  password: string;
}

interface Actor {
  name: ActorName;
  client: ApiClient;
  via: 'none' | 'session' | 'token';
  /** What the principal may do: its role's permissions, narrowed by a token's scopes. */
  permissions: ReadonlySet<Permission>;
  /** The domains it reaches. */
  domains: 'all' | readonly string[];
  /** Signs in as a mailbox (app passwords and connection settings are theirs only). */
  hasMailbox: boolean;
  /** Holds an admin role (may own API tokens). */
  isAdmin: boolean;
  /** The identity's password (the owner's, for a token), for self-service routes that ask for it. */
  login?: Credentials;
  /** May see domain A at all (its own mailbox lives there, or it reaches the domain). */
  seesA: boolean;
}

/** The roles as the product documents them; written out here as the oracle. */
const ROLE: Record<'superadmin' | 'domain-admin' | 'helpdesk', readonly Permission[]> = {
  superadmin: TOKEN_SCOPES,
  'domain-admin': [
    'domains:read',
    'domains:write',
    'mailboxes:read',
    'mailboxes:write',
    'mailboxes:credentials',
    'aliases:read',
    'aliases:write',
    'audit:read',
    'admins:read',
    'admins:write',
    'spam:read',
    'spam:write',
  ],
  helpdesk: ['domains:read', 'mailboxes:read', 'mailboxes:credentials', 'spam:read'],
};

// ---------------------------------------------------------------------------------------
// Fixtures (filled in beforeAll)

interface Fixtures {
  setup: ApiClient;
  A: string;
  B: string;
  /** A neutral domain for the sign-in probes of the public routes. */
  C: string;
  victimMailbox: string;
  victimAppPasswordId: string;
  /** A rule of the victim mailbox's own, for other principals' DELETE /me/sender-rules/:id. */
  victimRuleId: string;
  alias: string;
  aliasDomain: string;
  staffAdminId: string;
  tokenOfDomainAdminA: string;
  probe: Credentials;
  mfa: Credentials & { session: ApiClient; recoveryCodes: string[] };
  actors: Actor[];
  /** Strings that must not reach a principal that cannot see domain A. */
  secretsOfA: Set<string>;
  /** Documented problem codes by `METHOD /path/:param` and status. */
  documented: Map<string, Map<number, string[]>>;
}

let fx: Fixtures;

// Fresh targets in domain A, made by the setup superadmin, so destructive calls never starve later cells.
async function freshMailbox(): Promise<string> {
  return (await createMailbox(fx.setup, fx.A)).address as string;
}

async function freshDeletedMailbox(): Promise<string> {
  const address = await freshMailbox();
  expect((await fx.setup.delete(`${API}/mailboxes/${address}`)).status).toBe(204);
  return address;
}

/** Never contacted: the matrix only publishes while nothing is set up. */
const DNS_PUBLISHING = {
  server: '127.0.0.1:9',
  zone: '',
  tsigKeyName: 'matrix',
  tsigAlgorithm: 'hmac-sha256',
  tsigSecret: Buffer.alloc(32, 1).toString('base64'),
};

async function setUpDnsPublishing(): Promise<void> {
  const response = await fx.setup.put(`${API}/domains/${fx.A}/dns-publishing`, {
    body: { ...DNS_PUBLISHING, zone: fx.A },
  });
  expect(response.status).toBe(200);
}

async function freshAlias(): Promise<string> {
  return (await createAlias(fx.setup, fx.A)).address as string;
}

/** A key of A that does not sign (the domain's first key does), so it may be deleted. */
async function freshDkimKey(): Promise<string> {
  for (;;) {
    const response = await fx.setup.post(`${API}/domains/${fx.A}/dkim-keys`, {
      body: { algorithm: 'ed25519' },
    });
    expect(response.status).toBe(201);
    if (response.body.state !== 'active') return response.body.selector as string;
  }
}

async function freshAliasDomain(): Promise<string> {
  const name = uniqueDomainName();
  const response = await fx.setup.post(`${API}/alias-domains`, {
    body: { name, targetDomain: fx.A },
  });
  expect(response.status).toBe(201);
  fx.secretsOfA.add(name);
  return name;
}

async function freshAdminOfA(): Promise<string> {
  const response = await fx.setup.post(`${API}/admins`, {
    body: {
      email: `${unique('staff')}@${fx.A}`,
      role: 'helpdesk',
      domains: [fx.A],
      password: strongPassword(),
    },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

/** A fresh rule in a list, made by the setup superadmin. */
async function freshRule(list: string): Promise<string> {
  const response = await fx.setup.post(list, {
    body: { kind: 'block', match: { sender: `${unique('r')}@spam.example` } },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function freshAppPasswordOfVictim(): Promise<string> {
  const response = await fx.setup.post(`${API}/mailboxes/${fx.victimMailbox}/app-passwords`, {
    body: { name: 'matrix', protocols: ['imap'] },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

function signIn(credentials: Credentials): Promise<ApiClient> {
  return ApiClient.login(t.baseUrl, credentials.email, credentials.password);
}

/** Logs the actor's identity in once more and returns that session's id (for DELETE /me/sessions/:id). */
async function anotherSessionOf(actor: Actor): Promise<string | undefined> {
  if (actor.login === undefined) return undefined;
  const other = await signIn(actor.login);
  const sessions = await other.get(`${API}/me/sessions`);
  expect(sessions.status).toBe(200);
  return (sessions.body as { id: string; current: boolean }[]).find((s) => s.current)?.id;
}

async function nextRecoveryCode(): Promise<string> {
  if (fx.mfa.recoveryCodes.length === 0) {
    const fresh = await fx.mfa.session.post(`${API}/me/2fa/recovery-codes`);
    expect(fresh.status).toBe(200);
    fx.mfa.recoveryCodes = fresh.body.recoveryCodes as string[];
  }
  return fx.mfa.recoveryCodes.pop()!;
}

// ---------------------------------------------------------------------------------------
// How to call each route. Path parameters come from fixtures in domain A.

interface Call {
  path: string;
  body?: unknown;
  /** Another client of the same identity (for calls that end the session they are made in). */
  as?: ApiClient;
}

interface Entry {
  call(actor: Actor): Call | Promise<Call>;
  /**
   * Documented problem codes the call is designed to end in when the principal may make it
   * (e.g. a deliberately wrong TOTP code); anything else that is not 2xx fails.
   */
  accepts?: (actor: Actor) => readonly string[];
  /** Creating and deleting domains and alias domains needs every domain in reach. */
  allDomains?: true;
  /** Outside the principal's domains this answers a field error rather than 404. */
  outOfScopeField?: string;
  /** The call names something in domain A, so a principal outside A gets 404. Default: a path parameter. */
  targetsA?: boolean;
  /** Bookkeeping after the call (e.g. remember a changed password). */
  after?: (actor: Actor, call: Call, response: ApiResponse) => void;
}

const ENTRIES: Record<string, Entry> = {
  // Public
  'GET /api/v1/health': { call: () => ({ path: `${API}/health` }) },
  'POST /api/v1/auth/login': {
    call: () => ({ path: `${API}/auth/login`, body: fx.probe }),
  },
  'POST /api/v1/auth/login/mfa': {
    call: async () => {
      const first = await t.anonymous().post(`${API}/auth/login`, {
        body: { email: fx.mfa.email, password: fx.mfa.password },
      });
      expect(first.body.mfaRequired).toBe(true);
      return {
        path: `${API}/auth/login/mfa`,
        body: { challenge: first.body.challenge, code: await nextRecoveryCode() },
      };
    },
  },

  // The mail server only: no user, session or token reaches it
  'POST /api/v1/internal/dovecot/auth-policy': {
    call: () => ({
      path: `${API}/internal/dovecot/auth-policy?command=allow`,
      body: { login: fx.probe.email, remote: '192.0.2.1', protocol: 'imap', tls: true },
    }),
  },

  'POST /api/v1/internal/dovecot/quota-warning': {
    call: () => ({
      path: `${API}/internal/dovecot/quota-warning`,
      body: { address: fx.probe.email, percent: 80 },
    }),
  },
  'GET /api/v1/internal/rspamd/sender-rules/:kind': {
    call: () => ({ path: `${API}/internal/rspamd/sender-rules/block` }),
  },
  'GET /api/v1/internal/rspamd/settings': {
    call: () => ({ path: `${API}/internal/rspamd/settings` }),
  },
  'GET /api/v1/internal/rspamd/dkim-signing-table': {
    call: () => ({ path: `${API}/internal/rspamd/dkim-signing-table` }),
  },
  'GET /api/v1/internal/rspamd/dkim-key-table': {
    call: () => ({ path: `${API}/internal/rspamd/dkim-key-table` }),
  },
  'POST /api/v1/internal/rspamd/dkim-signed': {
    call: () => ({
      path: `${API}/internal/rspamd/dkim-signed`,
      body: { signatures: [`${fx.A}:s=none`] },
    }),
  },

  // Signed-in principals, acting on themselves
  'POST /api/v1/auth/logout': {
    call: async (actor) => ({
      path: `${API}/auth/logout`,
      ...(actor.via === 'session' ? { as: await signIn(actor.login!) } : {}),
    }),
  },
  'GET /api/v1/api-tokens': { call: () => ({ path: `${API}/api-tokens` }) },
  'POST /api/v1/api-tokens': {
    call: () => ({
      path: `${API}/api-tokens`,
      body: { name: unique('matrix'), scopes: ['domains:read'] },
    }),
  },
  'DELETE /api/v1/api-tokens/:id': {
    call: async (actor) => {
      // An admin revokes a token of its own; anyone else tries domain admin A's.
      if (actor.via === 'session' && actor.isAdmin) {
        return { path: `${API}/api-tokens/${(await createToken(actor.client)).id}` };
      }
      return { path: `${API}/api-tokens/${fx.tokenOfDomainAdminA}` };
    },
    accepts: (actor) => (actor.isAdmin ? [] : ['API_TOKEN_NOT_FOUND']),
  },
  'GET /api/v1/me': { call: () => ({ path: `${API}/me` }) },
  'PATCH /api/v1/me': { call: () => ({ path: `${API}/me`, body: { language: 'ja' } }) },
  'POST /api/v1/me/password': {
    call: (actor) => ({
      path: `${API}/me/password`,
      body: { currentPassword: actor.login?.password ?? 'unknown', newPassword: strongPassword() },
    }),
    after: (actor, call, response) => {
      if (response.status === 204 && actor.login !== undefined)
        actor.login.password = (call.body as { newPassword: string }).newPassword;
    },
  },
  'GET /api/v1/me/password-policy': { call: () => ({ path: `${API}/me/password-policy` }) },
  'GET /api/v1/me/sessions': { call: () => ({ path: `${API}/me/sessions` }) },
  'DELETE /api/v1/me/sessions': { call: () => ({ path: `${API}/me/sessions` }) },
  'DELETE /api/v1/me/sessions/:id': {
    call: async (actor) => ({
      path: `${API}/me/sessions/${(await anotherSessionOf(actor)) ?? randomUUID()}`,
    }),
  },
  'GET /api/v1/me/connection-settings': {
    call: () => ({ path: `${API}/me/connection-settings` }),
  },
  'GET /api/v1/me/2fa': { call: () => ({ path: `${API}/me/2fa` }) },
  'GET /api/v1/settings': { call: () => ({ path: `${API}/settings` }) },
  'POST /api/v1/me/2fa/totp': { call: () => ({ path: `${API}/me/2fa/totp` }) },
  'POST /api/v1/me/2fa/totp/confirm': {
    call: async (actor) => {
      if (actor.via !== 'none') await actor.client.post(`${API}/me/2fa/totp`);
      return { path: `${API}/me/2fa/totp/confirm`, body: { code: '000000' } };
    },
    accepts: () => ['INVALID_TOTP_CODE'],
  },
  'POST /api/v1/me/2fa/recovery-codes': {
    call: () => ({ path: `${API}/me/2fa/recovery-codes` }),
    accepts: () => ['TWO_FACTOR_NOT_ENABLED'],
  },
  'DELETE /api/v1/me/2fa': {
    call: (actor) => ({
      path: `${API}/me/2fa`,
      body: { password: actor.login?.password ?? 'not-signed-in' },
    }),
  },
  'GET /api/v1/me/app-passwords': { call: () => ({ path: `${API}/me/app-passwords` }) },
  'POST /api/v1/me/app-passwords': {
    call: () => ({
      path: `${API}/me/app-passwords`,
      body: { name: 'matrix', protocols: ['imap', 'smtp'] },
    }),
  },
  'DELETE /api/v1/me/app-passwords/:id': {
    call: async (actor) => {
      if (actor.hasMailbox) {
        const own = await actor.client.post(`${API}/me/app-passwords`, {
          body: { name: 'to delete', protocols: ['imap'] },
        });
        expect(own.status).toBe(201);
        return { path: `${API}/me/app-passwords/${own.body.id as string}` };
      }
      return { path: `${API}/me/app-passwords/${fx.victimAppPasswordId}` };
    },
  },

  // Audit
  'GET /api/v1/audit-events': { call: () => ({ path: `${API}/audit-events?limit=100` }) },

  // Domains
  'GET /api/v1/domains': { call: () => ({ path: `${API}/domains?limit=100` }) },
  'POST /api/v1/domains': {
    call: () => ({ path: `${API}/domains`, body: { name: uniqueDomainName() } }),
    allDomains: true,
  },
  'GET /api/v1/domains/:name': { call: () => ({ path: `${API}/domains/${fx.A}` }) },
  'PATCH /api/v1/domains/:name': {
    call: () => ({ path: `${API}/domains/${fx.A}`, body: { description: unique('matrix') } }),
  },
  'DELETE /api/v1/domains/:name': {
    // Never domain A itself: a fresh, empty domain for each call.
    call: async () => ({ path: `${API}/domains/${(await createDomain(fx.setup)).name as string}` }),
    allDomains: true,
  },

  // Alias domains
  'GET /api/v1/alias-domains': { call: () => ({ path: `${API}/alias-domains?limit=100` }) },
  'POST /api/v1/alias-domains': {
    call: () => ({
      path: `${API}/alias-domains`,
      body: { name: uniqueDomainName(), targetDomain: fx.A },
    }),
    allDomains: true,
  },
  'GET /api/v1/alias-domains/:name': {
    call: () => ({ path: `${API}/alias-domains/${fx.aliasDomain}` }),
  },
  'DELETE /api/v1/alias-domains/:name': {
    call: async () => ({ path: `${API}/alias-domains/${await freshAliasDomain()}` }),
    allDomains: true,
  },

  // Mailboxes
  'GET /api/v1/mailboxes': {
    // Across domains: nothing of A may show to a principal that cannot see A.
    call: () => ({ path: `${API}/mailboxes?limit=200&q=${fx.victimMailbox.split('@')[0]}` }),
  },
  'GET /api/v1/domains/:domain/mailboxes': {
    call: () => ({ path: `${API}/domains/${fx.A}/mailboxes?limit=100` }),
  },
  'POST /api/v1/domains/:domain/mailboxes': {
    call: () => ({
      path: `${API}/domains/${fx.A}/mailboxes`,
      body: { localPart: unique('made'), password: strongPassword() },
    }),
  },
  'GET /api/v1/mailboxes/:address': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}` }),
  },
  'PATCH /api/v1/mailboxes/:address': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}`,
      body: { displayName: unique('Matrix ') },
    }),
  },
  'DELETE /api/v1/mailboxes/:address': {
    call: async () => ({ path: `${API}/mailboxes/${await freshMailbox()}` }),
  },
  'POST /api/v1/mailboxes/:address/restore': {
    call: async () => ({ path: `${API}/mailboxes/${await freshDeletedMailbox()}/restore` }),
  },
  'POST /api/v1/mailboxes/:address/password-reset': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/password-reset`, body: {} }),
  },
  'POST /api/v1/mailboxes/:address/unlock': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/unlock` }),
  },
  'POST /api/v1/mailboxes/:address/2fa-reset': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/2fa-reset` }),
  },
  'GET /api/v1/mailboxes/:address/app-passwords': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/app-passwords` }),
  },
  'POST /api/v1/mailboxes/:address/app-passwords': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/app-passwords`,
      body: { name: unique('phone '), protocols: ['imap'] },
    }),
  },
  'DELETE /api/v1/mailboxes/:address/app-passwords/:id': {
    call: async () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/app-passwords/${await freshAppPasswordOfVictim()}`,
    }),
  },

  // Aliases
  'GET /api/v1/domains/:domain/aliases': {
    call: () => ({ path: `${API}/domains/${fx.A}/aliases?limit=100` }),
  },
  'POST /api/v1/domains/:domain/aliases': {
    call: () => ({
      path: `${API}/domains/${fx.A}/aliases`,
      body: { localPart: unique('made'), destinations: ['someone@elsewhere.example'] },
    }),
  },
  'GET /api/v1/aliases/:address': { call: () => ({ path: `${API}/aliases/${fx.alias}` }) },
  'PATCH /api/v1/aliases/:address': {
    call: () => ({
      path: `${API}/aliases/${fx.alias}`,
      body: { destinations: [`${unique('to')}@elsewhere.example`] },
    }),
  },
  'DELETE /api/v1/aliases/:address': {
    call: async () => ({ path: `${API}/aliases/${await freshAlias()}` }),
  },

  // DNS records
  'GET /api/v1/domains/:domain/dns-settings': {
    call: () => ({ path: `${API}/domains/${fx.A}/dns-settings` }),
  },
  'PUT /api/v1/domains/:domain/dns-settings': {
    call: () => ({ path: `${API}/domains/${fx.A}/dns-settings`, body: { dmarcPolicy: 'reject' } }),
  },
  'GET /api/v1/domains/:domain/dns-records': {
    call: () => ({ path: `${API}/domains/${fx.A}/dns-records` }),
  },
  'POST /api/v1/domains/:domain/dns-records/verify': {
    call: () => ({ path: `${API}/domains/${fx.A}/dns-records/verify` }),
  },
  'GET /api/v1/domains/:domain/dkim-keys': {
    call: () => ({ path: `${API}/domains/${fx.A}/dkim-keys` }),
  },
  'POST /api/v1/domains/:domain/dkim-keys': {
    call: () => ({ path: `${API}/domains/${fx.A}/dkim-keys`, body: { algorithm: 'ed25519' } }),
  },
  'POST /api/v1/domains/:domain/dkim-keys/rotate': {
    call: async () => {
      // A rotation is refused while another waits: remove every waiting key first.
      const listed = await fx.setup.get(`${API}/domains/${fx.A}/dkim-keys`);
      for (const key of listed.body.keys as { selector: string; state: string }[]) {
        if (key.state === 'published')
          await fx.setup.delete(`${API}/domains/${fx.A}/dkim-keys/${key.selector}`);
      }
      return { path: `${API}/domains/${fx.A}/dkim-keys/rotate`, body: {} };
    },
  },
  'GET /api/v1/domains/:domain/dkim-settings': {
    call: () => ({ path: `${API}/domains/${fx.A}/dkim-settings` }),
  },
  'PUT /api/v1/domains/:domain/dkim-settings': {
    call: () => ({ path: `${API}/domains/${fx.A}/dkim-settings`, body: { dkimRotationDays: 182 } }),
  },
  'DELETE /api/v1/domains/:domain/dkim-keys/:selector': {
    call: async () => ({ path: `${API}/domains/${fx.A}/dkim-keys/${await freshDkimKey()}` }),
  },
  'GET /api/v1/dns-status': { call: () => ({ path: `${API}/dns-status` }) },
  'GET /api/v1/domains/:domain/dns-publishing': {
    call: async () => {
      await setUpDnsPublishing();
      return { path: `${API}/domains/${fx.A}/dns-publishing` };
    },
  },
  'PUT /api/v1/domains/:domain/dns-publishing': {
    call: () => ({
      path: `${API}/domains/${fx.A}/dns-publishing`,
      body: { ...DNS_PUBLISHING, zone: fx.A },
    }),
  },
  'DELETE /api/v1/domains/:domain/dns-publishing': {
    call: async () => {
      await setUpDnsPublishing();
      return { path: `${API}/domains/${fx.A}/dns-publishing` };
    },
  },
  'POST /api/v1/domains/:domain/dns-records/publish': {
    // Nothing set up: the rule is judged without sending anything anywhere.
    call: async () => {
      await fx.setup.delete(`${API}/domains/${fx.A}/dns-publishing`);
      return { path: `${API}/domains/${fx.A}/dns-records/publish` };
    },
    accepts: () => ['DNS_PUBLISHING_NOT_CONFIGURED'],
  },

  // Spam policy
  'GET /api/v1/domains/:domain/spam-policy': {
    call: () => ({ path: `${API}/domains/${fx.A}/spam-policy` }),
  },
  'PUT /api/v1/domains/:domain/spam-policy': {
    call: () => ({ path: `${API}/domains/${fx.A}/spam-policy`, body: { junkScore: 7 } }),
  },
  'GET /api/v1/mailboxes/:address/spam-policy': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/spam-policy` }),
  },
  'PUT /api/v1/mailboxes/:address/spam-policy': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/spam-policy`,
      body: { junkFolder: 'Spam' },
    }),
  },
  'GET /api/v1/me/spam-policy': { call: () => ({ path: `${API}/me/spam-policy` }) },
  'PUT /api/v1/me/spam-policy': {
    call: () => ({ path: `${API}/me/spam-policy`, body: { junkScore: 5.5 } }),
  },

  // Sender rules
  'GET /api/v1/sender-rules': {
    call: () => ({ path: `${API}/sender-rules?limit=200` }),
    allDomains: true,
  },
  'POST /api/v1/sender-rules': {
    call: () => ({
      path: `${API}/sender-rules`,
      body: { kind: 'block', match: { sender: `${unique('g')}@spam.example` } },
    }),
    allDomains: true,
  },
  'DELETE /api/v1/sender-rules/:id': {
    call: async () => ({ path: `${API}/sender-rules/${await freshRule(`${API}/sender-rules`)}` }),
    allDomains: true,
  },
  'GET /api/v1/domains/:domain/sender-rules': {
    call: () => ({ path: `${API}/domains/${fx.A}/sender-rules?inherited=true` }),
  },
  'POST /api/v1/domains/:domain/sender-rules': {
    call: () => ({
      path: `${API}/domains/${fx.A}/sender-rules`,
      body: { kind: 'block', match: { senderDomain: `${unique('d')}.example` } },
    }),
  },
  'DELETE /api/v1/domains/:domain/sender-rules/:id': {
    call: async () => {
      const list = `${API}/domains/${fx.A}/sender-rules`;
      return { path: `${list}/${await freshRule(list)}` };
    },
  },
  'GET /api/v1/mailboxes/:address/sender-rules': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/sender-rules?inherited=true` }),
  },
  'POST /api/v1/mailboxes/:address/sender-rules': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/sender-rules`,
      body: { kind: 'allow', match: { sender: `${unique('m')}@friend.example` } },
    }),
  },
  'DELETE /api/v1/mailboxes/:address/sender-rules/:id': {
    call: async () => {
      const list = `${API}/mailboxes/${fx.victimMailbox}/sender-rules`;
      return { path: `${list}/${await freshRule(list)}` };
    },
  },
  'GET /api/v1/mailboxes/:address/sender-rules/decision': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/sender-rules/decision?sender=a@spam.example&clientIp=192.0.2.1`,
    }),
  },
  // Diagnostics
  'GET /api/v1/mailboxes/:address/diagnostics': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/diagnostics?from=a@spam.example`,
    }),
  },
  'POST /api/v1/mailboxes/:address/diagnostics/send-check': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/diagnostics/send-check`,
      body: { from: 'a@spam.example', to: fx.victimMailbox },
    }),
  },
  // Handover
  'GET /api/v1/mailboxes/:address/handover': {
    call: () => ({ path: `${API}/mailboxes/${fx.victimMailbox}/handover` }),
  },
  'POST /api/v1/mailboxes/:address/handover/send': {
    call: () => ({
      path: `${API}/mailboxes/${fx.victimMailbox}/handover/send`,
      body: { to: 'handover@elsewhere.example' },
    }),
    // This app has no outgoing mail server; sending itself is handover-send.int-spec's.
    accepts: () => ['OUTBOUND_MAIL_NOT_CONFIGURED'],
  },
  'POST /api/v1/me/mobileconfig': {
    call: () => ({ path: `${API}/me/mobileconfig`, body: { withAppPassword: false } }),
  },
  'GET /api/v1/me/diagnostics': {
    call: () => ({ path: `${API}/me/diagnostics?from=a@spam.example` }),
  },

  'GET /api/v1/me/sender-rules': {
    call: () => ({ path: `${API}/me/sender-rules?inherited=true` }),
  },
  'POST /api/v1/me/sender-rules': {
    call: () => ({
      path: `${API}/me/sender-rules`,
      body: { kind: 'block', match: { sender: `${unique('me')}@spam.example` } },
    }),
  },
  'DELETE /api/v1/me/sender-rules/:id': {
    call: async (actor) => {
      if (actor.hasMailbox) {
        const own = await actor.client.post(`${API}/me/sender-rules`, {
          body: { kind: 'block', match: { sender: `${unique('del')}@spam.example` } },
        });
        expect(own.status).toBe(201);
        return { path: `${API}/me/sender-rules/${own.body.id as string}` };
      }
      return { path: `${API}/me/sender-rules/${fx.victimRuleId}` };
    },
  },

  // Admins
  'GET /api/v1/admins': { call: () => ({ path: `${API}/admins?limit=100` }) },
  'POST /api/v1/admins': {
    call: () => ({
      path: `${API}/admins`,
      body: {
        email: `${unique('new')}@${fx.A}`,
        role: 'helpdesk',
        domains: [fx.A],
        password: strongPassword(),
      },
    }),
    targetsA: true,
    outOfScopeField: 'domains.0',
  },
  'GET /api/v1/admins/:id': { call: () => ({ path: `${API}/admins/${fx.staffAdminId}` }) },
  'PATCH /api/v1/admins/:id': {
    call: () => ({ path: `${API}/admins/${fx.staffAdminId}`, body: { active: true } }),
  },
  'DELETE /api/v1/admins/:id': {
    call: async () => ({ path: `${API}/admins/${await freshAdminOfA()}` }),
  },
  'POST /api/v1/admins/:id/password-reset': {
    call: () => ({ path: `${API}/admins/${fx.staffAdminId}/password-reset` }),
  },
  'POST /api/v1/admins/:id/2fa-reset': {
    call: () => ({ path: `${API}/admins/${fx.staffAdminId}/2fa-reset` }),
  },
};

// ---------------------------------------------------------------------------------------
// What each principal must get, derived from the access rule

/** The documented refusals of routes open to every signed-in principal. */
const MAILBOX_ONLY = new Set([
  'GET /api/v1/me/app-passwords',
  'POST /api/v1/me/app-passwords',
  'DELETE /api/v1/me/app-passwords/:id',
  'GET /api/v1/me/connection-settings',
  'GET /api/v1/me/spam-policy',
  'PUT /api/v1/me/spam-policy',
  'GET /api/v1/me/sender-rules',
  'POST /api/v1/me/sender-rules',
  'DELETE /api/v1/me/sender-rules/:id',
  'GET /api/v1/me/diagnostics',
  'POST /api/v1/me/mobileconfig',
]);

type Expected =
  | { kind: 'refused'; status: 401 | 403 | 404; code?: string }
  | { kind: 'field'; status: 422; field: string }
  | { kind: 'allowed'; allow404: boolean };

function reachesA(actor: Actor): boolean {
  return actor.domains === 'all' || actor.domains.includes(fx.A);
}

function expected(key: string, route: RouteEntry, entry: Entry, actor: Actor): Expected {
  const rule = route.access as AccessRule;
  if (rule.kind === 'public') return { kind: 'allowed', allow404: false };
  if (rule.kind === 'mail-server') return { kind: 'refused', status: 401, code: 'UNAUTHENTICATED' };
  if (actor.via === 'none') return { kind: 'refused', status: 401, code: 'UNAUTHENTICATED' };
  if (rule.kind === 'authenticated') {
    if (rule.sessionOnly === true && actor.via === 'token')
      return { kind: 'refused', status: 403, code: 'FORBIDDEN' };
    if (MAILBOX_ONLY.has(key) && !actor.hasMailbox)
      return { kind: 'refused', status: 403, code: 'NOT_A_MAILBOX_USER' };
    if (key === 'POST /api/v1/api-tokens' && !actor.isAdmin)
      return { kind: 'refused', status: 403, code: 'FORBIDDEN' };
    return { kind: 'allowed', allow404: true };
  }
  if (!actor.permissions.has(rule.permission))
    return { kind: 'refused', status: 403, code: 'FORBIDDEN' };
  if (entry.allDomains === true && actor.domains !== 'all')
    return { kind: 'refused', status: 403, code: 'FORBIDDEN' };
  const targetsA = entry.targetsA ?? route.path.includes('/:');
  if (targetsA && !reachesA(actor)) {
    return entry.outOfScopeField === undefined
      ? { kind: 'refused', status: 404 }
      : { kind: 'field', status: 422, field: entry.outOfScopeField };
  }
  return { kind: 'allowed', allow404: false };
}

function describeResponse(response: ApiResponse): string {
  const body: unknown = response.body;
  const text = typeof body === 'string' ? body : (JSON.stringify(body) as string | undefined);
  return `${response.status} ${(text ?? '').slice(0, 200)}`;
}

/** Checks one cell; returns what is wrong with it, if anything. */
function judge(
  key: string,
  route: RouteEntry,
  entry: Entry,
  actor: Actor,
  call: Call,
  response: ApiResponse,
): string[] {
  const want = expected(key, route, entry, actor);
  const code = (response.body as { code?: unknown } | undefined)?.code;
  const documented = fx.documented.get(key)?.get(response.status) ?? [];
  const problems: string[] = [];
  const got = describeResponse(response);
  if (want.kind === 'refused') {
    if (response.status !== want.status || (want.code !== undefined && code !== want.code)) {
      problems.push(`expected ${want.status} ${want.code ?? ''}, got ${got}`);
    } else if (want.status === 404 && !documented.includes(code as string)) {
      problems.push(`expected 404 with a documented code (${documented.join(', ')}), got ${got}`);
    }
    if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? ''))
      problems.push(`refusal is not problem+json: ${got}`);
  } else if (want.kind === 'field') {
    const fields = ((response.body as { errors?: { field: string }[] }).errors ?? []).map(
      (e) => e.field,
    );
    if (response.status !== 422 || code !== 'VALIDATION_FAILED' || !fields.includes(want.field))
      problems.push(`expected 422 on ${want.field}, got ${got}`);
  } else if (response.status < 200 || response.status >= 300) {
    const refusal = [401, 403].includes(response.status) || response.status >= 500;
    const notFound = response.status === 404 && !want.allow404;
    const accepted = entry.accepts?.(actor) ?? [];
    if (
      refusal ||
      notFound ||
      !accepted.includes(code as string) ||
      !documented.includes(code as string)
    )
      problems.push(`expected success, got ${got}`);
  }

  // Nothing of domain A may reach a principal that cannot see it, unless the request named it.
  if (!actor.seesA) {
    const sent = `${call.path} ${JSON.stringify(call.body ?? null)}`;
    const received = `${response.headers.get('location') ?? ''} ${
      typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
    }`;
    for (const secret of fx.secretsOfA) {
      if (!sent.includes(secret) && received.includes(secret))
        problems.push(`leaks ${secret}: ${got}`);
    }
  }
  return problems.map((problem) => `${actor.name}: ${problem}`);
}

// ---------------------------------------------------------------------------------------

/** `METHOD /path/:param` → status → the problem codes the OpenAPI document lists for it. */
function documentedCodes(document: any): Map<string, Map<number, string[]>> {
  const result = new Map<string, Map<number, string[]>>();
  for (const [path, item] of Object.entries(document.paths as Record<string, any>)) {
    for (const [method, operation] of Object.entries(item as Record<string, any>)) {
      const byStatus = new Map<number, string[]>();
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const description = (response as { description?: string }).description ?? '';
        byStatus.set(
          Number(status),
          [...description.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1]!),
        );
      }
      result.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, byStatus);
    }
  }
  return result;
}

function routeKey(route: RouteEntry): string {
  return `${route.method} ${route.path}`;
}

describe('authorization matrix', () => {
  beforeAll(async () => {
    const setup = await t.superadmin();
    const docs = await t.anonymous().get('/api/docs-json');
    expect(docs.status).toBe(200);
    const [A, B, C] = [
      (await createDomain(setup)).name as string,
      (await createDomain(setup)).name as string,
      (await createDomain(setup)).name as string,
    ];
    fx = {
      setup,
      A,
      B,
      C,
      secretsOfA: new Set([A]),
      documented: documentedCodes(docs.body),
    } as Fixtures;

    async function grant(
      email: string,
      role: 'superadmin' | 'domain-admin' | 'helpdesk',
      domains: string[],
    ): Promise<Credentials & { id: string }> {
      const password = strongPassword();
      const response = await setup.post(`${API}/admins`, {
        body: { email, role, password, ...(role === 'superadmin' ? {} : { domains }) },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.kind).toBe('admin');
      return { id: response.body.id as string, email, password };
    }

    async function mailboxUser(domain: string): Promise<Credentials> {
      const password = strongPassword();
      const mailbox = await createMailbox(setup, domain, { password });
      return { email: mailbox.address as string, password };
    }

    // Targets in domain A.
    fx.victimMailbox = (await createMailbox(setup, A)).address as string;
    fx.victimAppPasswordId = await freshAppPasswordOfVictim();
    fx.victimRuleId = await freshRule(`${API}/mailboxes/${fx.victimMailbox}/sender-rules`);
    fx.alias = (await createAlias(setup, A)).address as string;
    fx.aliasDomain = await freshAliasDomain();
    fx.staffAdminId = (await grant(`${unique('staff')}@${A}`, 'helpdesk', [A])).id;
    // Something of B's own, so B's views are not empty.
    await createAlias(setup, B);

    // Sign-in probes for the public routes, in a third domain.
    fx.probe = await mailboxUser(C);
    const mfa = await mailboxUser(C);
    const mfaSession = await signIn(mfa);
    const enrolment = await mfaSession.post(`${API}/me/2fa/totp`);
    expect(enrolment.status).toBe(200);
    const confirmed = await mfaSession.post(`${API}/me/2fa/totp/confirm`, {
      body: { code: await generate({ secret: enrolment.body.secret as string }) },
    });
    expect(confirmed.status).toBe(200);
    fx.mfa = { ...mfa, session: mfaSession, recoveryCodes: confirmed.body.recoveryCodes };

    // The principals. The superadmin is one of this spec's own, not the bootstrap one shared
    // with the other specs: its cells change its password and end its other sessions.
    const superadmin = await grant(`${unique('root')}@yubin.test`, 'superadmin', []);
    const domainAdminA = await grant(`${unique('da')}@${A}`, 'domain-admin', [A]);
    const helpdeskA = await grant(`${unique('hd')}@${A}`, 'helpdesk', [A]);
    const domainAdminB = await grant(`${unique('da')}@${B}`, 'domain-admin', [B]);
    const mailboxUserA = await mailboxUser(A);
    const mailboxUserB = await mailboxUser(B);
    // Tokens belong to a superadmin of their own: self-service calls made with a token act on it.
    const owner = await grant(`${unique('owner')}@yubin.test`, 'superadmin', []);
    const ownerSession = await signIn(owner);
    const tokenWithoutScope = await createToken(ownerSession, { scopes: ['audit:read'] });
    const tokenLimitedToB = await createToken(ownerSession, {
      scopes: [...TOKEN_SCOPES],
      domains: [B],
    });
    // The same owner also scripts domain A: nothing of that may show through the token of B.
    await createToken(ownerSession, {
      name: `script for ${A}`,
      scopes: ['domains:read'],
      domains: [A],
    });

    const domainAdminAClient = await signIn(domainAdminA);
    fx.tokenOfDomainAdminA = (await createToken(domainAdminAClient)).id;

    const admin = (
      name: ActorName,
      credentials: Credentials,
      client: ApiClient,
      role: keyof typeof ROLE,
      domains: 'all' | string[],
    ): Actor => ({
      name,
      client,
      via: 'session',
      permissions: new Set(ROLE[role]),
      domains,
      hasMailbox: false,
      isAdmin: true,
      login: credentials,
      seesA: domains === 'all' || domains.includes(A),
    });
    const mailboxActor = async (
      name: ActorName,
      credentials: Credentials,
      seesA: boolean,
    ): Promise<Actor> => ({
      name,
      client: await signIn(credentials),
      via: 'session',
      permissions: new Set(),
      domains: [],
      hasMailbox: true,
      isAdmin: false,
      login: credentials,
      seesA,
    });
    fx.actors = [
      {
        name: 'anonymous',
        client: t.anonymous(),
        via: 'none',
        permissions: new Set(),
        domains: [],
        hasMailbox: false,
        isAdmin: false,
        seesA: false,
      },
      admin('superadmin', superadmin, await signIn(superadmin), 'superadmin', 'all'),
      admin('domainAdminA', domainAdminA, domainAdminAClient, 'domain-admin', [A]),
      admin('helpdeskA', helpdeskA, await signIn(helpdeskA), 'helpdesk', [A]),
      admin('domainAdminB', domainAdminB, await signIn(domainAdminB), 'domain-admin', [B]),
      await mailboxActor('mailboxUserA', mailboxUserA, true),
      await mailboxActor('mailboxUserB', mailboxUserB, false),
      {
        name: 'tokenWithoutScope',
        client: t.anonymous().withToken(tokenWithoutScope.token),
        via: 'token',
        permissions: new Set<Permission>(['audit:read']),
        domains: 'all',
        hasMailbox: false,
        isAdmin: true,
        login: owner,
        seesA: true,
      },
      {
        name: 'tokenLimitedToB',
        client: t.anonymous().withToken(tokenLimitedToB.token),
        via: 'token',
        permissions: new Set(TOKEN_SCOPES),
        domains: [B],
        hasMailbox: false,
        isAdmin: true,
        login: owner,
        seesA: false,
      },
    ];
  });
  afterAll(() => t.close());

  it('has an entry for every route the application serves, and none for a route it does not', () => {
    const served = ROUTES.map(routeKey);
    expect(served.length).toBeGreaterThan(0);
    expect({
      withoutEntry: served.filter((key) => !(key in ENTRIES)),
      stale: Object.keys(ENTRIES).filter((key) => !served.includes(key)),
      withoutAccessRule: ROUTES.filter((route) => route.access === undefined).map(routeKey),
    }).toEqual({ withoutEntry: [], stale: [], withoutAccessRule: [] });
  });

  it('gives each principal the rights the matrix assumes', async () => {
    for (const actor of fx.actors) {
      const me = await actor.client.get(`${API}/me`);
      if (actor.via === 'none') {
        expect(me.status).toBe(401);
        continue;
      }
      expect(me.status, actor.name).toBe(200);
      expect({ name: actor.name, permissions: me.body.permissions }).toEqual({
        name: actor.name,
        permissions: [...actor.permissions].sort(),
      });
      const domains = actor.domains === 'all' ? null : actor.hasMailbox ? [] : [...actor.domains];
      expect({ name: actor.name, domains: me.body.domains }).toEqual({ name: actor.name, domains });
      expect(me.body.kind).toBe(actor.hasMailbox ? 'mailbox' : 'admin');
    }
  });

  it.each(ROUTES.map(routeKey))('%s', async (key) => {
    const route = ROUTES.find((candidate) => routeKey(candidate) === key)!;
    const entry = ENTRIES[key];
    expect(entry, `${key} has no entry in ENTRIES: say how to call it`).toBeDefined();
    const problems: string[] = [];
    for (const actor of fx.actors) {
      const call = await entry!.call(actor);
      const response = await (call.as ?? actor.client).request(
        route.method,
        call.path,
        call.body === undefined ? {} : { body: call.body },
      );
      entry!.after?.(actor, call, response);
      problems.push(...judge(key, route, entry!, actor, call, response));
    }
    expect(problems).toEqual([]);
  });
});
