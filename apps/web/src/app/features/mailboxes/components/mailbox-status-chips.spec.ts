import { describe, expect, it } from 'vitest';
import { mailboxChips } from './mailbox-status-chips';

const normal = {
  active: true,
  imapEnabled: true,
  pop3Enabled: true,
  smtpEnabled: true,
  mustChangePassword: false,
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
});
