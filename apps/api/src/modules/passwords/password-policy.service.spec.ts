import { loadConfig } from '../../infra/config/app-config.js';
import { PasswordPolicyService } from './password-policy.service.js';

function issueCodes(password: string): string[] {
  try {
    const service = new PasswordPolicyService(loadConfig({}));
    service.assertAcceptable(password, {}, service.policyFor());
    return [];
  } catch (error) {
    return (error as { fieldErrors: { code: string }[] }).fieldErrors.map((issue) => issue.code);
  }
}

describe(PasswordPolicyService.name, () => {
  it('accepts spaces and "=" in a strong password', () => {
    expect(issueCodes('Plum orbit = cascade 41 quota_rule=x')).toEqual([]);
  });

  it.each(['\t', '\n', '\r', '\u0000', '\u007f'])(
    'refuses a control character (%j): the mail server would refuse the password',
    (character) => {
      expect(issueCodes(`Plum orbit${character}cascade 41 lantern`)).toEqual([
        'containsControlCharacter',
      ]);
    },
  );
});
