import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreateDkimKeyDto, DkimKeyResponseDto } from '@yubin/api-client';
import { DKIM_ALGORITHMS, type DkimAlgorithm } from '#contracts';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { DkimApi } from '../data/dkim-api';
import { DKIM_KEY_CREATE_ERRORS } from '../data/form-errors';

/** How each key type is named and what to know before choosing it. */
export const DKIM_ALGORITHM_TEXT: Readonly<
  Record<DkimAlgorithm, { label: MessageKey; hint: MessageKey }>
> = {
  'rsa-2048': { label: 'dns.dkim.algorithms.rsa-2048', hint: 'dns.dkim.algorithms.rsaHint' },
  ed25519: { label: 'dns.dkim.algorithms.ed25519', hint: 'dns.dkim.algorithms.ed25519Hint' },
};

export function dkimKeyForm() {
  return new FormGroup({
    algorithm: new FormControl<DkimAlgorithm>('rsa-2048', { nonNullable: true }),
    selector: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(63)] }),
  });
}

export type DkimKeyForm = ReturnType<typeof dkimKeyForm>;

/** The request: an empty selector lets the API name the key after today's date. */
export function dkimKeyRequest(form: DkimKeyForm): CreateDkimKeyDto {
  const value = form.getRawValue();
  const selector = value.selector.trim().toLowerCase();
  return { algorithm: value.algorithm, ...(selector === '' ? {} : { selector }) };
}

/** A new DKIM key: its type and, optionally, its selector. */
@Component({
  selector: 'yb-dkim-key-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="dkim-create-form">
      <div class="yb-form-row">
        <mat-form-field>
          <mat-label>{{ 'dns.dkim.fields.algorithm' | t }}</mat-label>
          <mat-select formControlName="algorithm" data-testid="dkim-algorithm">
            @for (algorithm of algorithms; track algorithm) {
              <mat-option [value]="algorithm">{{ text[algorithm].label | t }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ hint() | t }}</mat-hint>
          <mat-error>{{ form.controls.algorithm.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'dns.dkim.fields.selector' | t }}</mat-label>
          <input
            matInput
            formControlName="selector"
            maxlength="63"
            autocomplete="off"
            spellcheck="false"
            data-testid="dkim-selector"
          />
          <mat-hint>{{ 'dns.dkim.fields.selectorHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.selector.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert">{{ message }}</p>
      }
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="dkim-create-save">
          {{ 'dns.dkim.create' | t }}
        </button>
        <button mat-button type="button" [disabled]="busy()" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: grid;
      gap: 12px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DkimKeyFormComponent {
  private readonly api = inject(DkimApi);
  private readonly problems = inject(ProblemText);

  readonly domain = input.required<string>();
  readonly created = output<DkimKeyResponseDto>();
  readonly cancelled = output();

  protected readonly algorithms = DKIM_ALGORITHMS;
  protected readonly text = DKIM_ALGORITHM_TEXT;
  protected readonly form = dkimKeyForm();
  private readonly algorithm = toSignal(this.form.controls.algorithm.valueChanges, {
    initialValue: this.form.controls.algorithm.value,
  });
  protected readonly hint = computed(() => DKIM_ALGORITHM_TEXT[this.algorithm()].hint);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** One key per form: a retry of the same request does not make a second key. */
  private readonly idempotencyKey = newIdempotencyKey();

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.created.emit(
        await this.api.create(this.domain(), dkimKeyRequest(this.form), this.idempotencyKey),
      );
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), { errors: DKIM_KEY_CREATE_ERRORS }),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
