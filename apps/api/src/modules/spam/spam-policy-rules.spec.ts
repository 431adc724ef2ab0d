import { resolveSpamPolicy, SPAM_POLICY_DEFAULTS, type SpamPolicyLayer } from '#contracts';
import { thresholdOrderErrors, userCeilingErrors } from './spam-policy-rules.js';

const NOTHING: SpamPolicyLayer = {
  enabled: null,
  addHeaderScore: null,
  junkScore: null,
  rejectScore: null,
  junkFolder: null,
  virusAction: null,
};

describe('resolveSpamPolicy', () => {
  it('takes each field from the most specific level that sets it', () => {
    const resolved = resolveSpamPolicy(
      { ...NOTHING, junkScore: 8, enabled: false },
      { ...NOTHING, junkScore: 7, junkFolder: 'Spam' },
    );
    expect(resolved.effective).toEqual({
      ...SPAM_POLICY_DEFAULTS,
      enabled: false,
      junkScore: 7,
      junkFolder: 'Spam',
    });
    expect(resolved.sources).toEqual({
      enabled: 'domain',
      addHeaderScore: 'default',
      junkScore: 'mailbox',
      rejectScore: 'default',
      junkFolder: 'mailbox',
      virusAction: 'default',
    });
  });

  it('keeps a false or a zero as a value, not as inherit', () => {
    const resolved = resolveSpamPolicy(
      { ...NOTHING, enabled: true },
      { ...NOTHING, enabled: false, addHeaderScore: 0 },
    );
    expect(resolved.effective).toMatchObject({ enabled: false, addHeaderScore: 0 });
  });
});

describe(thresholdOrderErrors.name, () => {
  const effective = (own: Partial<SpamPolicyLayer>) =>
    resolveSpamPolicy(NOTHING, { ...NOTHING, ...own }).effective;

  it('accepts equal thresholds and the defaults', () => {
    expect(thresholdOrderErrors(effective({}), NOTHING)).toEqual([]);
    const equal = { ...NOTHING, addHeaderScore: 9, junkScore: 9, rejectScore: 9 };
    expect(thresholdOrderErrors(effective(equal), equal)).toEqual([]);
  });

  it('names only the fields this level sets, against inherited ones', () => {
    const own = { ...NOTHING, addHeaderScore: 7 }; // over the default junk score of 6
    expect(thresholdOrderErrors(effective(own), own).map((e) => e.field)).toEqual([
      'addHeaderScore',
    ]);
    const both = { ...NOTHING, junkScore: 20, rejectScore: 10 };
    expect(thresholdOrderErrors(effective(both), both).map((e) => e.field)).toEqual([
      'junkScore',
      'rejectScore',
    ]);
  });

  it('catches header above reject even when junk lies between', () => {
    const own = { ...NOTHING, addHeaderScore: 16 };
    expect(thresholdOrderErrors(effective(own), own).map((e) => e.field)).toEqual([
      'addHeaderScore',
    ]);
  });
});

describe(userCeilingErrors.name, () => {
  const inherited = { ...SPAM_POLICY_DEFAULTS, junkScore: 8 };
  const none = { addHeaderScore: null, junkScore: null, rejectScore: null };

  it('allows lower or equal, and inherit', () => {
    expect(userCeilingErrors({ ...none, junkScore: 8 }, null, inherited)).toEqual([]);
    expect(userCeilingErrors({ ...none, junkScore: 2 }, null, inherited)).toEqual([]);
    expect(userCeilingErrors(none, { ...none, junkScore: 12 }, inherited)).toEqual([]);
  });

  it('refuses higher, unless it is the value already stored', () => {
    expect(userCeilingErrors({ ...none, junkScore: 8.01 }, null, inherited)).toMatchObject([
      { field: 'junkScore', code: 'aboveDomain' },
    ]);
    expect(
      userCeilingErrors({ ...none, junkScore: 12 }, { ...none, junkScore: 12 }, inherited),
    ).toEqual([]);
    expect(
      userCeilingErrors({ ...none, junkScore: 11 }, { ...none, junkScore: 12 }, inherited),
    ).toHaveLength(1);
  });
});
