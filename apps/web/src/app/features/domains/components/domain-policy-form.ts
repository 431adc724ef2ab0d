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
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { DomainResponseDto, UpdateDomainDto } from '@yubin/api-client';
import type { TwoFactorPolicy } from '#contracts';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { DOMAIN_POLICY_ERRORS } from '../data/form-errors';

export const TWO_FACTOR_POLICY_OPTIONS = [
  { value: 'off', label: 'domains.policy.off', hint: 'domains.policy.offHint' },
  { value: 'optional', label: 'domains.policy.optional', hint: 'domains.policy.optionalHint' },
  { value: 'required', label: 'domains.policy.required', hint: 'domains.policy.requiredHint' },
] as const satisfies readonly { value: TwoFactorPolicy; label: MessageKey; hint: MessageKey }[];

export const SCORE_OPTIONS = [
  { value: 0, label: 'password.score0' },
  { value: 1, label: 'password.score1' },
  { value: 2, label: 'password.score2' },
  { value: 3, label: 'password.score3' },
  { value: 4, label: 'password.score4' },
] as const satisfies readonly { value: number; label: MessageKey }[];

/** "Use the default" in a select: null is the API's own word for it. */
export const DEFAULT = -1;

export function domainPolicyForm(domain?: DomainResponseDto) {
  return new FormGroup({
    twoFactorPolicy: new FormControl<TwoFactorPolicy>(domain?.twoFactorPolicy ?? 'optional', {
      nonNullable: true,
    }),
    twoFactorGraceDays: new FormControl(domain?.twoFactorGraceDays ?? 7, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(0),
        Validators.max(365),
        Validators.pattern(/^\d+$/),
      ],
    }),
    passwordMinLength: new FormControl<number | null>(domain?.passwordMinLength ?? null, {
      validators: [Validators.min(8), Validators.max(256), Validators.pattern(/^\d+$/)],
    }),
    passwordMinScore: new FormControl<number>(domain?.passwordMinScore ?? DEFAULT, {
      nonNullable: true,
    }),
  });
}

export type DomainPolicyForm = ReturnType<typeof domainPolicyForm>;

export function domainPolicyValue(form: DomainPolicyForm): UpdateDomainDto {
  const value = form.getRawValue();
  return {
    twoFactorPolicy: value.twoFactorPolicy,
    twoFactorGraceDays: value.twoFactorGraceDays,
    // An emptied number field is null: the domain then follows the default.
    passwordMinLength: value.passwordMinLength,
    passwordMinScore: value.passwordMinScore === DEFAULT ? null : value.passwordMinScore,
  };
}

/**
 * A domain's two-step sign-in policy and its password rules, each option with what it
 * means for the people in the domain. Saved on its own, apart from the limits.
 */
@Component({
  selector: 'yb-domain-policy-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    LocalDatePipe,
  ],
  template: `
    <form class="yb-form policy" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2>{{ 'domains.policy.twoFactorTitle' | t }}</h2>
      <p class="yb-muted">{{ 'domains.policy.twoFactorIntro' | t }}</p>
      <mat-radio-group
        formControlName="twoFactorPolicy"
        class="options"
        [attr.aria-label]="'domains.policy.twoFactorTitle' | t"
      >
        @for (option of policies; track option.value) {
          <div class="option">
            <mat-radio-button
              [value]="option.value"
              [attr.data-testid]="'two-factor-' + option.value"
              >{{ option.label | t }}</mat-radio-button
            >
            <p class="yb-hint">{{ option.hint | t }}</p>
          </div>
        }
      </mat-radio-group>
      @if (policy() === 'required') {
        <mat-form-field class="narrow">
          <mat-label>{{ 'domains.policy.graceDays' | t }}</mat-label>
          <input
            matInput
            type="number"
            min="0"
            max="365"
            step="1"
            formControlName="twoFactorGraceDays"
            data-testid="grace-days"
          />
          <span matTextSuffix>{{ 'domains.policy.days' | t }}</span>
          <mat-hint>{{ 'domains.policy.graceDaysHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.twoFactorGraceDays.errors | fieldError }}</mat-error>
        </mat-form-field>
        @if (domain().twoFactorRequiredSince; as since) {
          <p class="yb-hint">{{ 'domains.policy.requiredSince' | t: { date: (since | date) } }}</p>
        }
      }

      <h2 class="second">{{ 'domains.policy.passwordTitle' | t }}</h2>
      <p class="yb-muted">
        {{
          'domains.policy.passwordInForce'
            | t
              : {
                  min: domain().passwordPolicy.minLength,
                  score: (scoreLabel(domain().passwordPolicy.minScore) | t),
                }
        }}
      </p>
      <div class="yb-form-row">
        <mat-form-field>
          <mat-label>{{ 'domains.policy.minLength' | t }}</mat-label>
          <input
            matInput
            type="number"
            min="8"
            max="256"
            step="1"
            formControlName="passwordMinLength"
            data-testid="min-length"
          />
          <mat-hint>{{ 'domains.policy.minLengthHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.passwordMinLength.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'domains.policy.minScore' | t }}</mat-label>
          <mat-select formControlName="passwordMinScore">
            <mat-option [value]="defaultValue">{{ 'domains.policy.useDefault' | t }}</mat-option>
            @for (option of scores; track option.value) {
              <mat-option [value]="option.value"
                >{{ option.value }} — {{ option.label | t }}</mat-option
              >
            }
          </mat-select>
          <mat-hint>{{ 'domains.policy.minScoreHint' | t }}</mat-hint>
        </mat-form-field>
      </div>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert">{{ message }}</p>
      }
      @if (editable()) {
        <div class="yb-actions">
          <button
            mat-flat-button
            type="submit"
            [disabled]="busy() || form.pristine"
            data-testid="save-policy"
          >
            {{ 'common.save' | t }}
          </button>
        </div>
      }
    </form>
  `,
  styles: `
    .policy {
      max-width: none;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    .second {
      margin-top: 16px;
    }
    p {
      margin: 4px 0 8px;
      max-width: 70ch;
    }
    .options {
      display: grid;
      gap: 8px;
      margin-bottom: 12px;
    }
    .option p {
      margin: 0 0 0 52px;
    }
    .narrow {
      max-width: 280px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DomainPolicyFormComponent {
  private readonly problems = inject(ProblemText);

  readonly domain = input.required<DomainResponseDto>();
  readonly editable = input(true);
  /** Sends the change; the page owns the ETag and the stale-version banner. */
  readonly save = input.required<(body: UpdateDomainDto) => Promise<void>>();
  readonly saved = output();

  protected readonly policies = TWO_FACTOR_POLICY_OPTIONS;
  protected readonly scores = SCORE_OPTIONS;
  protected readonly defaultValue = DEFAULT;
  protected readonly form = domainPolicyForm();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly policyValue = toSignal(this.form.controls.twoFactorPolicy.valueChanges);
  protected readonly policy = computed(() => this.policyValue() ?? this.domain().twoFactorPolicy);

  constructor() {
    effect(() => {
      const domain = this.domain();
      const editable = this.editable();
      untracked(() => {
        this.form.reset(domainPolicyForm(domain).getRawValue());
        if (editable) this.form.enable();
        else this.form.disable();
      });
    });
  }

  protected scoreLabel(score: number): MessageKey {
    return SCORE_OPTIONS[score]?.label ?? 'password.score3';
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.save()(domainPolicyValue(this.form));
      this.saved.emit();
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status !== 412)
        this.error.set(this.problems.forForm(this.form, problem, { errors: DOMAIN_POLICY_ERRORS }));
    } finally {
      this.busy.set(false);
    }
  }
}
