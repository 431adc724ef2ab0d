import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';

/** The second sign-in step: a code from the authenticator app, or a recovery code. */
@Component({
  selector: 'yb-code-step',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <h2 class="step-title">{{ 'auth.codeHeading' | t }}</h2>
    <p class="yb-muted">{{ 'auth.codeIntro' | t }}</p>
    <form [formGroup]="form" (ngSubmit)="submit()" class="yb-form" novalidate>
      <mat-form-field>
        <mat-label>{{ 'auth.code' | t }}</mat-label>
        <input
          matInput
          formControlName="code"
          autocomplete="one-time-code"
          inputmode="text"
          required
          data-testid="login-code"
        />
        @if (form.controls.code.invalid) {
          <mat-error>{{ form.controls.code.errors | fieldError }}</mat-error>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="login-code-submit">
        {{ 'auth.verify' | t }}
      </button>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CodeStep {
  readonly busy = input(false);
  readonly submitted = output<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.minLength(6), Validators.maxLength(32)]],
  });

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitted.emit(this.form.getRawValue().code.trim());
  }
}
