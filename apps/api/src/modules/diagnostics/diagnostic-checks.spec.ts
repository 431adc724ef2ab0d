import {
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_STATUSES,
  ROLE_PERMISSIONS,
  SPAM_POLICY_DEFAULTS,
  type Permission,
} from '#contracts';
import { diagnose, type Finding, type MailboxFacts, type Viewer } from './diagnostic-checks.js';
import { actionLabel, describeFinding } from './diagnostic-messages.js';

const NOW = new Date('2026-12-02T10:00:00Z');

function facts(overrides: Partial<MailboxFacts> = {}): MailboxFacts {
  return {
    address: 'alice@example.com',
    domainName: 'example.com',
    active: true,
    domainActive: true,
    quotaBytes: 1000,
    usedBytes: 0,
    imapEnabled: true,
    pop3Enabled: true,
    smtpEnabled: true,
    mustChangePassword: false,
    forwardTo: [],
    keepCopy: true,
    twoFactorEnabled: false,
    appPasswordProtocols: [],
    lockedUntil: null,
    spam: {
      effective: { ...SPAM_POLICY_DEFAULTS },
      sources: { junkScore: 'default', rejectScore: 'default' },
    },
    dns: {
      mx: { state: 'ok', name: 'example.com.' },
      spf: { state: 'ok', name: 'example.com.' },
      dkim: { state: 'ok', name: 'y1._domainkey.example.com.' },
      dmarc: { state: 'ok', name: '_dmarc.example.com.' },
    },
    ...overrides,
  };
}

const SELF: Viewer = { kind: 'self' };
const admin = (...permissions: Permission[]): Viewer => ({
  kind: 'admin',
  permissions: new Set(permissions),
});
const HELPDESK = admin(...ROLE_PERMISSIONS.helpdesk);
const DOMAIN_ADMIN = admin(...ROLE_PERMISSIONS['domain-admin']);

