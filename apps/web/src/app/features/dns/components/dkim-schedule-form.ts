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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { DkimSettingsDto, DkimSettingsResponseDto } from '@yubin/api-client';
import {
  DKIM_OVERLAP_DAYS_MAX,
  DKIM_OVERLAP_DAYS_MIN,
  DKIM_ROTATION_DAYS_MAX,
  DKIM_ROTATION_DAYS_MIN,
} from '#contracts';
import { ProblemText } from '../../../core/http/problem-text';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { VersionedForm } from '../../../shared/forms/versioned-form';
import { FormActions } from '../../../shared/ui/form-actions';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { StaleBanner } from '../../../shared/ui/stale-banner';
import { DkimApi } from '../data/dkim-api';
import { DKIM_SETTINGS_ERRORS } from '../data/form-errors';

/** The schedule choices: never, a few common intervals, or a number of days typed in. */
type RotationChoice = 'never' | '90' | '182' | '365' | 'custom';

const PRESETS: readonly { value: RotationChoice; label: MessageKey }[] = [
  { value: 'never', label: 'dns.dkim.schedule.never' },
  { value: '90', label: 'dns.dkim.schedule.every90' },
  { value: '182', label: 'dns.dkim.schedule.every182' },
  { value: '365', label: 'dns.dkim.schedule.every365' },
  { value: 'custom', label: 'dns.dkim.schedule.custom' },
];

const WHOLE = Validators.pattern(/^\d+$/);

export function dkimScheduleForm() {
  return new FormGroup({
    rotation: new FormControl<RotationChoice>('never', { nonNullable: true }),
    dkimRotationDays: new FormControl<number | null>(null, {
      validators: [
        Validators.required,
        Validators.min(DKIM_ROTATION_DAYS_MIN),
        Validators.max(DKIM_ROTATION_DAYS_MAX),
        WHOLE,
      ],
    }),
    dkimOverlapDays: new FormControl<number | null>(null, {
      validators: [
        Validators.min(DKIM_OVERLAP_DAYS_MIN),
        Validators.max(DKIM_OVERLAP_DAYS_MAX),
        WHOLE,
      ],
    }),
  });
}

export type DkimScheduleForm = ReturnType<typeof dkimScheduleForm>;

function choiceOf(days: number | null): RotationChoice {
  if (days === null) return 'never';
  const preset = PRESETS.find((entry) => entry.value === String(days));
  return preset?.value ?? 'custom';
}

/** The request: "never" is null, a preset its days; an empty overlap is the server default. */
export function dkimScheduleRequest(form: DkimScheduleForm): DkimSettingsDto {
  const value = form.getRawValue();
  const rotation =
    value.rotation === 'never'
      ? null
      : value.rotation === 'custom'
        ? value.dkimRotationDays
        : Number(value.rotation);
  return { dkimRotationDays: rotation, dkimOverlapDays: value.dkimOverlapDays ?? null };
}

/**
 * A domain's DKIM rotation schedule (ADR 0018): rotate by itself every N days or never,
 * and how long a replaced key stays published (empty: the server's default, named when
 * the API says it). Saved with If-Match; a stale version shows the shared banner.
 */
