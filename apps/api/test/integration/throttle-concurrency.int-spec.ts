import { generate } from 'otplib';
import type { MockInstance } from 'vitest';
import { Clock } from '../../src/infra/clock/clock.js';
import { PasswordHasher } from '../../src/infra/crypto/password-hasher.js';
import { TwoFactorService } from '../../src/modules/two-factor/two-factor.service.js';
import type { ApiResponse } from '../support/api-client.js';
import { Browser, signInBrowser, uniqueIp } from '../support/browser.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, strongPassword, unique } from '../support/factory.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { timeTravel } from '../support/time-travel.js';

const API = '/api/v1';
const LOGIN = `${API}/auth/login`;
const PARALLEL = 50;
const WRONG_GUESS = ['INVALID_CREDENTIALS', 'INVALID_MFA_CODE'];

/**
 * The brute-force limits hold under concurrency and across processes: two API
 * processes share one database, and 50 guesses sent at once, spread over both, get
 * exactly as many verifications as the same guesses sent one at a time.
 */
describe('brute-force limits under concurrency, across two API processes', () => {
  let apps: TestApp[];
  let admin: Browser;
  let domain: string;
  /** Every password and 2FA code verification in either process (a dummy one is a password one). */
  let verifiers: MockInstance[];

  beforeAll(async () => {
    apps = [
      await startTestApp({ TRUST_PROXY: 'loopback' }),
      await startTestApp({ TRUST_PROXY: 'loopback' }),
    ];
    verifiers = apps.flatMap(({ app }) => [
      vi.spyOn(app.get(PasswordHasher), 'verify'),
      vi.spyOn(app.get(TwoFactorService), 'verify'),
    ]);
    admin = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD, uniqueIp());
    domain = (await createDomain(admin)).name as string;
  });
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
  });
  const travel = timeTravel(() => apps[0]?.app.get(Clock) as Clock);

  /** The app that serves request `i`: they alternate. */
  function appFor(i: number): TestApp {
    return apps[i % apps.length] as TestApp;
  }

  function attempt(i: number, email: string, password: string, ip: string): Promise<ApiResponse> {
    return new Browser(appFor(i).baseUrl, ip).post(LOGIN, { body: { email, password } });
  }

  function signIn(email: string, password: string, ip: string): Promise<Browser> {
    return signInBrowser(appFor(0).baseUrl, email, password, ip);
  }

  /**
   * How many verifications `send(i)` for i in 0..49 causes, all at once or one at a
   * time, and how many answers said "wrong" (the others are 429s or a dead challenge).
   */
  async function verifications(
    mode: 'parallel' | 'sequential',
    send: (i: number) => Promise<ApiResponse>,
  ): Promise<{ verified: number; wrong: number; statuses: Set<number> }> {
    for (const spy of verifiers) spy.mockClear();
    const indexes = Array.from({ length: PARALLEL }, (_, i) => i);
    const responses: ApiResponse[] = [];
    if (mode === 'parallel') {
      responses.push(...(await Promise.all(indexes.map(send))));
    } else {
      for (const i of indexes) responses.push(await send(i));
    }
    return {
      verified: verifiers.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
      wrong: responses.filter((r) => WRONG_GUESS.includes(r.body?.code as string)).length,
      statuses: new Set(responses.map((r) => r.status)),
    };
  }

  /** Parallel verifies as many as sequential, which verifies `expected`; nothing else slips. */
  function expectSameAsOneAtATime(
    sequential: Awaited<ReturnType<typeof verifications>>,
    parallel: Awaited<ReturnType<typeof verifications>>,
    expected: number,
  ): void {
    expect({ sequential: sequential.verified, parallel: parallel.verified }).toEqual({
      sequential: expected,
      parallel: expected,
    });
    for (const run of [sequential, parallel]) {
      expect(run.wrong).toBe(run.verified);
      expect([...run.statuses].filter((s) => s !== 401 && s !== 429)).toEqual([]);
    }
  }

  it('one account: 50 wrong passwords at once, from 50 addresses, verify 5, as one at a time does', async () => {
    const [one, two] = [await createMailbox(admin, domain), await createMailbox(admin, domain)];
    const wrong = (i: number): string => `wrong-${i}-${strongPassword()}`;
    const sequential = await verifications('sequential', (i) =>
      attempt(i, one.address as string, wrong(i), uniqueIp()),
    );
    const parallel = await verifications('parallel', (i) =>
      attempt(i, two.address as string, wrong(i), uniqueIp()),
    );
    expectSameAsOneAtATime(sequential, parallel, 5);
  }, 180_000);

  it('one client address: 50 wrong passwords at once, for 50 accounts, verify 21, as one at a time does', async () => {
    const [first, second] = [uniqueIp(), uniqueIp()];
    const ghost = (): string => `${unique('ghost')}@${domain}`;
    const sequential = await verifications('sequential', (i) =>
      attempt(i, ghost(), 'wrong', first),
    );
    const parallel = await verifications('parallel', (i) => attempt(i, ghost(), 'wrong', second));
    expectSameAsOneAtATime(sequential, parallel, 21);
  }, 180_000);

  it('one 2FA challenge: 50 wrong codes at once, from 50 addresses, check 5, as one at a time does', async () => {
    const one = await enrolledChallenge();
    const two = await enrolledChallenge();
    const sequential = await verifications('sequential', (i) => sendCode(i, one, uniqueIp()));
    const parallel = await verifications('parallel', (i) => sendCode(i, two, uniqueIp()));
    expectSameAsOneAtATime(sequential, parallel, 5);
  }, 180_000);

  it('a reservation whose request died stops counting after 30 s', async () => {
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    const hasher = apps[0]?.app.get(PasswordHasher) as PasswordHasher;
    // Five verifications that hang, as in a process that stopped mid-request.
    let wake = (): void => undefined;
    const asleep = new Promise<void>((resolve) => (wake = resolve));
    const verify = vi.spyOn(hasher, 'verify');
    verify.mockClear();
    for (let i = 0; i < 5; i++) {
      verify.mockImplementationOnce(async () => {
        await asleep;
        return { valid: false, needsRehash: false };
      });
    }
    const hung = Array.from({ length: 5 }, (_, i) =>
      attempt(0, mailbox.address as string, `wrong-${i}`, uniqueIp()),
    );
    await vi.waitFor(() => expect(verify).toHaveBeenCalledTimes(5), { timeout: 30_000 });
    expectProblem(
      await attempt(0, mailbox.address as string, password, uniqueIp()),
      429,
      'RATE_LIMITED',
    );
    travel(31_000);
    expect((await attempt(0, mailbox.address as string, password, uniqueIp())).status).toBe(200);
    wake();
    await Promise.all(hung);
  });

  interface Challenge {
    challenge: string;
    secret: string;
  }

  function totp(secret: string): Promise<string> {
    const clock = apps[0]?.app.get(Clock) as Clock;
    return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
  }

  /** A mailbox with TOTP on, and the challenge its password opened. */
  async function enrolledChallenge(): Promise<Challenge> {
    const password = strongPassword();
    const mailbox = await createMailbox(admin, domain, { password });
    const ip = uniqueIp();
    const user = await signIn(mailbox.address as string, password, ip);
    const secret = (await user.post(`${API}/me/2fa/totp`)).body.secret as string;
    const confirm = await user.post(`${API}/me/2fa/totp/confirm`, {
      body: { code: await totp(secret) },
    });
    expect(confirm.status).toBe(200);
    const opened = await attempt(0, mailbox.address as string, password, ip);
    expect(opened.body.mfaRequired).toBe(true);
    return { challenge: opened.body.challenge as string, secret };
  }

  /** A code that is not the current one (nor a neighbour in the ±1 step window). */
  async function sendCode(
    i: number,
    { challenge, secret }: Challenge,
    ip: string,
  ): Promise<ApiResponse> {
    const wrong = String((Number(await totp(secret)) + 500_000 + i) % 1_000_000).padStart(6, '0');
    return new Browser(appFor(i).baseUrl, ip).post(`${LOGIN}/mfa`, {
      body: { challenge, code: wrong },
    });
  }
});
