import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ReactiveFormsModule,
  type AbstractControl,
  type FormControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { debounceTime, startWith } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  loadPasswordChecker,
  type PasswordChecker,
  type PasswordEvaluation,
  type PasswordOwner,
  type PasswordPolicyLike,
} from '../data/password-policy';
import { FieldErrorPipe } from '../forms/field-error.pipe';
import { PasswordStrength } from './password-strength';

/**
 * A new-password field with the live meter. The rules are the API's (libs/contracts),
 * loaded lazily; the control is invalid (`policy`) until they pass.
 */
@Component({
  selector: 'yb-password-field',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    PasswordStrength,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <mat-form-field class="field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [type]="visible() ? 'text' : 'password'"
        autocomplete="new-password"
        spellcheck="false"
        [attr.data-testid]="testId()"
      />
      <button
        mat-icon-button
        matSuffix
        type="button"
        (click)="visible.set(!visible())"
        [attr.aria-label]="(visible() ? 'auth.hidePassword' : 'auth.showPassword') | t"
        [attr.aria-pressed]="visible()"
      >
        <mat-icon [fontIcon]="visible() ? 'visibility_off' : 'visibility'" />
      </button>
      <mat-error>{{ control().errors | fieldError }}</mat-error>
    </mat-form-field>
    @if (rules(); as rules) {
      <yb-password-strength
        [evaluation]="evaluation()"
        [minScore]="rules.minScore"
        [minLength]="rules.minLength"
        [maxLength]="rules.maxLength"
      />
    }
  `,
  styles: `
    .field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordField implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  readonly control = input.required<FormControl<string>>();
  readonly label = input.required<string>();
  readonly owner = input<PasswordOwner>({});
  /** The policy that applies (the user's or the domain's); the global default when unset. */
  readonly policy = input<PasswordPolicyLike | null>(null);
  readonly testId = input('new-password');

  protected readonly visible = signal(false);
  protected readonly checker = signal<PasswordChecker | null>(null);
  private readonly value = signal('');
  protected readonly rules = computed<PasswordPolicyLike | null>(
    () => this.policy() ?? this.checker()?.policy ?? null,
  );
  protected readonly evaluation = computed<PasswordEvaluation | null>(() => {
    const checker = this.checker();
    const value = this.value();
    return checker === null || value === ''
      ? null
      : checker.evaluate(value, this.owner(), this.rules() ?? undefined);
  });

  constructor() {
    void loadPasswordChecker().then((checker) => {
      this.checker.set(checker);
      this.control().updateValueAndValidity();
    });
    // A policy that arrives later (fetched) re-checks what is already typed.
    effect(() => {
      this.policy();
      untracked(() => {
        if (this.checker() !== null) this.control().updateValueAndValidity();
      });
    });
  }

  ngOnInit(): void {
    const control = this.control();
    control.addValidators(this.policyValidator);
    control.valueChanges
      .pipe(startWith(control.value), debounceTime(120), takeUntilDestroyed(this.destroyRef))
      .subscribe((value) => this.value.set(value));
  }

  private readonly policyValidator = (control: AbstractControl): ValidationErrors | null => {
    const checker = this.checker();
    const value = control.value as string;
    if (checker === null || value === '') return null;
    const issues = checker.evaluate(value, this.owner(), this.rules() ?? undefined).issues;
    return issues.length === 0 ? null : { policy: issues[0]?.code };
  };
}
