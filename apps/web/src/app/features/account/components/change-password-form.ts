import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { PasswordPolicyDto, UserResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { PasswordField } from '../../../shared/ui/password-field';
import { AccountApi } from '../data/account-api';

/** The repeated password must be the same as the new one. */
const sameAsNew = (group: AbstractControl): ValidationErrors | null => {
  const newPassword = group.get('newPassword')?.value as string;
  const repeat = group.get('repeat');
  if (repeat === null) return null;
  const mismatch = repeat.value !== '' && repeat.value !== newPassword;
  const errors = { ...(repeat.errors ?? {}) };
  if (mismatch) errors['mismatch'] = true;
  else delete errors['mismatch'];
  repeat.setErrors(Object.keys(errors).length > 0 ? errors : null);
  return null;
};

export function changePasswordForm() {
  return new FormGroup(
    {
      currentPassword: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
      newPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      repeat: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: sameAsNew },
  );
}

/**
 * Changing one's own password: the current one (or the temporary one from an admin), a new
 * one with the live meter for the policy that applies to this user, and the new one again.
 * The API's refusals land on the field they concern.
 */
@Component({
  selector: 'yb-change-password-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    PasswordField,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <form class="yb-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>{{
          (forced() ? 'account.password.temporary' : 'account.password.current') | t
        }}</mat-label>
        <input
          matInput
          formControlName="currentPassword"
          [type]="showCurrent() ? 'text' : 'password'"
          autocomplete="current-password"
          required
          data-testid="current-password"
        />
        <button
          mat-icon-button
          matSuffix
          type="button"
          (click)="showCurrent.set(!showCurrent())"
          [attr.aria-label]="(showCurrent() ? 'auth.hidePassword' : 'auth.showPassword') | t"
          [attr.aria-pressed]="showCurrent()"
        >
          <mat-icon [fontIcon]="showCurrent() ? 'visibility_off' : 'visibility'" />
        </button>
        @if (forced()) {
          <mat-hint>{{ 'account.password.temporaryHint' | t }}</mat-hint>
        }
        <mat-error>{{ form.controls.currentPassword.errors | fieldError }}</mat-error>
      </mat-form-field>
      <yb-password-field
        [control]="form.controls.newPassword"
        [label]="'account.password.new' | t"
        [owner]="owner()"
        [policy]="policy()"
      />
      <mat-form-field>
        <mat-label>{{ 'account.password.repeat' | t }}</mat-label>
        <input
          matInput
          formControlName="repeat"
          type="password"
          autocomplete="new-password"
          required
          data-testid="repeat-password"
        />
        <mat-error>{{ form.controls.repeat.errors | fieldError }}</mat-error>
      </mat-form-field>
      <p class="yb-hint">{{ 'account.password.othersSignedOut' | t }}</p>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert" data-testid="change-password-error">
          {{ message }}
        </p>
      }
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="change-password">
          {{ 'account.password.submit' | t }}
        </button>
        <ng-content />
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordForm {
  private readonly api = inject(AccountApi);
  private readonly problems = inject(ProblemText);

  readonly user = input.required<UserResponseDto>();
  /** After an admin reset: the "current" password is the temporary one. */
  readonly forced = input(false);
  readonly changed = output();

  protected readonly form = changePasswordForm();
  protected readonly showCurrent = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly policy = signal<PasswordPolicyDto | null>(null);
  protected readonly owner = computed(() => ({
    address: this.user().email,
    displayName: this.user().displayName,
  }));

  constructor() {
    // Without it the meter uses the global default, which the API may not apply here.
    this.api.passwordPolicy().then(
      (policy) => this.policy.set(policy),
      () => undefined,
    );
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.changePassword(value.currentPassword, value.newPassword);
      this.form.reset();
      this.changed.emit();
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          codes: { INVALID_CURRENT_PASSWORD: 'currentPassword' },
        }),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
