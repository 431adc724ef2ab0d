import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { uniqueIp } from '../support/browser.js';
import { strongPassword, unique, uniqueDomainName } from '../support/factory.js';
import {
  baselineRequest,
  generatorsFor,
  type Baseline,
  type FuzzRequest,
} from '../support/fuzz-cases.js';
import { captureLog, type LogCapture } from '../support/log-capture.js';
import {
  exampleBodies,
  operationsOf,
  type DocumentOperation,
  type OpenApiDocument,
} from '../support/openapi-samples.js';
import { Prng } from '../support/prng.js';
import { createDatabase, migrate } from '../support/test-database.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Generated requests for every operation in openapi.json: bodies that break the schema
 * (wrong types, nulls, extra fields, hostile unicode, huge values, JSON nested thousands
 * deep), bad path and query parameters (forged cursors among them), odd headers and
 * content types, and the same write sent many times at once; as a superadmin session,
 * an API token and anonymously. No answer may be a 5xx, every refusal is problem+json
 * with a code, and no secret reaches the log.
 *
 * FUZZ_SEED reproduces a run (the seed is printed); FUZZ_REQUESTS is the count per
 * operation (default 150), FUZZ_CONCURRENCY the requests in flight (default 4).
 */

const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const PER_OPERATION = Number(process.env.FUZZ_REQUESTS ?? 150);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const DUPLICATES = 10;
const CHEAP_HASHING = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' };
const ALL_SCOPES = [
  'domains:write',
  'mailboxes:write',
  'mailboxes:credentials',
  'mailboxes:import',
  'aliases:write',
  'audit:read',
  'admins:write',
];
/** Hash forms that must never be logged, whatever hashed them. */
const HASH_PATTERNS = [/\{ARGON2ID\}/i, /\$argon2i?d?\$/];

