import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';

export interface Credentials {
  email: string;
  password: string;
}

/** The first sign-in step: address and password. */
@Component({
  selector: 'yb-password-step',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" class="yb-form" novalidate>
      <mat-form-field>
        <mat-label>{{ 'auth.email' | t }}</mat-label>
        <input
          matInput
          formControlName="email"
          type="email"
          autocomplete="username"
          required
          data-testid="login-email"
        />
        @if (form.controls.email.invalid) {
          <mat-error>{{ form.controls.email.errors | fieldError }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'auth.password' | t }}</mat-label>
        <input
          matInput
          formControlName="password"
          [type]="showPassword() ? 'text' : 'password'"
          autocomplete="current-password"
          required
          data-testid="login-password"
        />
        <button
          mat-icon-button
          matSuffix
          type="button"
          (click)="showPassword.set(!showPassword())"
          [attr.aria-label]="(showPassword() ? 'auth.hidePassword' : 'auth.showPassword') | t"
          [attr.aria-pressed]="showPassword()"
        >
          <mat-icon [fontIcon]="showPassword() ? 'visibility_off' : 'visibility'" />
        </button>
        @if (form.controls.password.invalid) {
          <mat-error>{{ form.controls.password.errors | fieldError }}</mat-error>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="login-submit">
        {{ (busy() ? 'auth.signingIn' : 'auth.signIn') | t }}
      </button>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordStep {
  readonly busy = input(false);
  readonly submitted = output<Credentials>();

  protected readonly showPassword = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(this.form.getRawValue());
  }
}
