import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { TwoFactorStatusResponseDto } from '@yubin/api-client';
import { firstValueFrom } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { RecoveryCodes } from '../../../shared/ui/recovery-codes';
import { AccountApi } from '../data/account-api';
import { DisableTwoFactorDialog } from './disable-two-factor-dialog';
import { TotpEnrolment } from './totp-enrolment';

/** Few enough recovery codes left that it is time for a new set. */
export const FEW_RECOVERY_CODES = 3;

/**
 * Two-step sign-in for one's own account: whether it is on, what a policy asks, and the
 * ways to turn it on, get new recovery codes or turn it off.
 */
@Component({
  selector: 'yb-two-factor-panel',
  imports: [
    MatButtonModule,
    MatIconModule,
    TotpEnrolment,
    RecoveryCodes,
    Loading,
    ErrorState,
    TranslatePipe,
    LocalDatePipe,
  ],
  template: `
    <h2>{{ 'twoFactor.title' | t }}</h2>
    <p class="yb-muted intro">{{ 'twoFactor.explain' | t }}</p>
    @if (problem(); as current) {
      <yb-error-state
        [message]="problems.describe(current)"
        [retryLabel]="'common.retry' | t"
        (retry)="load()"
      />
    } @else if (status(); as current) {
      @if (enrolling()) {
        <yb-totp-enrolment
          [account]="account()"
          [autoStart]="true"
          (completed)="enrolled()"
          (cancelled)="enrolling.set(false)"
        />
      } @else if (newCodes(); as codes) {
        <p>{{ 'twoFactor.codes.newExplain' | t }}</p>
        <yb-recovery-codes [codes]="codes" [account]="account()" />
        <div class="yb-actions">
          <button mat-flat-button type="button" (click)="newCodes.set(null)">
            {{ 'common.done' | t }}
          </button>
        </div>
      } @else if (current.enabled) {
        <p class="state on" data-testid="two-factor-state">
          <mat-icon fontIcon="verified_user" />
          {{ 'twoFactor.onSince' | t: { date: (current.enabledAt | date) } }}
        </p>
        <p [class.warn]="current.recoveryCodesRemaining <= few">
          {{ 'twoFactor.codesLeft' | t: { count: current.recoveryCodesRemaining } }}
          @if (current.recoveryCodesRemaining <= few) {
            {{ 'twoFactor.codesLow' | t }}
          }
        </p>
        <p class="yb-hint">{{ 'twoFactor.mailApps' | t }}</p>
        @if (current.requiredByPolicy) {
          <p class="yb-hint" data-testid="two-factor-kept">{{ 'twoFactor.keptByPolicy' | t }}</p>
        }
        <div class="yb-actions">
          <button
            mat-stroked-button
            type="button"
            (click)="regenerate()"
            data-testid="regenerate-codes"
          >
            <mat-icon fontIcon="autorenew" />{{ 'twoFactor.codes.regenerate' | t }}
          </button>
          @if (!current.requiredByPolicy) {
            <button
              mat-stroked-button
              type="button"
              class="danger"
              (click)="disable()"
              data-testid="disable-two-factor"
            >
              <mat-icon fontIcon="no_encryption" />{{ 'twoFactor.disable.button' | t }}
            </button>
          }
        </div>
      } @else {
        <p class="state off" data-testid="two-factor-state">
          <mat-icon fontIcon="shield" />{{ 'twoFactor.off' | t }}
        </p>
        @if (current.required) {
          <p class="required" role="status" data-testid="two-factor-deadline">
            @if (current.deadline) {
              {{ 'twoFactor.requiredBy' | t: { date: (current.deadline | date) } }}
            } @else {
              {{ 'twoFactor.required' | t }}
            }
          </p>
        }
        <div class="yb-actions">
          <button
            mat-flat-button
            type="button"
            (click)="enrolling.set(true)"
            data-testid="enable-two-factor"
          >
            <mat-icon fontIcon="security" />{{ 'twoFactor.enable' | t }}
          </button>
        </div>
      }
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    p {
      margin: 0;
      max-width: 70ch;
    }
    .state {
      display: flex;
      gap: 8px;
      align-items: center;
      font: var(--mat-sys-title-small);
    }
    .state.on {
      color: var(--yb-ok);
    }
    .warn {
      color: var(--yb-warn);
    }
    .required {
      padding: 12px 16px;
      border-radius: 12px;
      background: color-mix(in srgb, var(--yb-warn) 16%, transparent);
    }
    .danger {
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorPanel {
  private readonly api = inject(AccountApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);

  readonly account = input.required<string>();

  protected readonly few = FEW_RECOVERY_CODES;
  protected readonly status = signal<TwoFactorStatusResponseDto | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly enrolling = signal(false);
  protected readonly newCodes = signal<string[] | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      this.status.set(await this.api.twoFactorStatus());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async enrolled(): Promise<void> {
    this.enrolling.set(false);
    this.snackBar.open(this.i18n.t('twoFactor.enabled'));
    await Promise.all([this.load(), this.session.refresh().catch(() => null)]);
  }

  protected async regenerate(): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('twoFactor.codes.regenerateTitle'),
      message: this.i18n.t('twoFactor.codes.regenerateMessage'),
      confirmLabel: this.i18n.t('twoFactor.codes.regenerate'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      this.newCodes.set(await this.api.regenerateRecoveryCodes());
      await this.load();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
  }

  protected async disable(): Promise<void> {
    const ref = this.dialog.open<DisableTwoFactorDialog, undefined, boolean>(
      DisableTwoFactorDialog,
      { width: '520px', role: 'alertdialog' },
    );
    if ((await firstValueFrom(ref.afterClosed())) !== true) return;
    this.snackBar.open(this.i18n.t('twoFactor.disabled'));
    await Promise.all([this.load(), this.session.refresh().catch(() => null)]);
  }
}
