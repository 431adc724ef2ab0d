import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
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
import { CHANGE_PASSWORD_ERRORS } from '../data/form-errors';

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
      <!-- Hidden, not removed: re-adding a control re-runs its validators and drops the
           error the API put on it. -->
      <mat-form-field [style.display]="askCurrent() ? null : 'none'">
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
  /**
   * The password the user has just signed in with, kept in memory by the sign-in page:
   * then nobody is asked to retype it. After a reload it is gone, and the field shows.
   */
  readonly knownPassword = input<string | null>(null);
  readonly changed = output();

  protected readonly form = changePasswordForm();
  protected readonly showCurrent = signal(false);
  /** Shown unless the password is known, or when the API refused the known one. */
  private readonly refusedKnown = signal(false);
  protected readonly askCurrent = computed(
    () => this.knownPassword() === null || this.refusedKnown(),
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly policy = signal<PasswordPolicyDto | null>(null);
  protected readonly owner = computed(() => ({
    address: this.user().email,
    displayName: this.user().displayName,
  }));

  constructor() {
    effect(() => {
      const known = this.knownPassword();
      if (known !== null) untracked(() => this.form.controls.currentPassword.setValue(known));
    });
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
      const problem = toProblem(error);
      if (problem.code === 'INVALID_CURRENT_PASSWORD') this.refusedKnown.set(true);
      this.error.set(
        this.problems.forForm(this.form, problem, {
          errors: CHANGE_PASSWORD_ERRORS,
          codes: { INVALID_CURRENT_PASSWORD: 'currentPassword' },
        }),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
