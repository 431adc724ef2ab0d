import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { toUnicodeName } from '../../../shared/data/idn';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { HANDOVER_SEND_ERRORS } from '../data/form-errors';
import { MailboxesApi } from '../data/mailboxes-api';

/**
 * "Send to…": mails the handover sheet to one other address of the user's. The temporary
 * password comes from the page that showed it (an input), goes in the request body only,
 * and is never fetched: the server keeps none.
 */
@Component({
  selector: 'yb-handover-send-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="send()" novalidate data-testid="handover-send">
      <h3>{{ 'mailboxes.handover.send.title' | t }}</h3>
      <p class="yb-hint">{{ 'mailboxes.handover.send.hint' | t }}</p>
      <div class="row">
        <mat-form-field>
          <mat-label>{{ 'mailboxes.handover.send.to' | t }}</mat-label>
          <input
            matInput
            type="email"
            formControlName="to"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            data-testid="handover-send-to"
          />
          <mat-error>{{ form.controls.to.errors | fieldError }}</mat-error>
        </mat-form-field>
        <button
          mat-stroked-button
          type="submit"
          [disabled]="busy()"
          data-testid="handover-send-button"
        >
          <mat-icon fontIcon="send" />{{ 'mailboxes.handover.send.button' | t }}
        </button>
      </div>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert" data-testid="handover-send-error">{{ message }}</p>
      }
    </form>
  `,
  styles: `
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 4px;
    }
    .row {
      display: flex;
      gap: 12px;
      align-items: baseline;
      flex-wrap: wrap;
    }
    mat-form-field {
      flex: 1 1 280px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoverSendForm {
  private readonly api = inject(MailboxesApi);
  private readonly problems = inject(ProblemText);
  private readonly i18n = inject(I18n);
  private readonly snackBar = inject(MatSnackBar);

  readonly address = input.required<string>();
  /** The temporary password the page showed once; it lives only in this browser's memory. */
  readonly password = input.required<string>();

  protected readonly form = new FormGroup({
    to: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async send(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const sent = await this.api.sendHandover(
        this.address(),
        this.form.controls.to.value.trim(),
        this.password(),
      );
      this.form.reset();
      this.snackBar.open(
        this.i18n.t('mailboxes.handover.send.sent', { address: toUnicodeName(sent.sentTo) }),
      );
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), { errors: HANDOVER_SEND_ERRORS }),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
