import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import {
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreatedApiTokenResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { DomainPicker } from '../../../shared/ui/domain-picker';
import { ApiTokensApi } from '../data/api-tokens-api';
import { EXPIRY_OPTIONS, expiryDate, SCOPE_OPTIONS } from './scopes';
import { API_TOKEN_CREATE_ERRORS } from '../data/form-errors';

const atLeastOne = (control: AbstractControl): ValidationErrors | null =>
  (control.value as boolean[]).some(Boolean) ? null : { required: true };

/** Name, what the token may do, where, and for how long. */
@Component({
  selector: 'yb-create-token-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    MatSelectModule,
    MatButtonModule,
    TranslatePipe,
    FieldErrorPipe,
    DomainPicker,
  ],
  template: `
    <form class="yb-card form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2>{{ 'tokens.new' | t }}</h2>
      <mat-form-field>
        <mat-label>{{ 'tokens.fields.name' | t }}</mat-label>
        <input
          matInput
          formControlName="name"
          maxlength="100"
          autocomplete="off"
          data-testid="token-name"
        />
        <mat-hint>{{ 'tokens.fields.nameHint' | t }}</mat-hint>
        <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
      </mat-form-field>
      <fieldset formArrayName="scopes">
        <legend>{{ 'tokens.fields.scopes' | t }}</legend>
        <p class="yb-hint">{{ 'tokens.fields.scopesHint' | t }}</p>
        <div class="scopes">
          @for (option of scopes; track option.scope; let i = $index) {
            <mat-checkbox [formControlName]="i" [attr.data-testid]="'scope-' + option.scope">
              <span class="yb-mono">{{ option.scope }}</span> — {{ option.label | t }}
            </mat-checkbox>
          }
        </div>
        @if (form.controls.scopes.touched && form.controls.scopes.invalid) {
          <p class="error" role="alert">{{ form.controls.scopes.errors | fieldError }}</p>
        }
      </fieldset>
      <div class="yb-form-row">
        <yb-domain-picker
          [control]="form.controls.domains"
          [search]="searchDomains"
          [label]="'tokens.fields.domains' | t"
          [hint]="'tokens.fields.domainsHint' | t"
          testId="token-domains"
        />
        <mat-form-field>
          <mat-label>{{ 'tokens.fields.expiry' | t }}</mat-label>
          <mat-select formControlName="expiryDays">
            @for (option of expiries; track option.days) {
              <mat-option [value]="option.days">{{ option.label | t }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'tokens.fields.expiryHint' | t }}</mat-hint>
        </mat-form-field>
      </div>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert">{{ message }}</p>
      }
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-token">
          {{ 'tokens.create' | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .form {
      display: grid;
      gap: 8px;
      margin-bottom: 24px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 8px 0 12px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0;
    }
    .scopes {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0 16px;
    }
    @media (max-width: 700px) {
      .scopes {
        grid-template-columns: 1fr;
      }
    }
    .error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateTokenForm {
  private readonly api = inject(ApiTokensApi);
  private readonly problems = inject(ProblemText);
  private idempotencyKey = newIdempotencyKey();
  readonly created = output<CreatedApiTokenResponseDto>();

  protected readonly scopes = SCOPE_OPTIONS;
  protected readonly expiries = EXPIRY_OPTIONS;
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(100)],
    }),
    scopes: new FormArray(
      SCOPE_OPTIONS.map(() => new FormControl(false, { nonNullable: true })),
      { validators: atLeastOne },
    ),
    domains: new FormControl<string[]>([], { nonNullable: true }),
    expiryDays: new FormControl<number>(90, { nonNullable: true }),
  });
  protected readonly searchDomains = (prefix: string) => this.api.domainNames(prefix);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const domains = value.domains;
    this.busy.set(true);
    this.error.set(null);
    try {
      const created = await this.api.create(
        {
          name: value.name.trim(),
          scopes: SCOPE_OPTIONS.filter((_, index) => value.scopes[index]).map(
            (option) => option.scope,
          ),
          ...(domains.length > 0 ? { domains } : {}),
          ...(expiryDate(value.expiryDays) === undefined
            ? {}
            : { expiresAt: expiryDate(value.expiryDays) }),
        },
        this.idempotencyKey,
      );
      this.form.reset({
        name: '',
        scopes: SCOPE_OPTIONS.map(() => false),
        domains: [],
        expiryDays: 90,
      });
      this.idempotencyKey = newIdempotencyKey();
      this.created.emit(created);
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: API_TOKEN_CREATE_ERRORS,
          fields: { expiresAt: 'expiryDays' },
          codes: { SCOPE_NOT_GRANTABLE: 'scopes' },
        }),
      );
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }
}