@Component({
  selector: 'yb-dkim-schedule-form',
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
    <h3>{{ 'dns.dkim.schedule.title' | t }}</h3>
    <p class="yb-hint intro">{{ 'dns.dkim.schedule.intro' | t }}</p>
    @if (state.loadProblem(); as problem) {
      <yb-error-state
        [message]="problems.describe(problem)"
        [retryLabel]="'common.retry' | t"
        (retry)="load()"
      />
    } @else if (settings()) {
      @if (state.stale()) {
        <yb-stale-banner (reload)="load()" />
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="dkim-schedule-form">
        <div class="yb-form-row">
          <mat-form-field>
            <mat-label>{{ 'dns.dkim.schedule.rotate' | t }}</mat-label>
            <mat-select formControlName="rotation" data-testid="dkim-schedule-rotation">
              @for (preset of presets; track preset.value) {
                <mat-option [value]="preset.value">{{ preset.label | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (rotation() === 'custom') {
            <mat-form-field>
              <mat-label>{{ 'dns.dkim.schedule.days' | t }}</mat-label>
              <input
                matInput
                type="number"
                [min]="rotationMin"
                [max]="rotationMax"
                step="1"
                formControlName="dkimRotationDays"
                data-testid="dkim-schedule-days"
              />
              <mat-hint>{{
                'dns.dkim.schedule.daysHint' | t: { min: rotationMin, max: rotationMax }
              }}</mat-hint>
              <mat-error>{{ form.controls.dkimRotationDays.errors | fieldError }}</mat-error>
            </mat-form-field>
          }
          <mat-form-field>
            <mat-label>{{ 'dns.dkim.schedule.overlap' | t }}</mat-label>
            <input
              matInput
              type="number"
              [min]="overlapMin"
              [max]="overlapMax"
              step="1"
              formControlName="dkimOverlapDays"
              data-testid="dkim-schedule-overlap"
            />
            <mat-hint data-testid="dkim-schedule-overlap-hint">{{
              'dns.dkim.schedule.overlapDefault' | t: { days: defaultOverlap() }
            }}</mat-hint>
            <mat-error>{{ form.controls.dkimOverlapDays.errors | fieldError }}</mat-error>
          </mat-form-field>
        </div>
        <yb-form-actions
          [error]="state.error()"
          [busy]="state.busy()"
          [saved]="state.saved()"
          [savedLabel]="'dns.dkim.schedule.saved' | t"
          [readonly]="readonly()"
          saveTestId="dkim-schedule-save"
          errorTestId="dkim-schedule-error"
        />
      </form>
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }
  `,
  styles: `
    h3 {
      margin: 8px 0 0;
    }
    .intro {
      margin: 4px 0 12px;
      max-width: 70ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DkimScheduleFormComponent {
  private readonly api = inject(DkimApi);
  protected readonly problems = inject(ProblemText);

  /** The domain's name, lowercase. */
  readonly domain = input.required<string>();
  /** Shown without a save button (the caller may read but not change it). */
  readonly readonly = input(false);
  /** The schedule as stored now: loaded or saved. */
  readonly settingsChange = output<DkimSettingsResponseDto>();
  /** The schedule was saved: the signing key's next rotation may have moved. */
  readonly saved = output();

  protected readonly presets = PRESETS;
  protected readonly rotationMin = DKIM_ROTATION_DAYS_MIN;
  protected readonly rotationMax = DKIM_ROTATION_DAYS_MAX;
  protected readonly overlapMin = DKIM_OVERLAP_DAYS_MIN;
  protected readonly overlapMax = DKIM_OVERLAP_DAYS_MAX;
  protected readonly form = dkimScheduleForm();
  protected readonly settings = signal<DkimSettingsResponseDto | null>(null);
  /** The server's overlap, which an empty field keeps. */
  protected readonly defaultOverlap = computed(
    () => this.settings()?.inherited.dkimOverlapDays ?? 0,
  );
  protected readonly state = new VersionedForm<DkimSettingsResponseDto>(
    this.form,
    this.problems,
    { errors: DKIM_SETTINGS_ERRORS },
    (value) => {
      this.show(value);
    },
  );
  protected readonly rotation = toSignal(this.form.controls.rotation.valueChanges, {
    initialValue: this.form.controls.rotation.value,
  });

  constructor() {
    effect(() => {
      this.domain();
      untracked(() => void this.load());
    });
    effect(() => {
      if (this.readonly()) this.form.disable();
      else this.enable();
    });
    // The days field counts only for "Every … days".
    this.form.controls.rotation.valueChanges.subscribe(() => {
      if (!this.readonly()) this.enable();
    });
  }

  async load(): Promise<void> {
    await this.state.load(() => this.api.settings(this.domain()));
  }

  protected async save(): Promise<void> {
    const request = dkimScheduleRequest(this.form);
    if (await this.state.save((etag) => this.api.saveSettings(this.domain(), request, etag))) {
      this.saved.emit();
    }
  }

  private enable(): void {
    this.form.enable({ emitEvent: false });
    if (this.form.controls.rotation.value !== 'custom') {
      this.form.controls.dkimRotationDays.disable({ emitEvent: false });
    }
  }

  private show(value: DkimSettingsResponseDto): void {
    const { own } = value;
    this.settings.set(value);
    this.form.reset({
      rotation: choiceOf(own.dkimRotationDays),
      dkimRotationDays: own.dkimRotationDays,
      dkimOverlapDays: own.dkimOverlapDays,
    });
    if (this.readonly()) this.form.disable();
    else this.enable();
    this.settingsChange.emit(value);
  }
}