const document = JSON.parse(
  readFileSync(new URL('../../../../openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const operations = operationsOf(document);
const root = new Prng(SEED);

type PrincipalName = 'superadmin' | 'token' | 'anonymous';
type Principal = { name: PrincipalName; headers: Record<string, string> };

interface Failure {
  principal: PrincipalName;
  request: FuzzRequest;
  status: number;
  response: string;
  why: string;
}

const stats = {
  requests: 0,
  statuses: new Map<number, number>(),
  started: Date.now(),
  slowest: [] as { ms: number; what: string }[],
};
/** Every secret the run handled: passwords set, tokens, session cookies, seeds returned. */
const secrets = new Set<string>([ADMIN_PASSWORD]);

let t: TestApp;
let admin: ApiClient;
let log: LogCapture;
let database: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run)`);
  database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_fuzz');
  await migrate(database.url);
  log = captureLog({ echo: false });
  // The fuzz traffic comes from addresses of its own, so its failed sign-ins throttle
  // nothing the setup needs; the proxy is named (never `true`).
  t = await startTestApp(
    { ...CHEAP_HASHING, TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'verbose' },
    database.url,
  );
  admin = await t.superadmin();
});

afterAll(async () => {
  await t.close();
  log.stop();
  await database.drop();
  const statuses = [...stats.statuses.entries()].sort(([a], [b]) => a - b);
  console.log(
    `fuzz seed ${SEED}: ${stats.requests} requests in ${((Date.now() - stats.started) / 1000).toFixed(1)} s; ` +
      statuses.map(([code, count]) => `${code}×${count}`).join(' ') +
      `; slowest: ${stats.slowest.map((slow) => `${slow.ms.toFixed(0)} ms ${slow.what}`).join('; ')}`,
  );
});

/** Collects every secret-looking string value of a response. */
function collectSecrets(value: unknown, key = ''): void {
  if (typeof value === 'string') {
    // A bare `code` is a problem's, a check's or an action's public identifier; a
    // `unicodeName` is a domain's name.
    const secretKey =
      /password|token|secret|recovery|otpauth|code/i.test(key.replace(/unicode/gi, '')) &&
      key !== 'code';
    if (secretKey && value.length >= 8) {
      secrets.add(value);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) collectSecrets(item, name);
  }
}

async function must<T = any>(
  response: Promise<{ status: number; body: T }>,
  what: string,
): Promise<T> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  collectSecrets(body);
  return body;
}

/** Signs in from an address of its own; returns the cookie and XSRF headers. */
async function signIn(email: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': uniqueIp() },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] as string);
  for (const cookie of cookies) secrets.add(cookie.split('=')[1] as string);
  const xsrf = cookies.find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
  return { cookie: cookies.join('; '), 'x-xsrf-token': decodeURIComponent(xsrf) };
}

/** The data every operation's requests name, and who sends them. */
interface Fixtures {
  domain: string;
  aliasDomain: string;
  mailbox: string;
  alias: string;
  helperId: string;
  appPasswordId: string;
  spareTokenId: string;
  session: Record<string, string>;
  otherSessionId: string;
  token: string;
}

let fixtures: Fixtures | undefined;

const status = async (path: string, headers: Record<string, string> = {}): Promise<number> =>
  (await new ApiClient(t.baseUrl).get(path, { headers })).status;

async function newSuperadmin(): Promise<Pick<Fixtures, 'session' | 'otherSessionId' | 'token'>> {
  const email = `${unique('fuzz')}@admins.example`;
  const password = strongPassword();
  secrets.add(password);
  await must(
    admin.post('/api/v1/admins', { body: { email, role: 'superadmin', password } }),
    'superadmin',
  );
  await signIn(email, password); // a session of its own, for revokeSession to end
  const session = await signIn(email, password);
  const sessions = await must<{ id: string; current: boolean }[]>(
    new ApiClient(t.baseUrl).get('/api/v1/me/sessions', { headers: session }),
    'sessions',
  );
  const token = await must<{ token: string }>(
    new ApiClient(t.baseUrl).post('/api/v1/api-tokens', {
      headers: { ...session, 'content-type': 'application/json' },
      rawBody: JSON.stringify({ name: unique('fuzz'), scopes: ALL_SCOPES }),
    }),
    'fuzz token',
  );
  return {
    session,
    otherSessionId: sessions.find((s) => !s.current)?.id ?? randomUUID(),
    token: token.token,
  };
}

async function newDomainData(): Promise<Omit<Fixtures, 'session' | 'otherSessionId' | 'token'>> {
  const domain = uniqueDomainName();
  await must(admin.post('/api/v1/domains', { body: { name: domain } }), 'domain');
  const data = { domain, ...(await newMailboxData(domain)) };
  return data;
}

async function newMailboxData(domain: string) {
  const localPart = unique('alice');
  const mailboxPassword = strongPassword();
  secrets.add(mailboxPassword);
  await must(
    admin.post(`/api/v1/domains/${domain}/mailboxes`, {
      body: { localPart, password: mailboxPassword },
    }),
    'mailbox',
  );
  const mailbox = `${localPart}@${domain}`;
  const alias = (
    await must<{ address: string }>(
      admin.post(`/api/v1/domains/${domain}/aliases`, {
        body: { localPart: unique('sales'), destinations: [mailbox] },
      }),
      'alias',
    )
  ).address;
  const aliasDomain = uniqueDomainName();
  await must(
    admin.post('/api/v1/alias-domains', { body: { name: aliasDomain, targetDomain: domain } }),
    'alias domain',
  );
  const helperPassword = strongPassword();
  secrets.add(helperPassword);
  const helper = await must<{ id: string }>(
    admin.post('/api/v1/admins', {
      body: {
        email: `${unique('helper')}@admins.example`,
        role: 'domain-admin',
        domains: [domain],
        password: helperPassword,
      },
    }),
    'admin',
  );
  const appPassword = await must<{ id: string }>(
    admin.post(`/api/v1/mailboxes/${mailbox}/app-passwords`, {
      body: { name: 'phone', protocols: ['imap'] },
    }),
    'app password',
  );
  const spareToken = await must<{ id: string }>(
    admin.post('/api/v1/api-tokens', { body: { name: unique('spare'), scopes: ['audit:read'] } }),
    'token',
  );
  return {
    aliasDomain,
    mailbox,
    alias,
    helperId: helper.id,
    appPasswordId: appPassword.id,
    spareTokenId: spareToken.id,
  };
}

/**
 * The data the operations name (a domain with a mailbox, an alias, an alias domain, an
 * admin, an app password, a token) and a superadmin of the fuzzer's own, checked before
 * each operation: whatever the previous one deleted, revoked or changed is made anew.
 */
async function ensureFixtures(): Promise<Fixtures> {
  const root = await t.superadmin();
  const rootGet = async (path: string) => (await root.get(path)).status;
  let current = fixtures;
  if (current === undefined || (await rootGet(`/api/v1/domains/${current.domain}`)) !== 200) {
    current = { ...(await newDomainData()), ...(await newSuperadmin()) };
  }
  const tokens = (await root.get<{ id: string }[]>('/api/v1/api-tokens')).body;
  const appPasswords = await root.get<{ id: string }[]>(
    `/api/v1/mailboxes/${current.mailbox}/app-passwords`,
  );
  if (
    (await rootGet(`/api/v1/mailboxes/${current.mailbox}`)) !== 200 ||
    (await rootGet(`/api/v1/aliases/${current.alias}`)) !== 200 ||
    (await rootGet(`/api/v1/alias-domains/${current.aliasDomain}`)) !== 200 ||
    (await rootGet(`/api/v1/admins/${current.helperId}`)) !== 200 ||
    appPasswords.status !== 200 ||
    !appPasswords.body.some((p) => p.id === current?.appPasswordId) ||
    !tokens.some((token) => token.id === current?.spareTokenId)
  ) {
    current = { ...current, ...(await newMailboxData(current.domain)) };
  }
  const sessions = await new ApiClient(t.baseUrl).get<{ id: string }[]>('/api/v1/me/sessions', {
    headers: current.session,
  });
  if (
    sessions.status !== 200 ||
    !sessions.body.some((s) => s.id === current?.otherSessionId) ||
    (await status('/api/v1/me', { authorization: `Bearer ${current.token}` })) !== 200
  ) {
    current = { ...current, ...(await newSuperadmin()) };
  }
  fixtures = current;
  return current;
}

async function setUp(operation: DocumentOperation): Promise<{
  baseline: Baseline;
  principals: Principal[];
}> {
  const f = await ensureFixtures();
  const path = operation.path;
  const id = path.startsWith('/api/v1/admins')
    ? f.helperId
    : path.startsWith('/api/v1/api-tokens')
      ? f.spareTokenId
      : path.startsWith('/api/v1/me/sessions')
        ? f.otherSessionId
        : path.includes('app-passwords')
          ? f.appPasswordId
          : randomUUID();
  const pathParams = {
    name: path.startsWith('/api/v1/alias-domains') ? f.aliasDomain : f.domain,
    domain: f.domain,
    address: path.startsWith('/api/v1/aliases') ? f.alias : f.mailbox,
    id,
  };
  return {
    baseline: { pathParams, body: baselineBody(operation, f.domain) },
    principals: [
      { name: 'superadmin', headers: f.session },
      { name: 'token', headers: { authorization: `Bearer ${f.token}` } },
      { name: 'anonymous', headers: {} },
    ],
  };
}

/** The operation's documented example, made to name this operation's own data. */
function baselineBody(operation: DocumentOperation, domain: string): unknown {
  const [first] = exampleBodies(document, operation.operation);
  if (first?.body === undefined) return undefined;
  const text = JSON.stringify(first.body).replaceAll('example.com', domain);
  const body = JSON.parse(text) as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return uniqueIdentities(operation, body as Record<string, unknown>);
}

/** A create names a new domain, local part or admin, so its first attempt can succeed. */
function uniqueIdentities(
  operation: DocumentOperation,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const creates = operation.method === 'post';
  if (creates && typeof body.name === 'string' && body.name.includes('.')) {
    body.name = uniqueDomainName();
  }
  if (typeof body.localPart === 'string') body.localPart = unique('fz');
  if (typeof body.email === 'string') body.email = `${unique('fz')}@admins.example`;
  for (const key of ['password', 'newPassword']) {
    if (typeof body[key] === 'string') {
      const password = strongPassword();
      secrets.add(password);
      body[key] = password;
    }
  }
  if (typeof body.passwordHash === 'string') secrets.add(body.passwordHash);
  return body;
}

async function send(
  request: FuzzRequest,
  principal: Principal,
  ip: string,
  failures: Failure[],
): Promise<void> {
  const started = performance.now();
  const response = await fetch(`${t.baseUrl}${request.url}`, {
    method: request.method,
    headers: { 'x-forwarded-for': ip, ...principal.headers, ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  stats.requests += 1;
  if (stats.slowest.length < 5 || ms > (stats.slowest.at(-1)?.ms ?? 0)) {
    const what = `${request.kind} ${request.method} ${request.url.slice(0, 80)} → ${response.status}`;
    stats.slowest = [...stats.slowest, { ms, what }].sort((a, b) => b.ms - a.ms).slice(0, 5);
  }
  stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
  const fail = (why: string) =>
    failures.push({
      principal: principal.name,
      request,
      status: response.status,
      response: text.slice(0, 300),
      why,
    });
  if (response.status >= 500) {
    fail('5xx');
    return;
  }
  if (response.status < 400) {
    if (/json/.test(response.headers.get('content-type') ?? '')) collectSecrets(JSON.parse(text));
    return;
  }
  if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')) {
    fail('not problem+json');
    return;
  }
  const code = (JSON.parse(text) as { code?: unknown }).code;
  if (typeof code !== 'string' || code === '') fail('no code');
}

/** Runs the tasks with at most CONCURRENCY in flight. */
async function pool(tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next] as () => Promise<void>;
      next += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function describeFailure(failure: Failure): string {
  const { request } = failure;
  const body =
    typeof request.body === 'string'
      ? request.body.slice(0, 200)
      : request.body === undefined
        ? ''
        : `<${request.body.length} bytes>`;
  return `${failure.why}: ${failure.status} as ${failure.principal}, ${request.kind}: ${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers)} ${body} → ${failure.response}`;
}

describe(`fuzzing every operation in openapi.json (seed ${SEED})`, () => {
  it.each(
    operations.map((operation) => ({
      name: `${operation.method.toUpperCase()} ${operation.path}`,
      operation,
    })),
  )(
    '$name: no 5xx, every refusal a problem with a code',
    async ({ name, operation }) => {
      const { baseline, principals } = await setUp(operation);
      const generators = generatorsFor(document, operation, baseline);
      const kinds = Object.keys(generators);
      const ip = uniqueIp();
      const failures: Failure[] = [];
      const tasks = Array.from({ length: PER_OPERATION }, (_unused, index) => {
        const kind = kinds[index % kinds.length] as string;
        const request = (generators[kind] as (rng: Prng) => FuzzRequest)(
          root.fork(`${name} ${index}`),
        );
        const principal = principals[index % principals.length] as Principal;
        return () => send(request, principal, ip, failures);
      });
      await pool(tasks);

      if (operation.method !== 'get') {
        // The same write, many times at once: each answers as it would alone, or 409.
        const duplicate = baselineRequest(operation, baseline);
        const [session, token] = principals as [Principal, Principal];
        await Promise.all(
          Array.from({ length: DUPLICATES }, () => send(duplicate, session, ip, failures)),
        );
        // With one Idempotency-Key: one runs, the others replay it or wait their turn.
        const keyed = {
          ...duplicate,
          headers: { ...duplicate.headers, 'idempotency-key': unique('k') },
        };
        await Promise.all(
          Array.from({ length: DUPLICATES }, () => send(keyed, token, ip, failures)),
        );
      }

      expect(failures.map(describeFailure), `seed ${SEED}`).toEqual([]);
    },
    120_000,
  );

  it('logged no secret: no password, hash, token, session or TOTP secret', () => {
    const text = log.text();
    expect(text.length).toBeGreaterThan(0);
    for (const pattern of HASH_PATTERNS) expect(text, `seed ${SEED}`).not.toMatch(pattern);
    const leaked = [...secrets].filter((secret) => secret.length >= 8 && text.includes(secret));
    expect(leaked, `seed ${SEED}`).toEqual([]);
  });
});
