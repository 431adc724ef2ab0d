import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';

import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { AliasResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { LOCAL_PART_MAX_OCTETS } from '#contracts';
import { formatListText, parseListText } from '../../../shared/forms/list-text';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { AliasesApi } from '../data/aliases-api';
import { ALIAS_CREATE_ERRORS, ALIAS_UPDATE_ERRORS } from '../data/form-errors';
import { UnicodeNamePipe, UnicodeNamesPipe } from '../../../shared/ui/unicode-name.pipe';
import { Address } from '../../../shared/ui/address';

export interface AliasDialogData {
  domain: string;
  /** Editing an existing alias; absent to create one. */
  alias?: AliasResponseDto;
  etag?: string;
  /** Create the catch-all (the domain has none yet). */
  catchAll?: boolean;
}

/** Create or edit an alias: where mail to an address goes. */
@Component({
  selector: 'yb-alias-dialog',
  imports: [
    Address,
    UnicodeNamePipe,
    UnicodeNamesPipe,
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatCheckboxModule,
    MatSlideToggleModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ title() | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="content">
        @if (isCatchAll()) {
          <p class="yb-muted">
            {{ 'aliases.catchAllExplain' | t: { domain: data.domain | unicodeName } }}
          </p>
        } @else if (!data.alias) {
          <mat-form-field>
            <mat-label>{{ 'aliases.fields.address' | t }}</mat-label>
            <input
              matInput
              formControlName="localPart"
              autocomplete="off"
              autocapitalize="none"
              spellcheck="false"
              data-testid="alias-local-part"
            />
            <span matTextSuffix>&#64;{{ data.domain | unicodeName }}</span>
            <mat-error>{{ form.controls.localPart.errors | fieldError }}</mat-error>
          </mat-form-field>
        } @else {
          <p class="yb-mono"><yb-address [address]="data.alias.address" /></p>
        }
        <mat-form-field>
          <mat-label>{{ 'aliases.fields.destinations' | t }}</mat-label>
          <textarea
            matInput
            formControlName="destinations"
            rows="4"
            spellcheck="false"
            data-testid="alias-destinations"
          ></textarea>
          <mat-hint>{{ 'aliases.fields.destinationsHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.destinations.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-slide-toggle formControlName="active">{{
          'aliases.fields.active' | t
        }}</mat-slide-toggle>
        @if (stale()) {
          <p class="yb-banner-error" role="alert">{{ 'common.stale' | t }}</p>
        }
        @if (unknown(); as addresses) {
          <p class="yb-banner-warning" role="alert" data-testid="unknown-destinations">
            {{ 'aliases.unknownDestinations' | t: { addresses: addresses | unicodeNames } }}
          </p>
        }
        @if (error(); as message) {
          <p class="yb-banner-error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-alias">
          {{ submitLabel() | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .content {
      display: grid;
      gap: 8px;
      min-width: min(480px, 80vw);
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AliasDialog {
  private readonly api = inject(AliasesApi);
  private readonly problems = inject(ProblemText);
  private readonly ref = inject<MatDialogRef<AliasDialog, AliasResponseDto>>(MatDialogRef);
  protected readonly data = inject<AliasDialogData>(MAT_DIALOG_DATA);
  private idempotencyKey = newIdempotencyKey();

  protected readonly isCatchAll = computed(
    () => this.data.catchAll === true || this.data.alias?.catchAll === true,
  );
  /** A new catch-all is not "an alias" to the admin: its button says what it turns on. */
  protected readonly submitLabel = computed<MessageKey>(() =>
    this.unknown() !== null
      ? this.data.alias
        ? 'common.saveAnyway'
        : 'aliases.createAnyway'
      : this.data.alias
        ? 'common.save'
        : this.data.catchAll
          ? 'aliases.catchAllCreate'
          : 'aliases.create',
  );
  protected readonly title = computed(() =>
    this.isCatchAll() ? 'aliases.catchAll' : this.data.alias ? 'aliases.edit' : 'aliases.new',
  );
  protected readonly form = new FormGroup({
    localPart: new FormControl('', {
      nonNullable: true,
      // As on the mailbox form: a too-long local part says so, not which characters to use.
      validators:
        this.data.alias || this.data.catchAll
          ? []
          : [Validators.required, Validators.maxLength(LOCAL_PART_MAX_OCTETS)],
    }),
    destinations: new FormControl(formatListText(this.data.alias?.destinations ?? []), {
      nonNullable: true,
      validators: [Validators.required],
    }),
    active: new FormControl(this.data.alias?.active ?? true, { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly stale = signal(false);
  /**
   * Destinations here that nothing receives, as the API named them: shown as a warning,
   * and the next submit confirms them. Editing the list asks again.
   */
  protected readonly unknown = signal<string[] | null>(null);

  constructor() {
    this.form.controls.destinations.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.unknown.set(null));
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const destinations = parseListText(value.destinations);
    const confirm = this.unknown() === null ? {} : { confirmUnknownDestinations: true };
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = this.data.alias
        ? await this.api.update(
            this.data.alias.address,
            { destinations, active: value.active, ...confirm },
            this.data.etag,
          )
        : await this.api.create(
            this.data.domain,
            {
              localPart: this.isCatchAll() ? '' : value.localPart.trim(),
              destinations,
              active: value.active,
              ...confirm,
            },
            this.idempotencyKey,
          );
      this.ref.close(saved);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412) {
        this.stale.set(true);
      } else if (problem.code === 'ALIAS_DESTINATION_UNKNOWN' && problem.unknownDestinations) {
        this.unknown.set(problem.unknownDestinations);
      } else {
        this.error.set(
          this.problems.forForm(this.form, problem, {
            errors: this.data.alias === undefined ? ALIAS_CREATE_ERRORS : ALIAS_UPDATE_ERRORS,
            fields: { address: 'localPart' },
            codes: {
              ALIAS_EXISTS: 'localPart',
              ADDRESS_IN_USE: 'localPart',
              ADDRESS_IS_MAILBOX: 'localPart',
            },
          }),
        );
      }
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }
}
