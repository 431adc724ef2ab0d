import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { SpamPolicyDto, SpamPolicyResponseDto } from '@yubin/api-client';
import type { SpamThreshold, VirusAction } from '#contracts';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n, type MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { VersionedForm } from '../../../shared/forms/versioned-form';
import { FormActions } from '../../../shared/ui/form-actions';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { StaleBanner } from '../../../shared/ui/stale-banner';
import type { SpamPolicySource } from '../data/spam-api';
import { describePolicy, type PolicyLine } from './spam-policy-words';
import { SPAM_POLICY_ERRORS } from '../data/form-errors';

/** A select's "inherit" choice; null is the API's own word for it. */
const INHERIT = 'inherit';
const SCORE = [Validators.min(0), Validators.max(1000)];

export function spamPolicyForm() {
  const score = () => new FormControl<number | null>(null, { validators: SCORE });
  return new FormGroup({
    enabled: new FormControl<'inherit' | 'on' | 'off'>(INHERIT, { nonNullable: true }),
    addHeaderScore: score(),
    junkScore: score(),
    rejectScore: score(),
    junkFolder: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    virusAction: new FormControl<'inherit' | VirusAction>(INHERIT, { nonNullable: true }),
  });
}

export type SpamPolicyForm = ReturnType<typeof spamPolicyForm>;

export function spamPolicyRequest(form: SpamPolicyForm): SpamPolicyDto {
  const value = form.getRawValue();
  const folder = value.junkFolder.trim();
  return {
    enabled: value.enabled === INHERIT ? null : value.enabled === 'on',
    addHeaderScore: value.addHeaderScore,
    junkScore: value.junkScore,
    rejectScore: value.rejectScore,
    junkFolder: folder === '' ? null : folder,
    virusAction: value.virusAction === INHERIT ? null : value.virusAction,
  };
}

const THRESHOLDS: readonly { field: SpamThreshold; label: MessageKey }[] = [
  { field: 'addHeaderScore', label: 'spam.policy.addHeaderScore' },
  { field: 'junkScore', label: 'spam.policy.junkScore' },
  { field: 'rejectScore', label: 'spam.policy.rejectScore' },
];

/**
 * One level's spam policy. Empty fields inherit (the hint says from where and what);
 * the lines above the form say in plain words what happens to mail, live as one types.
 */
