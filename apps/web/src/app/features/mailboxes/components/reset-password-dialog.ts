import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { SecretOnce } from '../../../shared/ui/secret-once';
import { MailboxesApi } from '../data/mailboxes-api';
import { openHandoverSheet } from './handover-sheet-dialog';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';

export interface ResetPasswordData {
  address: string;
}

/**
 * For the helpdesk call: makes a temporary password, shows it once with a copy button,
 * and says the user must choose a new one when they next sign in; offers the handover sheet.
 */
@Component({
  selector: 'yb-reset-password-dialog',
  imports: [
    UnicodeNamePipe,
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    SecretOnce,
    TranslatePipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'mailboxes.reset.title' | t }}</h2>
    <mat-dialog-content>
      @if (temporaryPassword(); as password) {
        <yb-secret-once
          [secret]="password"
          [label]="'mailboxes.reset.temporaryPassword' | t"
          [warning]="'mailboxes.reset.shownOnce' | t"
          [copyLabel]="'common.copy' | t"
          [copiedLabel]="'common.copied' | t"
        />
        <p class="must-change" data-testid="must-change-note">
          <mat-icon fontIcon="info" />{{ 'mailboxes.reset.mustChange' | t }}
        </p>
      } @else {
        <p>{{ 'mailboxes.reset.explain' | t: { address: data.address | unicodeName } }}</p>
        <p class="yb-muted">{{ 'mailboxes.reset.sessions' | t }}</p>
        @if (error(); as message) {
          <p class="yb-banner-error" role="alert">{{ message }}</p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (temporaryPassword(); as password) {
        <button
          mat-stroked-button
          type="button"
          (click)="printSheet(password)"
          data-testid="print-handover"
        >
          <mat-icon fontIcon="print" />{{ 'mailboxes.handover.print' | t }}
        </button>
        <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="reset-done">
          {{ 'common.done' | t }}
        </button>
      } @else {
        <button mat-button type="button" [mat-dialog-close]="false">
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="button"
          [disabled]="busy()"
          (click)="reset()"
          data-testid="confirm-reset"
        >
          {{ 'mailboxes.reset.confirm' | t }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .must-change {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin-top: 16px;
    }
    p {
      max-width: 56ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordDialog {
  private readonly api = inject(MailboxesApi);
  private readonly problems = inject(ProblemText);
  private readonly dialog = inject(MatDialog);
  protected readonly data = inject<ResetPasswordData>(MAT_DIALOG_DATA);
  protected readonly temporaryPassword = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async reset(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await this.api.resetPassword(this.data.address);
      this.temporaryPassword.set(result.temporaryPassword ?? null);
    } catch (error) {
      this.error.set(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }

  protected printSheet(password: string): void {
    openHandoverSheet(this.dialog, { address: this.data.address, password });
  }
}
