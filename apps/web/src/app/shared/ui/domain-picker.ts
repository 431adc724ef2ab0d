import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocompleteModule,
  type MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { debounceTime, distinctUntilChanged, startWith, switchMap, type Observable } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../forms/field-error.pipe';
import { UnicodeNamePipe } from './unicode-name.pipe';

/** Finds domain names starting with what was typed (at most a screenful). */
export type DomainSearch = (prefix: string) => Promise<string[]>;

/** A search over a fixed list: a domain admin's own domains. */
export function searchIn(names: readonly string[]): DomainSearch {
  return (prefix) => {
    const start = prefix.trim().toLowerCase();
    return Promise.resolve(names.filter((name) => name.startsWith(start)).slice(0, 50));
  };
}

/**
 * What to suggest while a domain name is typed: the search for its start, a moment after
 * the last key, the newest answer winning. Shared by every domain field, chips or not.
 */
export function domainSuggestions(
  typed: Observable<unknown>,
  search: () => DomainSearch,
): Observable<string[]> {
  return typed.pipe(
    startWith(''),
    debounceTime(150),
    distinctUntilChanged(),
    switchMap((prefix) => search()(typeof prefix === 'string' ? prefix : '').catch(() => [])),
  );
}

/**
 * Domains as removable chips, added by typing the start of a name and picking it: works
 * the same for three domains or a hundred thousand (the search asks the API). One picker
 * wherever a form takes domains of Yubin (a role's domains, an API token's limit).
 */
@Component({
  selector: 'yb-domain-picker',
  imports: [
    UnicodeNamePipe,
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <mat-form-field class="field">
      <mat-label>{{ label() }}</mat-label>
      <mat-chip-grid #grid [formControl]="control()" [attr.aria-label]="label()">
        @for (name of control().value; track name) {
          <mat-chip-row [value]="name" (removed)="remove(name)" [disabled]="control().disabled">
            {{ name | unicodeName }}
            <button
              matChipRemove
              type="button"
              [attr.aria-label]="'admins.fields.removeDomain' | t: { name: name | unicodeName }"
            >
              <mat-icon fontIcon="cancel" />
            </button>
          </mat-chip-row>
        }
        <input
          [formControl]="query"
          [matChipInputFor]="grid"
          [matAutocomplete]="auto"
          [placeholder]="'admins.fields.domainsPlaceholder' | t"
          autocomplete="off"
          [attr.data-testid]="testId()"
        />
      </mat-chip-grid>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="add($event)">
        @for (name of options(); track name) {
          <mat-option [value]="name">{{ name | unicodeName }}</mat-option>
        }
      </mat-autocomplete>
      @if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
      <mat-error>{{ control().errors | fieldError }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    .field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DomainPicker implements OnInit {
  private readonly destroyRef = inject(DestroyRef);

  readonly control = input.required<FormControl<string[]>>();
  readonly search = input.required<DomainSearch>();
  readonly label = input.required<string>();
  readonly hint = input('');
  readonly testId = input('domain-picker');

  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly options = signal<string[]>([]);

  ngOnInit(): void {
    domainSuggestions(this.query.valueChanges, () => this.search())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((names) => {
        const chosen = new Set(this.control().value);
        this.options.set(names.filter((name) => !chosen.has(name)));
      });
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const name = event.option.value as string;
    const control = this.control();
    if (!control.value.includes(name)) control.setValue([...control.value, name]);
    control.markAsDirty();
    this.options.update((names) => names.filter((other) => other !== name));
    this.query.setValue('');
  }

  protected remove(name: string): void {
    const control = this.control();
    control.setValue(control.value.filter((other) => other !== name));
    control.markAsDirty();
    control.markAsTouched();
  }
}
