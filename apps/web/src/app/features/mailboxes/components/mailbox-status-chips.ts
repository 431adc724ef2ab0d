import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MailboxResponseDto } from '@yubin/api-client';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { StatusBadge } from '../../../shared/ui/status-badge';

interface Chip {
  label: MessageKey;
  icon: string;
  tone: 'off' | 'warn' | 'info' | 'ok';
  /** For a label with a placeholder: when a lock ends. */
  until?: string;
}

/** A sign-in lock still in force at `now`. */
export function isLocked(lockedUntil: string | null, now = Date.now()): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now;
}

/**
 * Only what differs from normal: disabled, a protocol switched off, mail forwarded (a
 * warning when the mailbox keeps no copy), password to change, locked after failed
 * sign-ins; and two-step sign-in when it is on.
 */
export function mailboxChips(
  mailbox: Pick<
    MailboxResponseDto,
    | 'active'
    | 'imapEnabled'
    | 'pop3Enabled'
    | 'smtpEnabled'
    | 'mustChangePassword'
    | 'twoFactorEnabled'
    | 'lockedUntil'
    | 'forwardTo'
    | 'keepCopy'
  >,
  now = Date.now(),
): Chip[] {
  const chips: Chip[] = [];
  if (!mailbox.active)
    chips.push({ label: 'mailboxes.chips.disabled', icon: 'block', tone: 'off' });
  if (!mailbox.imapEnabled)
    chips.push({ label: 'mailboxes.chips.imapOff', icon: 'mail_lock', tone: 'info' });
  if (!mailbox.pop3Enabled)
    chips.push({ label: 'mailboxes.chips.pop3Off', icon: 'download_for_offline', tone: 'info' });
  if (!mailbox.smtpEnabled)
    chips.push({ label: 'mailboxes.chips.smtpOff', icon: 'cancel_schedule_send', tone: 'info' });
  if (mailbox.forwardTo.length > 0)
    chips.push(
      mailbox.keepCopy
        ? { label: 'mailboxes.chips.forwardsCopy', icon: 'forward_to_inbox', tone: 'info' }
        : { label: 'mailboxes.chips.forwards', icon: 'forward', tone: 'warn' },
    );
  if (mailbox.mustChangePassword)
    chips.push({ label: 'mailboxes.chips.mustChange', icon: 'password', tone: 'warn' });
  if (isLocked(mailbox.lockedUntil, now) && mailbox.lockedUntil !== null)
    chips.push({
      label: 'mailboxes.chips.lockedUntil',
      icon: 'lock_clock',
      tone: 'warn',
      until: mailbox.lockedUntil,
    });
  if (mailbox.twoFactorEnabled)
    chips.push({ label: 'mailboxes.chips.twoFactorOn', icon: 'verified_user', tone: 'ok' });
  return chips;
}

@Component({
  selector: 'yb-mailbox-status-chips',
  imports: [StatusBadge, TranslatePipe, DateTimePipe],
  template: `
    @for (chip of chips(); track chip.label) {
      <yb-status-badge
        [label]="chip.label | t: { time: chip.until ? (chip.until | dateTime) : '' }"
        [icon]="chip.icon"
        [tone]="chip.tone"
      />
    } @empty {
      <span class="yb-hint">{{ 'common.active' | t }}</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxStatusChips {
  readonly mailbox = input.required<MailboxResponseDto>();
  protected readonly chips = computed(() => mailboxChips(this.mailbox()));
}