function only(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe(diagnose.name, () => {
  it('passes everything for a healthy mailbox, with no action anywhere', () => {
    const findings = diagnose(facts(), DOMAIN_ADMIN, NOW);
    expect(findings.every((f) => f.status === 'ok' && f.action === null)).toBe(true);
  });

  it.each([
    [0, 'ok', 'quota-warning'],
    [899, 'ok', 'quota-warning'],
    [900, 'warn', 'quota-warning'],
    [999, 'warn', 'quota-warning'],
    [1000, 'fail', 'quota-full'],
    [1500, 'fail', 'quota-full'],
  ] as const)('quota: %i of 1000 bytes is %s (%s)', (usedBytes, status, code) => {
    const findings = diagnose(facts({ usedBytes }), DOMAIN_ADMIN, NOW);
    expect(findings.filter((f) => f.code.startsWith('quota-'))).toEqual([
      expect.objectContaining({ status, code }),
    ]);
  });

  it('quota: no limit never warns', () => {
    expect(
      only(diagnose(facts({ quotaBytes: 0, usedBytes: 1e12 }), SELF, NOW), 'quota-warning').status,
    ).toBe('ok');
  });

  it('offers an admin action only with its permission, and the user their own', () => {
    const inactive = facts({ active: false, lockedUntil: new Date(NOW.getTime() + 1000) });
    expect(only(diagnose(inactive, DOMAIN_ADMIN, NOW), 'mailbox-inactive').action).toBe(
      'activate-mailbox',
    );
    expect(only(diagnose(inactive, HELPDESK, NOW), 'mailbox-inactive').action).toBeNull();
    expect(only(diagnose(inactive, SELF, NOW), 'mailbox-inactive').action).toBe('contact-admin');
    expect(only(diagnose(inactive, HELPDESK, NOW), 'account-locked').action).toBe('unlock');
    expect(
      only(diagnose(inactive, admin('mailboxes:read'), NOW), 'account-locked').action,
    ).toBeNull();
  });

  it('a lock in the past is no lock', () => {
    const past = facts({ lockedUntil: new Date(NOW.getTime() - 1) });
    expect(only(diagnose(past, HELPDESK, NOW), 'account-locked')).toMatchObject({
      status: 'ok',
      action: null,
    });
  });

  it('app passwords: needed only for the protocols that are on, and only with 2FA', () => {
    const on = facts({
      twoFactorEnabled: true,
      pop3Enabled: false,
      appPasswordProtocols: ['imap'],
    });
    expect(only(diagnose(on, SELF, NOW), 'app-password-needed')).toMatchObject({
      status: 'warn',
      params: { missing: 'smtp' },
      action: 'create-app-password',
    });
    const covered = facts({
      twoFactorEnabled: true,
      pop3Enabled: false,
      appPasswordProtocols: ['imap', 'smtp'],
    });
    expect(only(diagnose(covered, SELF, NOW), 'app-password-needed').status).toBe('ok');
    expect(
      only(diagnose(facts({ twoFactorEnabled: false }), SELF, NOW), 'app-password-needed').status,
    ).toBe('ok');
  });

  it('DNS: ok passes, missing and mismatch fail, unverified and no key warn; an admin who may write domains verifies', () => {
    const dnsFacts = facts({
      dns: {
        mx: { state: 'ok', name: 'example.com.' },
        spf: {
          state: 'mismatch',
          name: 'example.com.',
          expected: '"v=spf1 mx -all"',
          found: ['"v=spf1 a ~all"'],
        },
        dkim: { state: 'none', name: '' },
        dmarc: { state: 'unverified', name: '_dmarc.example.com.', never: false },
      },
    });
    const dnsOf = (viewer: Viewer) =>
      diagnose(dnsFacts, viewer, NOW)
        .filter((f) => f.code.startsWith('dns-'))
        .map((f) => [f.code, f.status, f.action]);
    expect(dnsOf(DOMAIN_ADMIN)).toEqual([
      ['dns-mx', 'ok', null],
      ['dns-spf', 'fail', 'verify-dns'],
      ['dns-dkim', 'warn', null],
      ['dns-dmarc', 'warn', 'verify-dns'],
    ]);
    // The helpdesk may not verify; the user can only tell someone about a wrong record.
    expect(dnsOf(HELPDESK).map(([, , action]) => action)).toEqual([null, null, null, null]);
    expect(dnsOf(SELF).map(([, , action]) => action)).toEqual([null, 'contact-admin', null, null]);

    const spf = only(diagnose(dnsFacts, DOMAIN_ADMIN, NOW), 'dns-spf');
    expect(describeFinding(spf, 'en')).toContain('"v=spf1 a ~all"');
    expect(describeFinding(spf, 'en')).toContain('"v=spf1 mx -all"');
    expect(describeFinding(spf, 'ja')).toContain('"v=spf1 a ~all"');
    expect(describeFinding(only(diagnose(dnsFacts, SELF, NOW), 'dns-dkim'), 'en')).toMatch(
      /no DKIM key yet/,
    );
  });

  it('spam thresholds: warns at or below the strict score, not when filtering is off', () => {
    const strict = (junkScore: number, enabled = true) =>
      facts({
        spam: {
          effective: { ...SPAM_POLICY_DEFAULTS, addHeaderScore: 0, junkScore, enabled },
          sources: { junkScore: 'mailbox', rejectScore: 'default' },
        },
      });
    expect(only(diagnose(strict(3), SELF, NOW), 'spam-threshold')).toMatchObject({
      status: 'warn',
      action: 'edit-spam-policy',
    });
    expect(only(diagnose(strict(3.5), SELF, NOW), 'spam-threshold').status).toBe('ok');
    expect(only(diagnose(strict(1, false), SELF, NOW), 'spam-threshold').status).toBe('ok');
  });

  it('sender: only when asked; the user edits only their own list', () => {
    expect(diagnose(facts(), SELF, NOW).some((f) => f.code === 'sender-blocked')).toBe(false);
    const blocked = (level: 'mailbox' | 'domain' | 'global') =>
      facts({ sender: { address: 'x@spam.example', verdict: 'block', level } });
    expect(only(diagnose(blocked('mailbox'), SELF, NOW), 'sender-blocked').action).toBe(
      'edit-sender-rules',
    );
    expect(only(diagnose(blocked('global'), SELF, NOW), 'sender-blocked').action).toBe(
      'contact-admin',
    );
    expect(only(diagnose(blocked('global'), HELPDESK, NOW), 'sender-blocked').action).toBeNull();
    expect(only(diagnose(blocked('domain'), DOMAIN_ADMIN, NOW), 'sender-blocked')).toMatchObject({
      status: 'fail',
      action: 'edit-sender-rules',
    });
  });

  it('forwarding: warns only when no copy is kept', () => {
    const away = facts({ forwardTo: ['b@elsewhere.example'], keepCopy: false });
    expect(only(diagnose(away, DOMAIN_ADMIN, NOW), 'forwarding-without-copy')).toMatchObject({
      status: 'warn',
      action: 'edit-forwarding',
    });
    const kept = facts({ forwardTo: ['b@elsewhere.example'], keepCopy: true });
    expect(only(diagnose(kept, DOMAIN_ADMIN, NOW), 'forwarding-without-copy').status).toBe('ok');
  });
});

describe(describeFinding.name, () => {
  it('says every code at every status in English and in Japanese, differently', () => {
    const params = {
      domain: 'example.com',
      percent: 95,
      missing: 'imap',
      sender: 'x@y.example',
      level: 'domain',
      state: 'unknown',
      junkScore: 2,
      rejectScore: 15,
      junkFolder: 'Junk',
      enabled: 1,
      destinations: 'b@c.example',
      count: 1,
      until: NOW.toISOString(),
      verdict: 'block',
      twoFactor: 1,
      unlimited: 0,
    };
    for (const code of DIAGNOSTIC_CODES) {
      for (const status of DIAGNOSTIC_STATUSES) {
        const finding: Finding = { code, status, params, action: null };
        const en = describeFinding(finding, 'en');
        const ja = describeFinding(finding, 'ja');
        expect(en, `${code} ${status}`).toMatch(/^[^\u3040-\u30ff]{10,}$/);
        expect(ja, `${code} ${status}`).toMatch(/[\u3040-\u30ff]/);
      }
    }
  });

  it('labels every action in both languages', () => {
    const findings = diagnose(facts({ active: false }), DOMAIN_ADMIN, NOW);
    const action = only(findings, 'mailbox-inactive').action!;
    expect(actionLabel(action, 'en')).toBe('Turn the mailbox on');
    expect(actionLabel(action, 'ja')).toBe('メールボックスを有効にする');
  });
});
