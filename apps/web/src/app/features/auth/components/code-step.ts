import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';

const TOTP = /^\d{6}$/;
/** `k7mq2-vx9rt`, with or without the hyphen or spaces, any case. */
const RECOVERY = /^[a-z0-9]{10}$/i;

/** The code as the API wants it: digits without spaces, a recovery code as typed. */
export function normaliseCode(value: string, recovery: boolean): string {
  const trimmed = value.trim();
  return recovery ? trimmed : trimmed.replace(/\s+/g, '');
}

/**
 * The second sign-in step: the 6-digit code from the authenticator app or, for someone
 * without their phone, one of the recovery codes. Says how many tries are left and offers
 * a way back to the password.
 */
@Component({
  selector: 'yb-code-step',
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
    <h2 class="step-title">{{ 'auth.codeHeading' | t }}</h2>
    <p class="yb-muted">
      {{ (recovery() ? 'auth.recoveryIntro' : 'auth.codeIntro') | t }}
    </p>
    <form [formGroup]="form" (ngSubmit)="submit()" class="yb-form" novalidate>
      <mat-form-field>
        <mat-label>{{ (recovery() ? 'auth.recoveryCode' : 'auth.code') | t }}</mat-label>
        <input
          matInput
          formControlName="code"
          autocomplete="one-time-code"
          [attr.inputmode]="recovery() ? 'text' : 'numeric'"
          [attr.maxlength]="recovery() ? 16 : 8"
          spellcheck="false"
          required
          data-testid="login-code"
        />
        <mat-hint>{{ (recovery() ? 'auth.recoveryHint' : 'auth.codeHint') | t }}</mat-hint>
        @if (form.controls.code.invalid) {
          <mat-error>{{ form.controls.code.errors | fieldError }}</mat-error>
        }
      </mat-form-field>
      @if (left(); as message) {
        <p class="yb-hint" data-testid="attempts-left">
          {{ message | t: { count: attemptsLeft() ?? 0 } }}
        </p>
      }
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="login-code-submit">
        {{ 'auth.verify' | t }}
      </button>
      <div class="links">
        <button mat-button type="button" (click)="toggle()" data-testid="use-recovery-code">
          <mat-icon [fontIcon]="recovery() ? 'smartphone' : 'key'" />
          {{ (recovery() ? 'auth.useApp' : 'auth.useRecovery') | t }}
        </button>
        <button mat-button type="button" (click)="back.emit()" data-testid="back-to-password">
          <mat-icon fontIcon="arrow_back" />{{ 'auth.backToPassword' | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .step-title {
      font: var(--mat-sys-title-medium);
      margin-top: 8px;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 4px;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CodeStep {
  readonly busy = input(false);
  /** Codes left for this sign-in, when the API has said. */
  readonly attemptsLeft = input<number | undefined>(undefined);
  readonly submitted = output<string>();
  readonly back = output();

  protected readonly recovery = signal(false);
  protected readonly left = computed(() => {
    const left = this.attemptsLeft();
    return left === undefined || left <= 0 ? null : ('auth.attemptsLeft' as const);
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, (control: { value: string }) => this.format(control.value)]],
  });

  protected toggle(): void {
    this.recovery.set(!this.recovery());
    this.form.reset();
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitted.emit(normaliseCode(this.form.getRawValue().code, this.recovery()));
  }

  /** Catches a typo before it costs one of the few attempts. */
  private format(value: string): { codeFormat: true } | null {
    if (value.trim() === '') return null;
    const recovery = this.recovery();
    const compact = recovery ? value.trim().replace(/[\s-]/g, '') : normaliseCode(value, false);
    return (recovery ? RECOVERY : TOTP).test(compact) ? null : { codeFormat: true };
  }
}
