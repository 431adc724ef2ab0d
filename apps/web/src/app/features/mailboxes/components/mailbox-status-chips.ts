import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import type { MailboxResponseDto } from '@yubin/api-client';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

interface Chip {
  label: MessageKey;
  icon: string;
  tone: 'off' | 'warn' | 'info';
}

/** Only what differs from normal: disabled, a protocol switched off, password to change. */
export function mailboxChips(
  mailbox: Pick<
    MailboxResponseDto,
    'active' | 'imapEnabled' | 'pop3Enabled' | 'smtpEnabled' | 'mustChangePassword'
  >,
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
  if (mailbox.mustChangePassword)
    chips.push({ label: 'mailboxes.chips.mustChange', icon: 'password', tone: 'warn' });
  // The identity work adds a "2FA on" chip here.
  return chips;
}

@Component({
  selector: 'yb-mailbox-status-chips',
  imports: [MatChipsModule, MatIconModule, TranslatePipe],
  template: `
    @if (chips().length > 0) {
      <mat-chip-set [attr.aria-label]="'common.status' | t">
        @for (chip of chips(); track chip.label) {
          <mat-chip [class]="'chip-' + chip.tone" [disableRipple]="true">
            <mat-icon matChipAvatar aria-hidden="true">{{ chip.icon }}</mat-icon>{{
              chip.label | t
            }}
          </mat-chip>
        }
      </mat-chip-set>
    } @else {
      <span class="yb-hint">{{ 'common.active' | t }}</span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxStatusChips {
  readonly mailbox = input.required<MailboxResponseDto>();
  protected readonly chips = computed(() => mailboxChips(this.mailbox()));
}
