import { DEFAULT_PASSWORD_POLICY, evaluatePassword, ownerWords } from './password-policy.js';

describe('evaluatePassword', () => {
  it('accepts a long passphrase', () => {
    expect(evaluatePassword('plum orbit cascade lantern').issues).toEqual([]);
  });

  it('refuses short, common and patterned passwords with reasons', () => {
    expect(evaluatePassword('Tr0ub4dor&3').issues.map((i) => i.code)).toContain('tooShort');
    expect(evaluatePassword('password1234').issues.map((i) => i.code)).toContain('tooWeak');
    expect(evaluatePassword('qwertyuiopasdf').issues.map((i) => i.code)).toContain('tooWeak');
  });

  it('refuses the owner’s name or address inside the password', () => {
    const owner = { address: 'alice.tanaka@example.com', displayName: 'Alice Tanaka' };
    expect(
      evaluatePassword('Tanaka-river-stone-42', DEFAULT_PASSWORD_POLICY, owner).issues.map(
        (i) => i.code,
      ),
    ).toContain('containsUserInfo');
    expect(
      evaluatePassword('plum orbit cascade lantern', DEFAULT_PASSWORD_POLICY, owner).issues,
    ).toEqual([]);
  });

  it('counts characters, not bytes, and enforces the maximum', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, minLength: 4, minScore: 0 as const };
    expect(evaluatePassword('郵便局長', policy).issues).toEqual([]);
    expect(evaluatePassword('x'.repeat(257), policy).issues.map((i) => i.code)).toContain(
      'tooLong',
    );
  });
});

describe('ownerWords', () => {
  it('splits the address and name into the pieces worth refusing', () => {
    expect(
      ownerWords({ address: 'j.doe+mail@corp.example', displayName: 'Jo Doe' }).sort(),
    ).toEqual(['corp', 'doe', 'j.doe+mail', 'j.doe+mail@corp.example', 'jo doe', 'mail'].sort());
  });
});
