import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../core/i18n/i18n.types';
import { FieldErrorPipe } from '../forms/field-error.pipe';

/**
 * The language Yubin writes to a user in (a mailbox's, a domain's): each language named
 * in its own words, and a first choice for "not set" that says what that means here.
 */
@Component({
  selector: 'yb-language-select',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, FieldErrorPipe],
  template: `
    <!-- Null is Material's "reset" option, which leaves the select empty: the placeholder,
         shown under a label that always floats, says what it means. -->
    <mat-form-field floatLabel="always">
      <mat-label>{{ label() }}</mat-label>
      <mat-select
        [formControl]="control()"
        [placeholder]="unsetLabel()"
        [attr.data-testid]="testId()"
      >
        <mat-option [value]="null">{{ unsetLabel() }}</mat-option>
        @for (language of languages; track language.code) {
          <mat-option [value]="language.code" [attr.lang]="language.code">{{
            language.label
          }}</mat-option>
        }
      </mat-select>
      <mat-hint>{{ hint() }}</mat-hint>
      <mat-error>{{ control().errors | fieldError }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
      max-width: 360px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSelect {
  readonly control = input.required<FormControl<Language | null>>();
  readonly label = input.required<string>();
  readonly hint = input.required<string>();
  /** What null means where this is used: the domain's language, or English. */
  readonly unsetLabel = input.required<string>();
  readonly testId = input<string>();

  protected readonly languages = LANGUAGES.map((code) => ({ code, label: LANGUAGE_NAMES[code] }));
}
