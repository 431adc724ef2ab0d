import { SPAM_POLICY_DEFAULTS } from '#contracts';
import { spamPolicyForm, spamPolicyRequest } from './spam-policy-form';
import { describePolicy } from './spam-policy-words';

describe('describePolicy', () => {
  it('says what happens from each threshold on, in order, and to viruses', () => {
    expect(describePolicy(SPAM_POLICY_DEFAULTS)).toEqual([
      { key: 'spam.words.addHeader', params: { score: 5 } },
      { key: 'spam.words.junk', params: { score: 6, folder: 'Junk' } },
      { key: 'spam.words.reject', params: { score: 15 } },
      { key: 'spam.words.virusReject', params: {} },
    ]);
    expect(
      describePolicy({ ...SPAM_POLICY_DEFAULTS, virusAction: 'junk', junkFolder: 'Spam' }).at(-1),
    ).toEqual({
      key: 'spam.words.virusJunk',
      params: { folder: 'Spam' },
    });
  });

  it('says only that filtering is off when it is', () => {
    expect(describePolicy({ ...SPAM_POLICY_DEFAULTS, enabled: false })).toEqual([
      { key: 'spam.words.off', params: {} },
    ]);
  });
});

describe('spamPolicyRequest', () => {
  it('sends empty fields and "inherit" as null', () => {
    const form = spamPolicyForm();
    expect(spamPolicyRequest(form)).toEqual({
      enabled: null,
      addHeaderScore: null,
      junkScore: null,
      rejectScore: null,
      junkFolder: null,
      virusAction: null,
    });
    form.setValue({
      enabled: 'off',
      addHeaderScore: 4,
      junkScore: 0,
      rejectScore: null,
      junkFolder: '  Spam ',
      virusAction: 'junk',
    });
    expect(spamPolicyRequest(form)).toEqual({
      enabled: false,
      addHeaderScore: 4,
      junkScore: 0,
      rejectScore: null,
      junkFolder: 'Spam',
      virusAction: 'junk',
    });
  });
});
