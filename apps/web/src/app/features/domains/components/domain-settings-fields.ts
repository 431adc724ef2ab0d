import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { DomainResponseDto, UpdateDomainDto } from '@yubin/api-client';
import type { Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { bytesToGb, gbToBytes, quotaGbValidators } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { LanguageSelect } from '../../../shared/ui/language-select';

export type DomainSettingsForm = FormGroup<{
  description: FormControl<string>;
  active: FormControl<boolean>;
  maxMailboxes: FormControl<number>;
  maxAliases: FormControl<number>;
  defaultQuotaGb: FormControl<number>;
  maxQuotaGb: FormControl<number>;
  quotaGb: FormControl<number>;
  /** Null: English. */
  language: FormControl<Language | null>;
}>;

const count = [Validators.required, Validators.min(0), Validators.pattern(/^\d+$/)];
const size = quotaGbValidators();

export function domainSettingsForm(domain?: DomainResponseDto): DomainSettingsForm {
  return new FormGroup({
    description: new FormControl(domain?.description ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(500)],
    }),
    active: new FormControl(domain?.active ?? true, { nonNullable: true }),
    maxMailboxes: new FormControl(domain?.maxMailboxes ?? 0, {
      nonNullable: true,
      validators: count,
    }),
    maxAliases: new FormControl(domain?.maxAliases ?? 0, { nonNullable: true, validators: count }),
    defaultQuotaGb: new FormControl(bytesToGb(domain?.defaultQuotaBytes ?? 0), {
      nonNullable: true,
      validators: size,
    }),
    maxQuotaGb: new FormControl(bytesToGb(domain?.maxQuotaBytes ?? 0), {
      nonNullable: true,
      validators: size,
    }),
    quotaGb: new FormControl(bytesToGb(domain?.quotaBytes ?? 0), {
      nonNullable: true,
      validators: size,
    }),
    language: new FormControl<Language | null>(domain?.language ?? null),
  });
}

/** The settings this form edits; the 2FA and password policies have a form of their own. */
export type DomainSettingsValue = Required<
  Pick<
    UpdateDomainDto,
    | 'description'
    | 'active'
    | 'maxMailboxes'
    | 'maxAliases'
    | 'defaultQuotaBytes'
    | 'maxQuotaBytes'
    | 'quotaBytes'
    | 'language'
  >
>;

export function domainSettingsValue(form: DomainSettingsForm): DomainSettingsValue {
  const value = form.getRawValue();
  return {
    description: value.description.trim(),
    active: value.active,
    maxMailboxes: value.maxMailboxes,
    maxAliases: value.maxAliases,
    defaultQuotaBytes: gbToBytes(value.defaultQuotaGb),
    maxQuotaBytes: gbToBytes(value.maxQuotaGb),
    quotaBytes: gbToBytes(value.quotaGb),
    language: value.language,
  };
}

/** API field names → this form's controls (under `prefix`), for applyProblem. */
export function domainFieldAliases(prefix = ''): Record<string, string> {
  return {
    description: `${prefix}description`,
    active: `${prefix}active`,
    maxMailboxes: `${prefix}maxMailboxes`,
    maxAliases: `${prefix}maxAliases`,
    defaultQuotaBytes: `${prefix}defaultQuotaGb`,
    maxQuotaBytes: `${prefix}maxQuotaGb`,
    quotaBytes: `${prefix}quotaGb`,
    language: `${prefix}language`,
  };
}

/** Description, on/off and the limits of a domain, each with what it means. */
@Component({
  selector: 'yb-domain-settings-fields',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    LanguageSelect,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <ng-container [formGroup]="group()">
      <mat-form-field>
        <mat-label>{{ 'domains.fields.description' | t }}</mat-label>
        <input matInput formControlName="description" maxlength="500" />
        <mat-hint>{{ 'domains.fields.descriptionHint' | t }}</mat-hint>
        <mat-error>{{ group().controls.description.errors | fieldError }}</mat-error>
      </mat-form-field>
      <div class="toggle">
        <mat-slide-toggle formControlName="active">{{
          'domains.fields.active' | t
        }}</mat-slide-toggle>
        <p class="yb-hint">{{ 'domains.fields.activeHint' | t }}</p>
      </div>
      <yb-language-select
        [control]="group().controls.language"
        [label]="'domains.fields.language' | t"
        [hint]="'domains.fields.languageHint' | t"
        [unsetLabel]="'domains.fields.languageDefault' | t"
        testId="domain-language"
      />
      <h3>{{ 'domains.fields.limits' | t }}</h3>
      <div class="yb-form-row">
        <mat-form-field>
          <mat-label>{{ 'domains.fields.maxMailboxes' | t }}</mat-label>
          <input matInput type="number" min="0" step="1" formControlName="maxMailboxes" />
          <mat-hint>{{ 'common.zeroUnlimited' | t }}</mat-hint>
          <mat-error>{{ group().controls.maxMailboxes.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'domains.fields.maxAliases' | t }}</mat-label>
          <input matInput type="number" min="0" step="1" formControlName="maxAliases" />
          <mat-hint>{{ 'common.zeroUnlimited' | t }}</mat-hint>
          <mat-error>{{ group().controls.maxAliases.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      <h3>{{ 'domains.fields.storage' | t }}</h3>
      <div class="yb-form-row">
        <mat-form-field>
          <mat-label>{{ 'domains.fields.defaultQuota' | t }}</mat-label>
          <input matInput type="number" min="0" step="0.5" formControlName="defaultQuotaGb" />
          <span matTextSuffix>GB</span>
          <mat-hint>{{ 'domains.fields.defaultQuotaHint' | t }}</mat-hint>
          <mat-error>{{ group().controls.defaultQuotaGb.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'domains.fields.maxQuota' | t }}</mat-label>
          <input matInput type="number" min="0" step="0.5" formControlName="maxQuotaGb" />
          <span matTextSuffix>GB</span>
          <mat-hint>{{ 'domains.fields.maxQuotaHint' | t }}</mat-hint>
          <mat-error>{{ group().controls.maxQuotaGb.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'domains.fields.pool' | t }}</mat-label>
          <input matInput type="number" min="0" step="1" formControlName="quotaGb" />
          <span matTextSuffix>GB</span>
          <mat-hint>{{ 'domains.fields.poolHint' | t }}</mat-hint>
          <mat-error>{{ group().controls.quotaGb.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
    </ng-container>
  `,
  styles: `
    :host {
      display: grid;
      gap: 8px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin-top: 12px;
    }
    .toggle {
      margin: 4px 0 8px;
    }
    .toggle p {
      margin: 4px 0 0;
    }
    mat-form-field {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DomainSettingsFields {
  readonly group = input.required<DomainSettingsForm>();
}
