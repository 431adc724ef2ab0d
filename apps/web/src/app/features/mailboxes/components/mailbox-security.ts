import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { MailboxResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { MailboxesApi } from '../data/mailboxes-api';
import { isLocked } from './mailbox-status-chips';
import { toUnicodeName } from '../../../shared/data/idn';

/**
 * What helpdesk needs on the phone: is two-step sign-in on (and a way to reset it for
 * someone who lost their phone and codes), and is sign-in locked after failed attempts
 * (and a way to lift it).
 */
@Component({
  selector: 'yb-mailbox-security',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, DateTimePipe],
  template: `
    <h3>{{ 'mailboxes.security.title' | t }}</h3>
    <div class="row">
      <mat-icon [fontIcon]="mailbox().twoFactorEnabled ? 'verified_user' : 'shield'" />
      <div class="text">
        <strong data-testid="mailbox-two-factor">{{
          (mailbox().twoFactorEnabled
            ? 'mailboxes.security.twoFactorOn'
            : 'mailboxes.security.twoFactorOff'
          ) | t
        }}</strong>
        <span class="yb-hint">{{
          (mailbox().twoFactorEnabled
            ? 'mailboxes.security.twoFactorOnHint'
            : 'mailboxes.security.twoFactorOffHint'
          ) | t
        }}</span>
      </div>
      @if (mailbox().twoFactorEnabled && canReset()) {
        <button
          mat-stroked-button
          type="button"
          class="danger"
          [disabled]="busy()"
          (click)="resetTwoFactor()"
          data-testid="reset-two-factor"
        >
          <mat-icon fontIcon="phonelink_erase" />{{ 'mailboxes.security.resetTwoFactor' | t }}
        </button>
      }
    </div>
    <div class="row">
      <mat-icon [fontIcon]="locked() ? 'lock_clock' : 'lock_open'" />
      <div class="text">
        @if (locked()) {
          <strong data-testid="mailbox-lock">{{
            'mailboxes.security.lockedUntil' | t: { time: (mailbox().lockedUntil | dateTime) }
          }}</strong>
          <span class="yb-hint">{{ 'mailboxes.security.lockedHint' | t }}</span>
        } @else {
          <strong data-testid="mailbox-lock">{{ 'mailboxes.security.notLocked' | t }}</strong>
          <span class="yb-hint">{{ 'mailboxes.security.notLockedHint' | t }}</span>
        }
      </div>
      @if (locked() && canReset()) {
        <button
          mat-flat-button
          type="button"
          [disabled]="busy()"
          (click)="unlock()"
          data-testid="unlock-mailbox"
        >
          <mat-icon fontIcon="lock_open" />{{ 'mailboxes.security.unlock' | t }}
        </button>
      }
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
    }
    h3 {
      font: var(--mat-sys-title-medium);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
    }
    .text {
      flex: 1;
      min-width: 24ch;
      display: grid;
      gap: 2px;
    }
    .danger {
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxSecurity {
  private readonly api = inject(MailboxesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly problems = inject(ProblemText);
  private readonly session = inject(Session);

  readonly mailbox = input.required<MailboxResponseDto>();
  readonly changed = output();

  protected readonly busy = signal(false);
  protected readonly locked = computed(() => isLocked(this.mailbox().lockedUntil));
  protected readonly canReset = computed(() => this.session.can('mailboxes:credentials'));

  protected async resetTwoFactor(): Promise<void> {
    const address = this.mailbox().address;
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('mailboxes.security.resetTitle', { address }),
      message: this.i18n.t('mailboxes.security.resetMessage'),
      confirmLabel: this.i18n.t('mailboxes.security.resetTwoFactor'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(() => this.api.resetTwoFactor(address), 'mailboxes.security.resetDone');
  }

  protected async unlock(): Promise<void> {
    await this.act(() => this.api.unlock(this.mailbox().address), 'mailboxes.security.unlocked');
  }

  private async act(
    action: () => Promise<void>,
    done: 'mailboxes.security.resetDone' | 'mailboxes.security.unlocked',
  ): Promise<void> {
    this.busy.set(true);
    try {
      await action();
      this.snackBar.open(this.i18n.t(done, { address: toUnicodeName(this.mailbox().address) }));
      this.changed.emit();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