@Component({
  selector: 'yb-spam-policy-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    FormActions,
    Loading,
    ErrorState,
    StaleBanner,
  ],
  template: `
    <h2>{{ 'spam.policy.title' | t }}</h2>
    @if (state.loadProblem(); as problem) {
      <yb-error-state
        [message]="problems.describe(problem)"
        [retryLabel]="'common.retry' | t"
        (retry)="load()"
      />
    } @else if (policy(); as current) {
      @if (state.stale()) {
        <yb-stale-banner (reload)="load()" />
      }
      <ul class="words" data-testid="spam-policy-words" aria-live="polite">
        @for (line of words(); track line.key) {
          <li>{{ line.key | t: line.params }}</li>
        }
      </ul>
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <div class="yb-form-row">
          @for (threshold of thresholds; track threshold.field) {
            <mat-form-field>
              <mat-label>{{ threshold.label | t }}</mat-label>
              <input
                matInput
                type="number"
                min="0"
                max="1000"
                step="0.5"
                [formControlName]="threshold.field"
                [attr.data-testid]="'spam-' + threshold.field"
              />
              <mat-hint>{{ hint(threshold.field, current) }}</mat-hint>
              <mat-error>{{ form.controls[threshold.field].errors | fieldError }}</mat-error>
            </mat-form-field>
          }
        </div>
        <div class="yb-form-row">
          <mat-form-field>
            <mat-label>{{ 'spam.policy.junkFolder' | t }}</mat-label>
            <input
              matInput
              formControlName="junkFolder"
              maxlength="100"
              data-testid="spam-junkFolder"
            />
            <mat-hint>{{
              'spam.policy.inherits' | t: { value: current.inherited.junkFolder }
            }}</mat-hint>
            <mat-error>{{ form.controls.junkFolder.errors | fieldError }}</mat-error>
          </mat-form-field>
          @if (admin()) {
            <mat-form-field>
              <mat-label>{{ 'spam.policy.enabled' | t }}</mat-label>
              <mat-select formControlName="enabled" data-testid="spam-enabled">
                <mat-option value="inherit">{{
                  inheritLabel(current.inherited.enabled ? 'spam.policy.on' : 'spam.policy.off')
                }}</mat-option>
                <mat-option value="on">{{ 'spam.policy.on' | t }}</mat-option>
                <mat-option value="off">{{ 'spam.policy.off' | t }}</mat-option>
              </mat-select>
              <mat-error>{{ form.controls.enabled.errors | fieldError }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'spam.policy.virusAction' | t }}</mat-label>
              <mat-select formControlName="virusAction" data-testid="spam-virusAction">
                <mat-option value="inherit">{{
                  inheritLabel(
                    current.inherited.virusAction === 'junk'
                      ? 'spam.policy.virusJunk'
                      : 'spam.policy.virusReject'
                  )
                }}</mat-option>
                <mat-option value="reject">{{ 'spam.policy.virusReject' | t }}</mat-option>
                <mat-option value="junk">{{ 'spam.policy.virusJunk' | t }}</mat-option>
              </mat-select>
              <mat-error>{{ form.controls.virusAction.errors | fieldError }}</mat-error>
            </mat-form-field>
          }
        </div>
        <yb-form-actions
          [error]="state.error()"
          [busy]="state.busy()"
          [saved]="state.saved()"
          [savedLabel]="'spam.policy.saved' | t"
          [readonly]="readonly()"
          saveTestId="spam-policy-save"
        />
      </form>
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }
  `,
  styles: `
    .words {
      margin: 0 0 16px;
      padding-left: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpamPolicyFormComponent {
  protected readonly problems = inject(ProblemText);
  private readonly i18n = inject(I18n);

  readonly source = input.required<SpamPolicySource>();
  /** Shown without a save button (the caller may read but not change it). */
  readonly readonly = input(false);

  protected readonly thresholds = THRESHOLDS;
  protected readonly form = spamPolicyForm();
  protected readonly policy = signal<SpamPolicyResponseDto | null>(null);
  protected readonly state = new VersionedForm<SpamPolicyResponseDto>(
    this.form,
    this.problems,
    { errors: SPAM_POLICY_ERRORS },
    (value) => {
      this.show(value);
    },
  );

  protected readonly admin = computed(() => this.source().level !== 'self');
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.value });

  /** What the form would make of the mail, before it is saved. */
  protected readonly words = computed((): PolicyLine[] => {
    this.formValue();
    const current = this.policy();
    if (current === null) return [];
    const own = spamPolicyRequest(this.form);
    const inherited = current.inherited;
    return describePolicy({
      enabled: this.admin() ? (own.enabled ?? inherited.enabled) : current.effective.enabled,
      addHeaderScore: own.addHeaderScore ?? inherited.addHeaderScore,
      junkScore: own.junkScore ?? inherited.junkScore,
      rejectScore: own.rejectScore ?? inherited.rejectScore,
      junkFolder: own.junkFolder ?? inherited.junkFolder,
      virusAction: this.admin()
        ? (own.virusAction ?? inherited.virusAction)
        : current.effective.virusAction,
    });
  });

  constructor() {
    effect(() => {
      this.source();
      untracked(() => void this.load());
    });
    effect(() => {
      if (this.readonly()) this.form.disable();
      else this.form.enable();
    });
  }

  protected hint(field: SpamThreshold, current: SpamPolicyResponseDto): string {
    const value = current.inherited[field];
    return this.source().level === 'self'
      ? this.i18n.t('spam.policy.atMost', { value })
      : this.i18n.t('spam.policy.inherits', { value });
  }

  protected inheritLabel(key: MessageKey): string {
    return this.i18n.t('spam.policy.inheritValue', {
      value: this.i18n.t(key),
    });
  }

  async load(): Promise<void> {
    await this.state.load(() => this.source().get());
  }

  protected async save(): Promise<void> {
    // The order of the thresholds is one rule over several fields: fixing any of them may
    // satisfy it, so the API's last verdict is dropped and asked for again.
    for (const control of Object.values(this.form.controls)) control.updateValueAndValidity();
    const request = spamPolicyRequest(this.form);
    await this.state.save((etag) => this.source().save(request, etag));
  }

  private show(value: SpamPolicyResponseDto): void {
    const own = value.own;
    this.policy.set(value);
    this.form.reset({
      enabled: own.enabled === null ? INHERIT : own.enabled ? 'on' : 'off',
      addHeaderScore: own.addHeaderScore,
      junkScore: own.junkScore,
      rejectScore: own.rejectScore,
      junkFolder: own.junkFolder ?? '',
      virusAction: own.virusAction ?? INHERIT,
    });
  }
}
