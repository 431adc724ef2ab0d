import { ValidationError } from '../../common/errors/app-error.js';
import { parseDovecotPolicyRequest } from './dovecot-policy-request.js';

describe(parseDovecotPolicyRequest.name, () => {
  // As Dovecot 2.3 builds it from login=%{requested_username} remote=%{rip} protocol=%s.
  const sent = { login: 'ann@example.com', protocol: 'imap', remote: '192.0.2.7', tls: true };

  it('reads an allow request, ignoring attributes it does not use', () => {
    expect(
      parseDovecotPolicyRequest('allow', { ...sent, device_id: '', session_id: 'abc' }),
    ).toEqual({ command: 'allow', login: 'ann@example.com', remote: '192.0.2.7' });
  });

  it('reads a report with its outcome', () => {
    expect(
      parseDovecotPolicyRequest('report', { ...sent, success: false, policy_reject: true }),
    ).toEqual({
      command: 'report',
      login: 'ann@example.com',
      remote: '192.0.2.7',
      success: false,
      policyReject: true,
    });
  });

  it('takes a client address only when it is one (Dovecot sends "" when it has none)', () => {
    for (const remote of ['', 'localhost', '1.2.3.4.5', undefined]) {
      expect(parseDovecotPolicyRequest('allow', { ...sent, remote }).remote).toBeUndefined();
    }
    expect(parseDovecotPolicyRequest('allow', { ...sent, remote: '2001:db8::1' }).remote).toBe(
      '2001:db8::1',
    );
  });

  it('refuses an unknown command, a body that is no object, a login that is no string, a report without its outcome', () => {
    const refusals: [unknown, unknown, string][] = [
      [undefined, sent, 'command'],
      ['deny', sent, 'command'],
      ['allow', [sent], 'body'],
      ['allow', 'login=ann', 'body'],
      ['allow', null, 'body'],
      ['allow', { ...sent, login: undefined }, 'login'],
      ['allow', { ...sent, login: 7 }, 'login'],
      ['allow', { ...sent, remote: 7 }, 'remote'],
      ['report', { ...sent, policy_reject: false }, 'success'],
      ['report', { ...sent, success: 'true', policy_reject: false }, 'success'],
      ['report', { ...sent, success: true }, 'policy_reject'],
    ];
    for (const [command, body, field] of refusals) {
      let error: unknown;
      try {
        parseDovecotPolicyRequest(command, body);
      } catch (caught) {
        error = caught;
      }
      expect(error, `${String(command)} ${JSON.stringify(body)}`).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors?.map((e) => e.field)).toEqual([field]);
    }
  });
});
