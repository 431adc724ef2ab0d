import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatRadioModule } from '@angular/material/radio';
import type { AdminRole } from '#contracts';
import { startWith } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { grantableDomains, grantableRoles, roleNeedsDomains } from '../data/roles';
import { DomainPicker, searchIn, type DomainSearch } from '../../../shared/ui/domain-picker';

/** Domains are needed unless the role is superadmin. */
const domainsForRole = (group: AbstractControl): ValidationErrors | null => {
  const role = group.get('role')?.value as AdminRole | null;
  const domains = group.get('domains');
  if (domains === null || role === null) return null;
  const missing = roleNeedsDomains(role) && (domains.value as string[]).length === 0;
  const errors = { ...(domains.errors ?? {}) };
  if (missing) errors['required'] = true;
  else delete errors['required'];
  domains.setErrors(Object.keys(errors).length > 0 ? errors : null);
  return null;
};

export function roleForm(role: AdminRole | null = null, domains: string[] = []) {
  return new FormGroup(
    {
      role: new FormControl<AdminRole | null>(role, { validators: [Validators.required] }),
      domains: new FormControl<string[]>(domains, { nonNullable: true }),
    },
    { validators: domainsForRole },
  );
}

export type RoleForm = ReturnType<typeof roleForm>;

/**
 * Which role, explained in plain words, and over which domains: only what the signed-in
 * admin may grant is offered.
 */
@Component({
  selector: 'yb-role-fields',
  imports: [ReactiveFormsModule, MatRadioModule, DomainPicker, TranslatePipe, FieldErrorPipe],
  template: `
    <ng-container [formGroup]="group()">
      <fieldset>
        <legend>{{ 'admins.fields.role' | t }}</legend>
        <mat-radio-group
          formControlName="role"
          class="roles"
          [attr.aria-label]="'admins.fields.role' | t"
        >
          @for (option of roles(); track option.role) {
            <div class="role">
              <mat-radio-button [value]="option.role" [attr.data-testid]="'role-' + option.role">{{
                option.label | t
              }}</mat-radio-button>
              <p class="yb-hint">{{ option.explain | t }}</p>
            </div>
          }
        </mat-radio-group>
        @if (group().controls.role.touched && group().controls.role.invalid) {
          <p class="error" role="alert">{{ group().controls.role.errors | fieldError }}</p>
        }
      </fieldset>
      @if (needsDomains()) {
        <yb-domain-picker
          [control]="group().controls.domains"
          [search]="domainSearch()"
          [label]="'admins.fields.domains' | t"
          [hint]="'admins.fields.domainsHint' | t"
          testId="admin-domains"
        />
      } @else {
        <p class="yb-hint">{{ 'admins.fields.allDomains' | t }}</p>
      }
    </ng-container>
  `,
  styles: `
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0;
      margin-bottom: 4px;
    }
    .roles {
      display: grid;
      gap: 8px;
    }
    .role p {
      margin: 0 0 0 52px;
      max-width: 64ch;
    }
    .error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleFields implements OnInit {
  private readonly session = inject(Session);
  private readonly destroyRef = inject(DestroyRef);

  readonly group = input.required<RoleForm>();
  /** Searches all domains, for a signed-in admin who reaches all of them. */
  readonly searchAllDomains = input<DomainSearch>(searchIn([]));

  private readonly roleValue = signal<AdminRole | null>(null);
  protected readonly roles = computed(() => {
    const user = this.session.user();
    return user === null ? [] : grantableRoles(user);
  });
  /** An admin of some domains picks among their own; one of all domains searches them all. */
  protected readonly domainSearch = computed<DomainSearch>(() => {
    const domains = this.session.user()?.domains ?? null;
    return domains === null ? this.searchAllDomains() : searchIn(grantableDomains({ domains }));
  });
  protected readonly needsDomains = computed(() => {
    const role = this.roleValue();
    return role === null || roleNeedsDomains(role);
  });

  ngOnInit(): void {
    const role = this.group().controls.role;
    role.valueChanges
      .pipe(startWith(role.value), takeUntilDestroyed(this.destroyRef))
      .subscribe((value) => this.roleValue.set(value));
  }
}
