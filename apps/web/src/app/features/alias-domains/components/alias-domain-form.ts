import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { AliasDomainResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { domainSuggestions } from '../../../shared/ui/domain-picker';
import { AliasDomainsApi } from '../data/alias-domains-api';
import { ALIAS_DOMAIN_CREATE_ERRORS } from '../data/form-errors';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';

/** Adds a second name for a domain: mail to user@alias goes to user@target. */
@Component({
  selector: 'yb-alias-domain-form',
  imports: [
    UnicodeNamePipe,
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatAutocompleteModule,
    MatButtonModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <form class="yb-card form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2>{{ 'aliasDomains.new' | t }}</h2>
      <div class="yb-form-row">
        <mat-form-field>
          <mat-label>{{ 'aliasDomains.fields.name' | t }}</mat-label>
          <input
            matInput
            formControlName="name"
            autocomplete="off"
            placeholder="example.net"
            data-testid="alias-domain-name"
          />
          <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'aliasDomains.fields.target' | t }}</mat-label>
          <input
            matInput
            formControlName="targetDomain"
            autocomplete="off"
            placeholder="example.com"
            [matAutocomplete]="targets"
            data-testid="alias-domain-target"
          />
          <mat-autocomplete #targets="matAutocomplete">
            @for (name of targetOptions(); track name) {
              <mat-option [value]="name">{{ name | unicodeName }}</mat-option>
            }
          </mat-autocomplete>
          <mat-hint>{{ 'aliasDomains.fields.targetHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.targetDomain.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert">{{ message }}</p>
      }
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-alias-domain">
          {{ 'aliasDomains.create' | t }}
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AliasDomainForm {
  private readonly api = inject(AliasDomainsApi);
  private readonly problems = inject(ProblemText);
  private idempotencyKey = newIdempotencyKey();
  readonly created = output<AliasDomainResponseDto>();

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    targetDomain: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  /** The domains already in Yubin whose names start with what was typed. */
  protected readonly targetOptions = toSignal(
    domainSuggestions(
      this.form.controls.targetDomain.valueChanges,
      () => (prefix) => this.api.domainNames(prefix),
    ),
    { initialValue: [] },
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const value = this.form.getRawValue();
      const created = await this.api.create(
        { name: value.name.trim(), targetDomain: value.targetDomain.trim() },
        this.idempotencyKey,
      );
      this.form.reset();
      this.idempotencyKey = newIdempotencyKey();
      this.created.emit(created);
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: ALIAS_DOMAIN_CREATE_ERRORS,
          codes: {
            ALIAS_DOMAIN_EXISTS: 'name',
            DOMAIN_EXISTS: 'name',
            DOMAIN_NOT_FOUND: 'targetDomain',
          },
        }),
      );
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }
}
