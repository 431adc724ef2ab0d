import { estimateStrength, ownerWords } from '#contracts';
import { loadConfig } from '../../infra/config/app-config.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { MAX_WAITING_CHECKS, PasswordStrengthEstimator } from './password-strength.estimator.js';

const estimator = new PasswordStrengthEstimator();
afterAll(() => estimator.onModuleDestroy());

async function issueCodes(password: string): Promise<string[]> {
  try {
    const service = new PasswordPolicyService(loadConfig({}), estimator);
    await service.assertAcceptable(password, {}, service.policyFor());
    return [];
  } catch (error) {
    return (error as { fieldErrors: { code: string }[] }).fieldErrors.map((issue) => issue.code);
  }
}

describe(PasswordPolicyService.name, () => {
  it('accepts spaces and "=" in a strong password', async () => {
    expect(await issueCodes('Plum orbit = cascade 41 quota_rule=x')).toEqual([]);
  });

  it.each(['\t', '\n', '\r', '\u0000', '\u007f'])(
    'refuses a control character (%j): the mail server would refuse the password',
    async (character) => {
      expect(await issueCodes(`Plum orbit${character}cascade 41 lantern`)).toEqual([
        'containsControlCharacter',
      ]);
    },
  );

  it('refuses a weak password with every reason at once', async () => {
    expect(await issueCodes('passwordpassword')).toEqual(['tooWeak']);
    expect(await issueCodes('abc')).toEqual(['tooShort', 'tooWeak']);
  });
});

describe(PasswordStrengthEstimator.name, () => {
  const owner = { address: 'hanako.yamada@example.jp', displayName: 'Hanako Yamada' };

  it.each([
    'password',
    'correct horse battery staple',
    'Tr0ub4dor&3',
    'hanako.yamada2024',
    'qwertyuiop',
    '4@3!0$1|7+5(4@3!0$1|7+5(',
    'x'.repeat(150),
  ])('the worker gives the same verdict as the shared library for %j', async (password) => {
    const words = ownerWords(owner);
    expect(await estimator.estimate(password, words)).toEqual(estimateStrength(password, words));
  });

  it(`refuses a check with 429 while ${MAX_WAITING_CHECKS} are waiting, and serves the next`, async () => {
    const waiting = Array.from({ length: MAX_WAITING_CHECKS }, () =>
      estimator.estimate('password', []),
    );
    await expect(estimator.estimate('one more', [])).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
    });
    await Promise.all(waiting);
    await expect(estimator.estimate('one more', [])).resolves.toEqual(
      estimateStrength('one more', []),
    );
  });

  it('keeps the event loop free while a crafted password is checked', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    await estimator.estimate('4@3!0$1|7+5('.repeat(8), []);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(10);
  }, 30_000);
});
