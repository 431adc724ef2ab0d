import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { AccountApi } from '../data/account-api';
import { DISABLE_TWO_FACTOR_ERRORS } from '../data/form-errors';

/** Turning 2FA off needs proof: a current code (or a recovery code), or the password. */
@Component({
  selector: 'yb-disable-two-factor-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'twoFactor.disable.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ 'twoFactor.disable.message' | t }}</p>
        <mat-radio-group
          formControlName="proof"
          class="proofs"
          [attr.aria-label]="'twoFactor.disable.proof' | t"
        >
          <mat-radio-button value="code">{{ 'twoFactor.disable.withCode' | t }}</mat-radio-button>
          <mat-radio-button value="password" data-testid="disable-with-password">{{
            'twoFactor.disable.withPassword' | t
          }}</mat-radio-button>
        </mat-radio-group>
        @if (proof() === 'code') {
          <mat-form-field class="full">
            <mat-label>{{ 'auth.code' | t }}</mat-label>
            <input
              matInput
              formControlName="code"
              autocomplete="one-time-code"
              data-testid="disable-code"
            />
            <mat-error>{{ form.controls.code.errors | fieldError }}</mat-error>
          </mat-form-field>
        } @else {
          <mat-form-field class="full">
            <mat-label>{{ 'auth.password' | t }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="current-password"
              data-testid="disable-password"
            />
            <mat-error>{{ form.controls.password.errors | fieldError }}</mat-error>
          </mat-form-field>
        }
        @if (error(); as message) {
          <p class="yb-banner-error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="false">
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          class="destructive"
          [disabled]="busy()"
          data-testid="confirm-disable"
        >
          {{ 'twoFactor.disable.confirm' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    p {
      max-width: 56ch;
    }
    .proofs {
      display: grid;
      gap: 4px;
      margin: 8px 0 16px;
    }
    .full {
      width: 100%;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisableTwoFactorDialog {
  private readonly api = inject(AccountApi);
  private readonly problems = inject(ProblemText);
  private readonly ref = inject<MatDialogRef<DisableTwoFactorDialog, boolean>>(MatDialogRef);

  protected readonly form = new FormGroup({
    proof: new FormControl<'code' | 'password'>('code', { nonNullable: true }),
    code: new FormControl('', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });
  protected readonly proof = toSignal(this.form.controls.proof.valueChanges, {
    initialValue: 'code' as const,
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    const { proof, code, password } = this.form.getRawValue();
    const control = proof === 'code' ? this.form.controls.code : this.form.controls.password;
    const value = proof === 'code' ? code.trim() : password;
    if (value === '') {
      control.setErrors({ required: true });
      control.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.disableTwoFactor(proof === 'code' ? { code: value } : { password: value });
      this.ref.close(true);
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: DISABLE_TWO_FACTOR_ERRORS,
          codes: { INVALID_MFA_CODE: 'code', INVALID_CURRENT_PASSWORD: 'password' },
        }),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
