import { describe, expect, it } from 'vitest';
import { mailboxChips } from './mailbox-status-chips';

const normal = {
  active: true,
  imapEnabled: true,
  pop3Enabled: true,
  smtpEnabled: true,
  mustChangePassword: false,
  twoFactorEnabled: false,
  lockedUntil: null,
  forwardTo: [] as string[],
  keepCopy: true,
};

describe(mailboxChips.name, () => {
  it('shows nothing for a normal mailbox', () => {
    expect(mailboxChips(normal)).toEqual([]);
  });

  it('shows each thing that differs from normal, disabled first', () => {
    expect(
      mailboxChips({ ...normal, active: false, pop3Enabled: false, mustChangePassword: true }).map(
        (chip) => chip.label,
      ),
    ).toEqual([
      'mailboxes.chips.disabled',
      'mailboxes.chips.pop3Off',
      'mailboxes.chips.mustChange',
    ]);
    expect(
      mailboxChips({ ...normal, smtpEnabled: false, imapEnabled: false }).map((chip) => chip.label),
    ).toEqual(['mailboxes.chips.imapOff', 'mailboxes.chips.smtpOff']);
  });

  it('shows forwarding, as a warning when the mailbox keeps no copy', () => {
    const forwarded = { ...normal, forwardTo: ['alice@example.org'] };
    expect(mailboxChips(forwarded).map((chip) => [chip.label, chip.tone])).toEqual([
      ['mailboxes.chips.forwardsCopy', 'info'],
    ]);
    expect(
      mailboxChips({ ...forwarded, keepCopy: false }).map((chip) => [chip.label, chip.tone]),
    ).toEqual([['mailboxes.chips.forwards', 'warn']]);
    expect(mailboxChips({ ...normal, keepCopy: false })).toEqual([]);
  });

  it('shows a lock only while it lasts, with when it ends, and 2FA when it is on', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    const locked = mailboxChips(
      { ...normal, lockedUntil: '2026-03-01T10:05:00Z', twoFactorEnabled: true },
      now,
    );
    expect(locked.map((chip) => [chip.label, chip.until])).toEqual([
      ['mailboxes.chips.lockedUntil', '2026-03-01T10:05:00Z'],
      ['mailboxes.chips.twoFactorOn', undefined],
    ]);
    expect(mailboxChips({ ...normal, lockedUntil: '2026-03-01T09:59:00Z' }, now)).toEqual([]);
  });
});
